import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { parseWithZod } from "@conform-to/zod";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ConfirmDialog } from "~/components/confirm-dialog";
import { ErrorList, FormMessage, IdNameOptions } from "~/components/forms";
import { approveApplication, rejectApplication, transferApplication } from "~/domain/membership/applications.server";
import { maskIdNumber } from "~/domain/membership/validators";
import { revealIdNumber } from "~/domain/privacy/reveal.server";
import { OVERDUE_WORKING_DAYS, workingDaysBetween } from "~/domain/membership/working-days";
import type { MessageKey } from "~/i18n";
import { prisma } from "~/utils/db.server";
import { useI18n } from "~/utils/i18n";
import { orgInScope, requireApplicationInScope, scopePaths } from "~/utils/permissions.server";
import { catchRule } from "~/utils/rule-error.server";
import { formatCalendarDate, formatDate, formatDateTime } from "~/utils/time";
import { pageMeta } from "~/utils/meta";
import { orgName } from "~/utils/org-name";
import { getLocale } from "~/utils/i18n.server";

export const meta = pageMeta<typeof loader>("page.application.title", "page.application.description");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, applicationId } = await requireApplicationInScope(request, params.applicationId ?? "");
  const a = await prisma.membershipApplication.findUniqueOrThrow({
    where: { id: applicationId },
    include: {
      union: { select: { id: true, name: true, nameEn: true, countyId: true } },
      enterprise: { select: { name: true, creditCode: true } },
      decidedBy: { select: { name: true } },
      membership: { select: { number: true } },
    },
  });
  const ids = [a.firstActivityId, a.lastActivityId].filter((x): x is string => Boolean(x));
  const cids = [a.firstContestId, a.lastContestId].filter((x): x is string => Boolean(x));
  const oids = [a.firstCenterId, a.lastCenterId].filter((x): x is string => Boolean(x));
  const [activities, contests, centers, unions] = await Promise.all([
    prisma.activity.findMany({ where: { id: { in: ids } }, select: { id: true, title: true } }),
    prisma.contest.findMany({ where: { id: { in: cids } }, select: { id: true, title: true } }),
    prisma.organisation.findMany({ where: { id: { in: oids } }, select: { id: true, name: true } }),
    // Transfer targets: the county's unions and those in the staff member's own scope.
    prisma.organisation.findMany({
      where: {
        kind: "union",
        id: { not: a.unionId },
        OR: [{ countyId: a.union.countyId }, orgInScope(await scopePaths(user.id, "union_staff"))],
      },
      select: { id: true, name: true },
      orderBy: { name: "asc" },
      take: 500,
    }),
  ]);
  const names = new Map<string, string>([
    ...activities.map((x) => [x.id, x.title] as const),
    ...contests.map((x) => [x.id, x.title] as const),
    ...centers.map((x) => [x.id, x.name] as const),
  ]);
  const touch = (
    type: string,
    activityId: string | null,
    contestId: string | null,
    centerId: string | null,
    at: Date | null,
  ) => ({
    type,
    name: names.get(activityId ?? contestId ?? centerId ?? "") ?? null,
    at: at?.toISOString() ?? null,
  });
  const now = new Date();
  const age =
    now.getUTCFullYear() -
    a.birthDate.getUTCFullYear() -
    (now < new Date(Date.UTC(now.getUTCFullYear(), a.birthDate.getUTCMonth(), a.birthDate.getUTCDate())) ? 1 : 0);
  return {
    application: {
      id: a.id,
      name: a.name,
      gender: a.gender,
      birthDate: a.birthDate.toISOString(),
      age,
      phone: a.phone,
      // Only the last 4 characters; the whole number only through the audited "reveal" intent.
      idNumber: maskIdNumber(a.idNumberLast4),
      // The rule itself is checked again by revealIdNumber; this only hides a button that would refuse.
      canReveal: a.status === "pending" || a.decidedById === user.id,
      enterprise: a.enterprise,
      employmentType: a.employmentType,
      isMigrant: a.isMigrant,
      education: a.education,
      industry: a.industry,
      incomeBand: a.incomeBand,
      workplace: a.workplace,
      union: orgName(a.union, getLocale(request)),
      status: a.status,
      rejectReason: a.rejectReason,
      decidedBy: a.decidedBy?.name ?? null,
      decidedAt: a.decidedAt?.toISOString() ?? null,
      number: a.membership?.number ?? null,
      createdAt: a.createdAt.toISOString(),
      waited: a.status === "pending" ? workingDaysBetween(a.createdAt, now) : null,
      first: touch(a.firstSourceType, a.firstActivityId, a.firstContestId, a.firstCenterId, a.firstTouchAt),
      last: touch(a.lastSourceType, a.lastActivityId, a.lastContestId, a.lastCenterId, a.lastTouchAt),
    },
    unions,
  };
}

const DecisionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("approve") }),
  z.object({ intent: z.literal("reveal") }),
  z.object({
    intent: z.literal("reject"),
    reason: z
      .string({ required_error: "membership.validation.reasonRequired" })
      .trim()
      .min(1, "membership.validation.reasonRequired")
      .max(500, "validation.tooLong"),
  }),
  z.object({
    intent: z.literal("transfer"),
    unionId: z.string({ required_error: "validation.required" }).min(1, "validation.required"),
  }),
]);

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, applicationId } = await requireApplicationInScope(request, params.applicationId ?? "");
  const submission = parseWithZod(await request.formData(), { schema: DecisionSchema });
  if (submission.status !== "success") {
    return data({ ok: false as const, errors: submission.reply().error ?? {}, message: null }, { status: 400 });
  }
  const v = submission.value;
  if (v.intent === "reveal") {
    const revealed = await catchRule(() => revealIdNumber(applicationId, user.id));
    if (!revealed.ok)
      return data(
        { ok: false as const, errors: { "": [revealed.error.key as string] }, message: null },
        { status: revealed.error.status },
      );
    return {
      ok: true as const,
      errors: {},
      message: { key: "privacy.reveal.shown", params: { number: revealed.value } },
    };
  }
  const result = await catchRule(async () =>
    v.intent === "approve"
      ? await approveApplication(applicationId, user.id)
      : v.intent === "reject"
        ? await rejectApplication(applicationId, user.id, v.reason)
        : await transferApplication(applicationId, user.id, v.unionId),
  );
  if (!result.ok)
    return data(
      { ok: false as const, errors: { "": [result.error.key as string] }, message: null },
      { status: result.error.status },
    );
  if (v.intent === "approve")
    return {
      ok: true as const,
      errors: {},
      message: { key: "membership.review.approved", params: { number: result.value?.number ?? "" } },
    };
  if (v.intent === "reject")
    return { ok: true as const, errors: {}, message: { key: "membership.review.rejected", params: {} } };
  // The application may now be outside this staff member's scope: back to the queue.
  const union = await prisma.organisation.findUnique({ where: { id: v.unionId }, select: { name: true } });
  throw redirect(`/union/applications?transferred=${encodeURIComponent(union?.name ?? "")}`);
}

