import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { FormMessage } from "~/components/forms";
import { answerWalkIn, pendingWalkIns } from "~/domain/activities/checkin.server";
import { JoinInvite } from "~/domain/activities/join-invite";
import { qrPayload } from "~/domain/activities/registration.server";
import { qrSvg } from "~/domain/activities/render.server";
import type { MessageKey } from "~/i18n";
import { requireUser } from "~/utils/auth.server";
import { prisma } from "~/utils/db.server";
import { useI18n } from "~/utils/i18n";
import { catchRule } from "~/utils/rule-error.server";
import { formatDateTime } from "~/utils/time";
import { idField } from "~/utils/validation";
import { pageMeta } from "~/utils/meta";

export const meta = pageMeta<typeof loader>("nav.myActivities", "page.myActivities.description");

// /me/activities — upcoming and past sign-ups, each upcoming seat with its check-in QR and code.
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const now = new Date();
  const [regs, membership, walkIns] = await Promise.all([
    prisma.registration.findMany({
      where: { userId: user.id },
      orderBy: { activity: { startsAt: "asc" } },
      take: 200,
      select: {
        status: true,
        waitlistSeq: true,
        checkinCode: true,
        attendedAt: true,
        activity: { select: { id: true, title: true, startsAt: true, endsAt: true, address: true, status: true } },
      },
    }),
    prisma.membership.findUnique({ where: { userId: user.id }, select: { id: true } }),
    pendingWalkIns(user.id),
  ]);
  const rows = await Promise.all(
    regs.map(async (r) => {
      const upcoming = r.activity.endsAt >= now;
      const position =
        r.status === "waitlisted"
          ? await prisma.registration.count({
              where: { activityId: r.activity.id, status: "waitlisted", waitlistSeq: { lte: r.waitlistSeq ?? 0 } },
            })
          : null;
      const qr =
        upcoming && r.status === "confirmed" && r.activity.status === "published"
          ? await qrSvg(qrPayload(r.activity.id, r.checkinCode))
          : null;
      return { ...r, upcoming, position, qr };
    }),
  );
  return {
    upcoming: rows.filter((r) => r.upcoming),
    past: rows.filter((r) => !r.upcoming).reverse(),
    isMember: Boolean(membership),
    walkIns,
  };
}

// A walk-in staff entered with this worker's number: only they decide whether it was them.
const WalkInAnswer = z.object({ intent: z.enum(["confirmWalkIn", "declineWalkIn"]), walkInId: idField });

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const submission = parseWithZod(await request.formData(), { schema: WalkInAnswer });
  if (submission.status !== "success")
    return data({ ok: false as const, message: "error.badRequest.title" as MessageKey }, { status: 400 });
  const { intent, walkInId } = submission.value;
  const result = await catchRule(() => answerWalkIn(user.id, walkInId, intent === "confirmWalkIn"));
  if (!result.ok) return data({ ok: false as const, message: result.error.key }, { status: result.error.status });
  return {
    ok: true as const,
    message: (intent === "confirmWalkIn" ? "activities.walkIn.confirmed" : "activities.walkIn.declined") as MessageKey,
  };
}

export default function MyActivities() {
  const { t, locale } = useI18n();
  const { upcoming, past, isMember, walkIns } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  type Row = (typeof upcoming)[number];
  const statusText = (r: Row) =>
    r.activity.status === "cancelled"
      ? t("activities.activityStatus.cancelled")
      : r.attendedAt
        ? t("activities.status.attended")
        : r.status === "waitlisted"
          ? t("activities.registration.waitlistedAt", { position: r.position ?? 0 })
          : t(`activities.status.${r.status}` as MessageKey);
  const card = (r: Row) => (
    <li key={r.activity.id} className="card">
      <Link to={`/activities/${r.activity.id}/registration`} className="font-medium text-brand-700 hover:underline">
        {r.activity.title}
      </Link>
      <p className="text-sm text-gray-600">
        {formatDateTime(r.activity.startsAt, locale)} · {r.activity.address}
      </p>
      <p className="mt-1">
        <span className="badge">{statusText(r)}</span>
      </p>
      {r.qr ? (
        <div className="mt-2 flex items-center gap-3">
          <div
            className="h-28 w-28 shrink-0"
            role="img"
            aria-label={t("activities.registration.qrLabel")}
            dangerouslySetInnerHTML={{ __html: r.qr }}
          />
          <div>
            <p className="text-xs text-gray-500">{t("activities.registration.codeLabel")}</p>
            <p className="font-mono text-xl tracking-widest">{r.checkinCode}</p>
          </div>
        </div>
      ) : null}
      {!isMember && r.attendedAt ? (
        <div className="mt-3">
          <JoinInvite activityId={r.activity.id} attended />
        </div>
      ) : null}
    </li>
  );
  return (
    <div className="mx-auto max-w-2xl space-y-4">
      <h1 className="page-title mb-0">{t("nav.myActivities")}</h1>
      {answer ? <FormMessage tone={answer.ok ? "success" : "error"} message={t(answer.message)} /> : null}
      {walkIns.length ? (
        <section className="card border-brand-100 bg-brand-50" aria-labelledby="walkins-title">
          <h2 id="walkins-title" className="mb-1 text-lg font-semibold">
            {t("activities.walkIn.title")}
          </h2>
          <p className="mb-3 text-sm text-gray-700">{t("activities.walkIn.intro")}</p>
          <ul className="space-y-3">
            {walkIns.map((w) => (
              <li key={w.id} className="rounded bg-white p-3">
                <Link to={`/activities/${w.activity.id}`} className="font-medium text-brand-700 hover:underline">
                  {w.activity.title}
                </Link>
                <p className="text-sm text-gray-600">
                  {formatDateTime(w.activity.startsAt, locale)} · {w.activity.address} ·{" "}
                  {t("activities.walkIn.at", { time: formatDateTime(w.createdAt, locale) })}
                </p>
                <Form method="post" className="mt-2 flex flex-wrap gap-2">
                  <input type="hidden" name="walkInId" value={w.id} />
                  <button className="btn-primary" name="intent" value="confirmWalkIn">
                    {t("activities.walkIn.confirm")}
                  </button>
                  <button className="btn-secondary" name="intent" value="declineWalkIn">
                    {t("activities.walkIn.decline")}
                  </button>
                </Form>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <section>
        <h2 className="mb-2 text-lg font-semibold">{t("activities.mine.upcoming")}</h2>
        {upcoming.length ? (
          <ul className="space-y-3">{upcoming.map(card)}</ul>
        ) : (
          <p className="card text-gray-600">
            {t("activities.mine.noneUpcoming")}{" "}
            <Link to="/activities" className="link">
              {t("activities.mine.browse")}
            </Link>
          </p>
        )}
      </section>
      <section>
        <h2 className="mb-2 text-lg font-semibold">{t("activities.mine.past")}</h2>
        {past.length ? (
          <ul className="space-y-3">{past.map(card)}</ul>
        ) : (
          <p className="card text-gray-600">{t("activities.mine.nonePast")}</p>
        )}
      </section>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
