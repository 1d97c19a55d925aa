import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ErrorList, FormMessage } from "~/components/forms";
import { decideNomination, nominate } from "~/domain/assessment/excellent.server";
import { attempt, ok, refuse, type Reply } from "~/domain/assessment/reply.server";
import { requireReviewer, reviewedUnionsWhere } from "~/domain/assessment/scope.server";
import type { MessageKey } from "~/i18n";
import { prisma } from "~/utils/db.server";
import { forbidden } from "~/utils/http.server";
import { useI18n } from "~/utils/i18n";
import { getT } from "~/utils/i18n.server";
import { idField } from "~/utils/validation";
import { pickRound } from "./__overview.server";
import { pageMeta } from "~/utils/meta";
import { orgName } from "~/utils/org-name";

export const meta = pageMeta<typeof loader>("page.nominations.title", "page.nominations.description");

// County staff nominate unions confirmed as meeting the standard; city staff confirm or decline.
export async function loader({ request }: LoaderFunctionArgs) {
  const { scope } = await requireReviewer(request);
  const { round } = await pickRound(new URL(request.url));
  if (!round) return { round: null, eligible: [], nominations: [], isCity: scope.isCity };
  const unionWhere = reviewedUnionsWhere(scope);
  const [eligible, nominations] = await Promise.all([
    prisma.assessmentSubmission.findMany({
      where: {
        roundId: round.id,
        status: "confirmed",
        grade: "pass",
        union: { ...unionWhere, excellentUnions: { none: { roundId: round.id } } },
      },
      select: { unionId: true, level: true, union: { select: { name: true, nameEn: true } } },
      orderBy: { flexibleTotal: "desc" },
    }),
    prisma.excellentUnion.findMany({
      where: { roundId: round.id, union: unionWhere },
      select: {
        id: true,
        status: true,
        reason: true,
        union: { select: { name: true, nameEn: true, county: { select: { name: true, nameEn: true } } } },
      },
      orderBy: [{ status: "asc" }, { nominatedAt: "asc" }],
    }),
  ]);
  return { round: { id: round.id, name: round.name, year: round.year }, eligible, nominations, isCity: scope.isCity };
}

const ExcellentIntent = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("nominate"),
    unionId: idField,
    roundId: idField,
    reason: z
      .string()
      .trim()
      .optional()
      .transform((v) => v?.slice(0, 500)),
  }),
  z.object({ intent: z.literal("confirm"), id: idField }),
  z.object({ intent: z.literal("reject"), id: idField }),
]);

export async function action({ request }: ActionFunctionArgs) {
  const { user, scope } = await requireReviewer(request);
  const t = getT(request);
  const submission = parseWithZod(await request.formData(), { schema: ExcellentIntent });
  if (submission.status !== "success") return refuse(400, t("error.badRequest.title"));
  const input = submission.value;
  if (input.intent === "nominate") {
    const union = await prisma.organisation.findFirst({
      where: { id: input.unionId, ...reviewedUnionsWhere(scope) },
      select: { id: true },
    });
    if (!union) forbidden();
    // The message sits under this union's row: the field is named after it.
    if (!input.reason) return refuse(400, null, { [`reason_${union.id}`]: [t("assessment.error.reasonRequired")] });
    const reason = input.reason;
    const r = await attempt(t, () => nominate(input.roundId, union.id, reason, user.id));
    return "refused" in r ? r.refused : ok(t("assessment.excellent.nominated"));
  }
  if (!scope.isCity) forbidden();
  const r = await attempt(t, () => decideNomination(input.id, input.intent === "confirm", user.id));
  return "refused" in r ? r.refused : ok(t("assessment.excellent.decided"));
}

export default function ExcellentStaff() {
  const { round, eligible, nominations, isCity } = useLoaderData<typeof loader>();
  const reply = useActionData<Reply>();
  const busy = useNavigation().state !== "idle";
  const { t, locale } = useI18n();
  return (
    <div className="mx-auto max-w-3xl">
      <p className="mb-2 text-sm">
        <Link to="/assessment" className="link">
          ← {t("assessment.title")}
        </Link>
      </p>
      <h1 className="page-title">
        {t("assessment.excellent.title")}
        {round ? ` · ${round.name}` : ""}
      </h1>
      {reply?.message ? <FormMessage tone={reply.ok ? "success" : "error"} message={reply.message} /> : null}
      {!round ? <p className="card">{t("assessment.noRound")}</p> : null}
      <h2 className="mb-2 text-lg font-semibold">{t("assessment.excellent.nominations")}</h2>
      {nominations.length === 0 ? <p className="card mb-4 text-sm">{t("assessment.excellent.empty")}</p> : null}
      <ul className="mb-4 space-y-2">
        {nominations.map((n) => (
          <li key={n.id} className="card text-sm">
            <p className="font-medium break-words">
              {orgName(n.union, locale)} · {n.union.county ? orgName(n.union.county, locale) : null}
            </p>
            <p className="break-words">{n.reason}</p>
            <span className="badge">{t(`assessment.excellent.status.${n.status}` as MessageKey)}</span>
            {isCity && n.status === "nominated" ? (
              <Form method="post" className="mt-2 flex gap-2">
                <input type="hidden" name="id" value={n.id} />
                <button type="submit" name="intent" value="confirm" className="btn-primary" disabled={busy}>
                  {t("assessment.excellent.confirm")}
                </button>
                <button type="submit" name="intent" value="reject" className="btn-secondary" disabled={busy}>
                  {t("assessment.excellent.reject")}
                </button>
              </Form>
            ) : null}
          </li>
        ))}
      </ul>
      {round && eligible.length ? (
        <>
          <h2 className="mb-2 text-lg font-semibold">{t("assessment.excellent.eligible")}</h2>
          <ul className="space-y-2">
            {eligible.map((e) => (
              <li key={e.unionId} className="card text-sm">
                <Form method="post" className="space-y-2">
                  <p className="font-medium break-words">
                    {orgName(e.union, locale)} · {t(`assessment.level.${e.level ?? "none"}` as MessageKey)}
                  </p>
                  <input type="hidden" name="roundId" value={round.id} />
                  <input type="hidden" name="unionId" value={e.unionId} />
                  <label className="label" htmlFor={`reason_${e.unionId}`}>
                    {t("assessment.excellent.reason")}
                  </label>
                  <textarea id={`reason_${e.unionId}`} name="reason" className="input" rows={2} maxLength={500} />
                  <ErrorList errors={reply?.errors[`reason_${e.unionId}`]} />
                  <button type="submit" name="intent" value="nominate" className="btn-secondary" disabled={busy}>
                    {t("assessment.excellent.nominate")}
                  </button>
                </Form>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