export default function ApplicationDetail() {
  const { application: a, unions } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const { t, locale } = useI18n();
  const busy = navigation.state !== "idle";
  const [params] = useSearchParams();
  const errors = (actionData?.errors ?? {}) as Record<string, string[] | null | undefined>;
  const row = (label: MessageKey, value: React.ReactNode) => (
    <>
      <dt className="text-gray-500">{t(label)}</dt>
      <dd className="break-words">{value ?? "—"}</dd>
    </>
  );
  const touchText = (x: typeof a.first) =>
    x.type === "direct"
      ? t("membership.source.direct")
      : t("common.labelled", {
          label: t(`membership.source.${x.type}` as MessageKey),
          value: `${x.name ?? "—"}${x.at ? ` (${formatDate(x.at, locale)})` : ""}`,
        });
  return (
    <div className="mx-auto max-w-2xl">
      <p className="mb-2 text-sm">
        <Link to="/union/applications" className="link">
          ← {t("membership.review.title")}
        </Link>
      </p>
      <h1 className="page-title">
        {t("membership.review.detail")} · {a.name}
      </h1>
      {actionData?.message ? (
        <FormMessage
          message={t(
            actionData.message.key as MessageKey,
            actionData.message.params as Record<string, string | number>,
          )}
        />
      ) : null}
      <ErrorList errors={errors[""]} />
      <div className="card mb-4">
        <p className="mb-3 flex flex-wrap items-center gap-2">
          <span className="badge" data-testid="application-status">
            {t(`membership.status.${a.status}` as MessageKey)}
          </span>
          {a.waited !== null ? (
            <span className="text-sm">{t("membership.review.ageDays", { days: a.waited })}</span>
          ) : null}
          {a.waited !== null && a.waited > OVERDUE_WORKING_DAYS ? (
            <span className="badge bg-red-100 text-red-800" title={t("membership.review.overdueHint")}>
              {t("membership.review.overdue")}
            </span>
          ) : null}
        </p>
        <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
          {row("membership.apply.name", a.name)}
          {row("membership.apply.gender", t(`gender.${a.gender}` as MessageKey))}
          {row(
            "membership.apply.birthDate",
            `${formatCalendarDate(a.birthDate, locale)} · ${t("membership.review.age.years", { age: a.age })}`,
          )}
          {row("membership.apply.phone", a.phone)}
          {row(
            "membership.apply.idNumber",
            a.idNumber ? (
              <Form method="post" className="flex flex-wrap items-center gap-2">
                <span data-testid="id-number">{a.idNumber}</span>
                {a.canReveal ? (
                  <>
                    <input type="hidden" name="intent" value="reveal" />
                    <button type="submit" className="link text-xs" title={t("privacy.reveal.hint")} disabled={busy}>
                      {t("privacy.reveal.button")}
                    </button>
                  </>
                ) : null}
              </Form>
            ) : null,
          )}
          {row(
            "membership.review.enterprise",
            a.enterprise ? t("common.withDetail", { main: a.enterprise.name, detail: a.enterprise.creditCode }) : null,
          )}
          {row("membership.apply.employmentType", t(`membership.employment.${a.employmentType}` as MessageKey))}
          {row("membership.apply.isMigrant", t(a.isMigrant ? "common.yes" : "common.no"))}
          {a.education
            ? row("membership.apply.education", t(`membership.education.${a.education}` as MessageKey))
            : null}
          {a.industry ? row("membership.apply.industry", t(`membership.industry.${a.industry}` as MessageKey)) : null}
          {a.incomeBand
            ? row("membership.apply.incomeBand", t(`membership.income.${a.incomeBand}` as MessageKey))
            : null}
          {a.workplace ? row("membership.apply.workplace", a.workplace) : null}
          {row("membership.review.union", a.union)}
          {row("membership.review.submitted", formatDateTime(a.createdAt, locale))}
          {row("membership.review.firstTouch", touchText(a.first))}
          {row("membership.review.lastTouch", touchText(a.last))}
          {a.number ? row("membership.card.number", a.number) : null}
          {a.rejectReason ? row("membership.review.rejectReason", a.rejectReason) : null}
          {a.decidedBy ? row("membership.review.decidedBy", a.decidedBy) : null}
          {a.decidedAt ? row("membership.review.decidedAt", formatDateTime(a.decidedAt, locale)) : null}
        </dl>
      </div>
      {a.status === "pending" ? (
        <div className="space-y-4">
          {params.get("confirm") === "approve" ? (
            // The confirm step (issue #12): approving issues a membership number at once.
            <Form method="post" className="card space-y-2 border-brand-200">
              <input type="hidden" name="intent" value="approve" />
              <p className="text-sm">{t("desk.approveApplication.body", { name: a.name })}</p>
              <button type="submit" className="btn-primary w-full" disabled={busy}>
                {t("desk.approveApplication.confirm")}
              </button>
              <Link to="." replace className="btn-secondary w-full">
                {t("desk.approveApplication.back")}
              </Link>
            </Form>
          ) : (
            <ConfirmDialog
              to="?confirm=approve"
              className="btn-primary w-full"
              label={t("membership.review.approve")}
              body={t("desk.approveApplication.body", { name: a.name })}
              confirmLabel={t("desk.approveApplication.confirm")}
              confirmClassName="btn-primary"
              keepLabel={t("desk.approveApplication.back")}
              fields={{ intent: "approve" }}
              testId="approve-dialog"
            />
          )}
          <Form method="post" className="card">
            <input type="hidden" name="intent" value="reject" />
            <label className="label" htmlFor="reason">
              {t("membership.review.rejectReason")}
            </label>
            <textarea
              id="reason"
              name="reason"
              className="input mb-2"
              rows={2}
              maxLength={500}
              aria-describedby="reason-error"
            />
            <ErrorList id="reason-error" errors={errors.reason} />
            <button type="submit" className="btn-danger w-full" disabled={busy}>
              {t("membership.review.reject")}
            </button>
          </Form>
          <Form method="post" className="card">
            <input type="hidden" name="intent" value="transfer" />
            <label className="label" htmlFor="unionId">
              {t("membership.review.transferTo")}
            </label>
            <select id="unionId" name="unionId" className="input mb-2" defaultValue="">
              <option value="">{t("membership.apply.choose")}</option>
              <IdNameOptions items={unions} />
            </select>
            <ErrorList errors={errors.unionId} />
            <button type="submit" className="btn-secondary w-full" disabled={busy}>
              {t("membership.review.transfer")}
            </button>
          </Form>
        </div>
      ) : null}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
