import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { ActionError, StatusBadge, useCategoryLabel } from "~/components/contests";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ConfirmDialog } from "~/components/confirm-dialog";
import { UserText } from "~/components/user-text";
import { FormMessage } from "~/components/forms";
import { withdrawEntry } from "~/domain/contests/entries.server";
import type { MessageKey } from "~/i18n";
import { requireUser } from "~/utils/auth.server";
import { prisma } from "~/utils/db.server";
import { badRequest } from "~/utils/http.server";
import { useI18n } from "~/utils/i18n";
import { formatDateTime, formatYuan } from "~/utils/time";
import { ruleResult } from "~/utils/rule-error.server";
import { idField } from "~/utils/validation";
import { pageMeta } from "~/utils/meta";

export const meta = pageMeta<typeof loader>("contests.me.title", "page.entries.description");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const [entries, membership] = await Promise.all([
    prisma.entry.findMany({
      where: { OR: [{ submittedById: user.id }, { authors: { some: { userId: user.id, status: "accepted" } } }] },
      select: {
        id: true,
        title: true,
        category: true,
        status: true,
        submittedAt: true,
        decisionReason: true,
        realisedSaving: true,
        rewardAmount: true,
        rewardPoints: true,
        submittedById: true,
        supportCount: true,
        awardTier: { select: { name: true } },
        contest: { select: { id: true, title: true, kind: true, status: true, submissionClosesAt: true } },
        history: { select: { from: true, to: true, createdAt: true }, orderBy: { id: "asc" } },
      },
      orderBy: { updatedAt: "desc" },
    }),
    prisma.membership.findUnique({ where: { userId: user.id }, select: { id: true } }),
  ]);
  const now = new Date();
  return {
    isMember: Boolean(membership),
    entries: entries.map((e) => ({
      ...e,
      awardTier: e.contest.status === "results_published" ? (e.awardTier?.name ?? null) : null,
      mine: e.submittedById === user.id,
      canEdit: e.submittedById === user.id && e.status === "draft" && now <= e.contest.submissionClosesAt,
      canWithdraw:
        e.submittedById === user.id &&
        (e.status === "draft" || e.status === "submitted") &&
        (e.contest.kind === "golden_idea" || now <= e.contest.submissionClosesAt),
    })),
  };
}

const WithdrawSchema = z.object({ intent: z.literal("withdraw"), entryId: idField });

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const submission = parseWithZod(await request.formData(), { schema: WithdrawSchema });
  if (submission.status !== "success") badRequest();
  const { entryId } = submission.value;
  const result = await ruleResult(() => withdrawEntry(entryId, user.id));
  if (!result.ok) return result.response;
  return { error: null, withdrawn: true };
}

export default function MyEntries() {
  const { entries, isMember } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const { t, locale } = useI18n();
  const cat = useCategoryLabel();
  // "Draft saved" belongs to the save that led here; once anything else is done on this page
  // (a withdrawal) it would be stale.
  const done = actionData ? null : params.get("done");
  return (
    <div className="space-y-4">
      <h1 className="page-title">{t("contests.me.title")}</h1>
      <FormMessage
        message={
          done === "submitted" ? t("contests.entry.submitted") : done === "saved" ? t("contests.entry.saved") : null
        }
      />
      {actionData && "withdrawn" in actionData ? <FormMessage message={t("contests.entry.withdrawn")} /> : null}
      <ActionError error={actionData?.error} />
      {!isMember && entries.some((e) => e.status !== "draft") ? (
        <section className="card border-brand-200 bg-brand-50 text-sm">
          <p>{t("contests.joinInvite")}</p>
          <a
            className="link font-semibold"
            href={`/join/go?from=contest:${entries.find((e) => e.status !== "draft")!.contest.id}`}
          >
            {t("contests.joinInviteLink")}
          </a>
        </section>
      ) : null}
      {entries.length === 0 ? (
        <p>
          {t("contests.me.none")}{" "}
          <Link className="link" to="/contests">
            {t("contests.me.browse")}
          </Link>
        </p>
      ) : null}
      <ul className="space-y-3">
        {entries.map((e) => (
          <li key={e.id} className="card">
            <div className="flex flex-wrap items-center gap-2">
              <StatusBadge status={e.status} />
              {e.awardTier ? <span className="badge bg-amber-50 text-amber-800">{e.awardTier}</span> : null}
              <span className="text-xs text-gray-500">{t(`contests.kind.${e.contest.kind}` as MessageKey)}</span>
            </div>
            <UserText as="p" className="mt-1 font-medium" text={e.title} />
            <p className="text-sm text-gray-600">
              <Link className="link" to={`/contests/${e.contest.id}`}>
                {e.contest.title}
              </Link>{" "}
              · {cat(e.category)}
              {e.contest.kind === "golden_idea" ? ` · ${t("contests.supports", { n: e.supportCount })}` : ""}
            </p>
            {e.decisionReason ? (
              <p className="text-sm">{t("contests.me.reason", { reason: e.decisionReason })}</p>
            ) : null}
            {e.realisedSaving !== null ? (
              <p className="text-sm">{t("contests.me.realised", { amount: formatYuan(e.realisedSaving, locale) })}</p>
            ) : null}
            {e.rewardAmount ? (
              <p className="text-sm">{t("contests.me.reward", { amount: formatYuan(e.rewardAmount, locale) })}</p>
            ) : null}
            {e.rewardPoints ? (
              <p className="text-sm">{t("contests.me.rewardPoints", { points: e.rewardPoints })}</p>
            ) : null}
            {e.history.length ? (
              <details className="mt-1 text-xs text-gray-600">
                <summary>{t("contests.entry.history")}</summary>
                <ul>
                  {e.history.map((h, i) => (
                    <li key={i}>
                      {formatDateTime(h.createdAt, locale)} · {t(`contests.status.${h.to}` as MessageKey)}
                    </li>
                  ))}
                </ul>
              </details>
            ) : null}
            <div className="mt-2 flex flex-wrap gap-2">
              {e.canEdit ? (
                <Link className="btn-secondary" to={`/contests/${e.contest.id}/enter?entry=${e.id}`}>
                  {t("contests.entry.edit")}
                </Link>
              ) : null}
              {e.canWithdraw && params.get("withdraw") === e.id && !actionData ? (
                // The confirm step (issue #12): a withdrawal cannot be undone, so it is asked once more.
                <Form method="post" className="w-full space-y-2 rounded border border-red-200 p-3">
                  <input type="hidden" name="intent" value="withdraw" />
                  <input type="hidden" name="entryId" value={e.id} />
                  <p className="text-sm">{t("desk.withdraw.body")}</p>
                  <div className="flex flex-wrap gap-2">
                    <button type="submit" className="btn-danger">
                      {t("desk.withdraw.confirm")}
                    </button>
                    <Link className="btn-secondary" to="/me/entries" replace>
                      {t("desk.withdraw.keep")}
                    </Link>
                  </div>
                </Form>
              ) : e.canWithdraw ? (
                <ConfirmDialog
                  to={`?withdraw=${e.id}`}
                  className="btn-danger"
                  label={t("contests.entry.withdraw")}
                  body={t("desk.withdraw.body")}
                  confirmLabel={t("desk.withdraw.confirm")}
                  keepLabel={t("desk.withdraw.keep")}
                  fields={{ intent: "withdraw", entryId: e.id }}
                  testId="withdraw-dialog"
                />
              ) : null}
            </div>
          </li>
        ))}
      </ul>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
