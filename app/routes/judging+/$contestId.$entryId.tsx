import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { ActionError, useCategoryLabel } from "~/components/contests";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { FormMessage } from "~/components/forms";
import { contestPhase } from "~/domain/contests/contests.server";
import { declareConflict, saveScores } from "~/domain/contests/judging.server";
import { weightedTotal } from "~/domain/contests/scoring";
import type { MessageKey } from "~/i18n";
import { requireUser } from "~/utils/auth.server";
import { prisma } from "~/utils/db.server";
import { badRequest } from "~/utils/http.server";
import { useI18n } from "~/utils/i18n";
import { requireJudgeAssignment } from "~/utils/permissions.server";
import { formatNumber, formatYuan } from "~/utils/time";
import { ruleResult } from "~/utils/rule-error.server";
import { pageMeta } from "~/utils/meta";

export const meta = pageMeta<typeof loader>(
  "page.judgeEntry.title",
  "page.judgeEntry.description",
  (d) => d.contest.title,
);

// Blind review: this loader SELECTS only fields that cannot identify the authors (no submitter,
// authors, enterprise or union, no original file names); the authors are added only when the
// contest is not blind. Keep it that way: whatever a loader returns reaches the browser.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const contestId = params.contestId ?? "";
  const entryId = params.entryId ?? "";
  const assignment = await requireJudgeAssignment(user.id, contestId, entryId);
  const [contest, entry, scores] = await Promise.all([
    prisma.contest.findUniqueOrThrow({
      where: { id: contestId },
      select: {
        id: true,
        title: true,
        blindReview: true,
        submissionOpensAt: true,
        submissionClosesAt: true,
        judgingOpensAt: true,
        judgingClosesAt: true,
        criteria: { select: { id: true, name: true, maxPoints: true, weight: true }, orderBy: { position: "asc" } },
      },
    }),
    prisma.entry.findUniqueOrThrow({
      where: { id: entryId },
      select: {
        id: true,
        title: true,
        category: true,
        problem: true,
        solution: true,
        benefit: true,
        estimatedSaving: true,
        attachments: {
          select: { position: true, fileId: true, file: { select: { contentType: true } } },
          orderBy: { position: "asc" },
        },
      },
    }),
    prisma.score.findMany({
      where: { assignmentId: assignment.id },
      select: { criterionId: true, points: true, comment: true },
    }),
  ]);
  const authors = contest.blindReview
    ? null
    : await prisma.entry.findUniqueOrThrow({
        where: { id: entryId },
        select: {
          authors: { where: { status: "accepted" }, select: { name: true }, orderBy: { position: "asc" } },
          enterprise: { select: { name: true } },
        },
      });
  const ext = (ct: string) => (ct === "application/pdf" ? "pdf" : ct.split("/")[1]);
  return {
    contest: {
      id: contest.id,
      title: contest.title,
      blindReview: contest.blindReview,
      criteria: contest.criteria,
      open: contestPhase(contest) === "judging",
    },
    entry: {
      id: entry.id,
      title: entry.title,
      category: entry.category,
      problem: entry.problem,
      solution: entry.solution,
      benefit: entry.benefit,
      estimatedSaving: entry.estimatedSaving,
      attachments: entry.attachments.map((a) => ({
        href: `/files/${a.fileId}`,
        label: `attachment-${a.position + 1}.${ext(a.file.contentType)}`,
      })),
    },
    authors: authors ? { names: authors.authors.map((a) => a.name), org: authors.enterprise?.name ?? null } : null,
    status: assignment.status,
    scores,
  };
}

// Scores come as points.<criterionId> and comment.<criterionId>, which Conform reads as two records.
const scoreFields = { points: z.record(z.string()).optional(), comment: z.record(z.string()).optional() };
const JudgeIntent = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("conflict"),
    reason: z
      .string({ required_error: "contests.validation.reasonRequired" })
      .trim()
      .min(1, "contests.validation.reasonRequired")
      .transform((reason) => reason.slice(0, 500)),
  }),
  z.object({ intent: z.literal("save"), ...scoreFields }),
  z.object({ intent: z.literal("submit"), ...scoreFields }),
]);

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const assignment = await requireJudgeAssignment(user.id, params.contestId ?? "", params.entryId ?? "");
  const submission = parseWithZod(await request.formData(), { schema: JudgeIntent });
  if (submission.status !== "success") {
    if (submission.error?.intent) badRequest();
    return data({ error: null, fieldErrors: submission.error ?? {}, message: null }, { status: 400 });
  }
  const input = submission.value;
  if (input.intent === "conflict") {
    const r = await ruleResult(() => declareConflict(assignment.id, user.id, input.reason));
    // Once a conflict is declared the entry is closed to this judge (403), so back to the list.
    return r.ok ? redirect("/judging?declared=1") : r.response;
  }
  const { intent, points = {}, comment = {} } = input;
  const criteria = await prisma.rubricCriterion.findMany({
    where: { contest: { id: params.contestId } },
    select: { id: true },
  });
  const values = criteria.map((c) => {
    const raw = (points[c.id] ?? "").trim();
    return {
      criterionId: c.id,
      points: raw === "" ? null : Number(raw),
      comment: (comment[c.id] ?? "").trim().slice(0, 1000),
    };
  });
  const r = await ruleResult(() =>
    saveScores({ assignmentId: assignment.id, judgeId: user.id, values, submit: intent === "submit" }),
  );
  if (!r.ok) return r.response;
  return {
    error: null,
    fieldErrors: {},
    message: intent === "submit" ? "contests.judge.submittedMsg" : "contests.judge.saved",
  };
}

export default function ScoreEntry() {
  const { contest, entry, authors, status, scores } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t, locale } = useI18n();
  const cat = useCategoryLabel();
  const errors = (actionData?.fieldErrors ?? {}) as Record<string, string[] | undefined>;
  const message = actionData && "message" in actionData ? actionData.message : null;
  const editable = contest.open && status === "assigned";
  const points = Object.fromEntries(scores.map((s) => [s.criterionId, s.points]));
  return (
    <div className="mx-auto max-w-2xl space-y-4">
      <Link to="/judging" className="link text-sm">
        ← {t("contests.judge.back")}
      </Link>
      <div>
        <p className="text-sm text-gray-600">{contest.title}</p>
        <h1 className="page-title">{entry.title}</h1>
        <p className="text-sm">
          {cat(entry.category)} ·{" "}
          <span className="badge">{t(`contests.assignmentStatus.${status}` as MessageKey)}</span>
        </p>
      </div>
      {message ? <FormMessage message={t(message as MessageKey)} /> : null}
      <ActionError error={actionData?.error} />
      {contest.blindReview ? <p className="text-xs text-gray-500">{t("contests.judge.blind")}</p> : null}
      {authors ? (
        <p className="text-sm">
          {t("contests.entry.authors")}: {authors.names.join(t("common.listSeparator"))}
          {authors.org ? ` · ${authors.org}` : ""}
        </p>
      ) : null}
      <section className="card space-y-2 text-sm">
        <h2 className="font-semibold">{t("contests.entry.problem")}</h2>
        <p className="whitespace-pre-line">{entry.problem}</p>
        <h2 className="font-semibold">{t("contests.entry.solution")}</h2>
        <p className="whitespace-pre-line">{entry.solution}</p>
        <h2 className="font-semibold">{t("contests.entry.benefit")}</h2>
        <p className="whitespace-pre-line">{entry.benefit}</p>
        {entry.estimatedSaving !== null ? (
          <p>
            {t("contests.entry.estimatedSaving")}: {formatYuan(entry.estimatedSaving, locale)}
          </p>
        ) : null}
        {entry.attachments.length ? (
          <>
            <h2 className="font-semibold">{t("contests.entry.attachmentsList")}</h2>
            <ul>
              {entry.attachments.map((a) => (
                <li key={a.href}>
                  <a className="link" href={a.href} target="_blank" rel="noreferrer">
                    {a.label}
                  </a>
                </li>
              ))}
            </ul>
          </>
        ) : null}
      </section>
      {status === "conflict" ? <p className="card text-sm">{t("contests.judge.conflictShown")}</p> : null}
      {status === "submitted" ? <p className="card text-sm">{t("contests.judge.locked")}</p> : null}
      {!contest.open && status === "assigned" ? <p className="card text-sm">{t("contests.judge.closed")}</p> : null}
      {status !== "conflict" ? (
        <Form method="post" className="card" noValidate>
          <p className="mb-2 text-sm font-semibold">
            {t("contests.judge.total", {
              total: formatNumber(weightedTotal(contest.criteria, points), locale, { maximumFractionDigits: 2 }),
            })}
          </p>
          {contest.criteria.map((c) => (
            <fieldset key={c.id} className="mb-3 border-b border-gray-100 pb-3 last:border-0" disabled={!editable}>
              <legend className="label">
                {c.name} <span className="text-xs text-gray-500">(0–{c.maxPoints})</span>
              </legend>
              <input
                name={`points.${c.id}`}
                className="input w-28"
                type="number"
                inputMode="decimal"
                min={0}
                max={c.maxPoints}
                step={0.5}
                aria-label={`${c.name} ${t("contests.score")}`}
                defaultValue={points[c.id] ?? ""}
              />
              {errors[`points.${c.id}`] ? (
                <p className="field-error">{t(errors[`points.${c.id}`]![0] as MessageKey)}</p>
              ) : null}
              <textarea
                name={`comment.${c.id}`}
                className="input mt-1"
                rows={2}
                placeholder={t("contests.judge.comment")}
                aria-label={`${c.name} ${t("contests.judge.comment")}`}
                defaultValue={scores.find((s) => s.criterionId === c.id)?.comment ?? ""}
              />
            </fieldset>
          ))}
          {editable ? (
            <div className="flex flex-wrap gap-2">
              <button type="submit" name="intent" value="save" className="btn-secondary">
                {t("contests.judge.save")}
              </button>
              <button type="submit" name="intent" value="submit" className="btn-primary">
                {t("contests.judge.submit")}
              </button>
            </div>
          ) : null}
        </Form>
      ) : null}
      {status === "assigned" ? (
        <Form method="post" className="card">
          <input type="hidden" name="intent" value="conflict" />
          <label className="label" htmlFor="reason">
            {t("contests.judge.declareReason")}
          </label>
          <input id="reason" name="reason" className="input" />
          {errors.reason ? <p className="field-error">{t(errors.reason[0] as MessageKey)}</p> : null}
          <button type="submit" className="btn-danger mt-2">
            {t("contests.judge.declare")}
          </button>
        </Form>
      ) : null}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
