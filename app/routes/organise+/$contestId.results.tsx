import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { ActionError, OrganiserTabs, useCategoryLabel } from "~/components/contests";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { FormMessage } from "~/components/forms";
import { loadResults, saveAwards } from "~/domain/contests/results.server";
import type { MessageKey } from "~/i18n";
import { prisma } from "~/utils/db.server";
import { badRequest } from "~/utils/http.server";
import { useI18n } from "~/utils/i18n";
import { requireContestOrganiser } from "~/utils/permissions.server";
import { formatDateTime, formatNumber } from "~/utils/time";
import { ruleResult } from "~/utils/rule-error.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { contestId } = await requireContestOrganiser(request, params.contestId ?? "");
  const contest = await prisma.contest.findUniqueOrThrow({
    where: { id: contestId },
    select: { id: true, title: true, kind: true, status: true },
  });
  const { results, suggested, entries, contest: rules } = await loadResults(contestId);
  const judgeIds = [...new Set(results.flatMap((r) => r.judgeTotals.map((j) => j.judgeId)))];
  const judges = await prisma.user.findMany({ where: { id: { in: judgeIds } }, select: { id: true, name: true } });
  const assignments = await prisma.assignment.findMany({
    where: { contestId },
    select: {
      id: true,
      scores: { select: { id: true } },
      entry: { select: { title: true } },
      judge: { select: { name: true } },
    },
  });
  const ids = assignments.flatMap((a) => [a.id, ...a.scores.map((s) => s.id)]);
  const logRows = await prisma.auditLog.findMany({
    where: { action: "score.change", entityId: { in: ids } },
    select: { id: true, before: true, after: true, createdAt: true, actor: { select: { name: true } } },
    orderBy: { id: "desc" },
    take: 200,
  });
  // Readable lines: which entry, which judge, which criterion, old → new.
  const byAssignment = new Map(assignments.map((a) => [a.id, a]));
  const criterionName = new Map(rules.criteria.map((c) => [c.id, c.name]));
  const audit = logRows.map((row) => {
    const after = JSON.parse(row.after ?? "{}") as {
      assignmentId?: string;
      criterionId?: string;
      points?: number;
      status?: string;
      reopened?: boolean;
    };
    const before = row.before ? (JSON.parse(row.before) as { points?: number }) : null;
    const a = after.assignmentId ? byAssignment.get(after.assignmentId) : undefined;
    return {
      id: row.id,
      at: row.createdAt,
      who: row.actor?.name ?? "—",
      entry: a?.entry.title ?? "—",
      judge: a?.judge.name ?? "—",
      criterion: after.criterionId ? (criterionName.get(after.criterionId) ?? "") : null,
      before: before?.points ?? null,
      after: after.points ?? null,
      status: after.criterionId ? null : after.reopened ? "reopened" : (after.status ?? null),
    };
  });
  const titles = new Map(entries.map((e) => [e.id, { title: e.title, awardTierId: e.awardTierId }]));
  const rows = results
    .map((r) => ({
      ...r,
      title: titles.get(r.entryId)!.title,
      award: titles.get(r.entryId)!.awardTierId ?? suggested.get(r.entryId) ?? "",
    }))
    .sort((a, b) => a.category.localeCompare(b.category) || (a.rank ?? 1e9) - (b.rank ?? 1e9));
  return { contest, rows, judges, tiers: rules.tiers, audit };
}

// award.<entryId> = tier id, or "" for none.
const AwardsSchema = z.object({
  intent: z.enum(["save", "publish"]).optional(),
  award: z.record(z.string()).default({}),
});

export async function action({ request, params }: ActionFunctionArgs) {
  const { contestId } = await requireContestOrganiser(request, params.contestId ?? "");
  const submission = parseWithZod(await request.formData(), { schema: AwardsSchema });
  if (submission.status !== "success") badRequest();
  const publish = submission.value.intent === "publish";
  const awards = submission.value.award;
  const r = await ruleResult(() => saveAwards(contestId, awards, publish));
  if (!r.ok) return r.response;
  return { error: null, message: publish ? "contests.org.resultsPublished" : "contests.org.awardsSaved" };
}

export default function ResultsPage() {
  const { contest, rows, judges, tiers, audit } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t, locale } = useI18n();
  const cat = useCategoryLabel();
  const fmt = (x: number | null) => (x === null ? "—" : formatNumber(x, locale, { maximumFractionDigits: 2 }));
  return (
    <div>
      <h1 className="page-title">{contest.title}</h1>
      <OrganiserTabs contestId={contest.id} kind={contest.kind} />
      {actionData && "message" in actionData && actionData.message ? (
        <FormMessage message={t(actionData.message as MessageKey)} />
      ) : null}
      <ActionError error={actionData?.error} />
      <p className="mb-3 text-xs text-gray-600">{t("contests.org.formula")}</p>
      <h2 className="mb-2 font-semibold">{t("contests.org.matrix")}</h2>
      {rows.every((r) => r.score === null) ? <p className="mb-2 text-sm">{t("contests.org.noScores")}</p> : null}
      <Form method="post">
        <div className="overflow-x-auto">
          <table className="data-table">
            <thead>
              <tr>
                <th>{t("contests.entry.category")}</th>
                <th>{t("contests.rank")}</th>
                <th>{t("contests.org.entry")}</th>
                {judges.map((j) => (
                  <th key={j.id}>{j.name}</th>
                ))}
                <th>{t("contests.score")}</th>
                <th>{t("contests.org.spread")}</th>
                <th>{t("contests.award")}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.entryId}>
                  <td>{cat(r.category)}</td>
                  <td>{r.rank ?? "—"}</td>
                  <td>{r.title}</td>
                  {judges.map((j) => {
                    const jt = r.judgeTotals.find((x) => x.judgeId === j.id);
                    return (
                      <td
                        key={j.id}
                        className={jt?.outlier ? "bg-red-50 font-semibold text-red-700" : ""}
                        title={jt?.outlier ? t("contests.org.outlier") : undefined}
                      >
                        {jt ? fmt(jt.used) : ""}
                        {jt?.outlier ? ` ⚑ ${t("contests.org.outlier")}` : ""}
                      </td>
                    );
                  })}
                  <td>
                    {fmt(r.score)}
                    {r.method ? (
                      <span className="block text-xs text-gray-500">
                        {t(`contests.org.method.${r.method}` as MessageKey)}
                      </span>
                    ) : null}
                  </td>
                  <td>{fmt(r.spread)}</td>
                  <td>
                    <select
                      name={`award.${r.entryId}`}
                      defaultValue={r.award}
                      className="input min-w-24"
                      aria-label={t("contests.award")}
                    >
                      <option value="">{t("contests.noAward")}</option>
                      {tiers.map((tier) => (
                        <option key={tier.id} value={tier.id}>
                          {tier.name}
                        </option>
                      ))}
                    </select>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <div className="mt-3 flex flex-wrap gap-2">
          <button type="submit" name="intent" value="save" className="btn-secondary">
            {t("contests.org.saveAwards")}
          </button>
          <button type="submit" name="intent" value="publish" className="btn-primary">
            {t("contests.org.publishResults")}
          </button>
        </div>
      </Form>
      <details className="mt-6" open={audit.length <= 20}>
        <summary className="mb-2 cursor-pointer font-semibold">
          {t("contests.org.audit")} ({audit.length})
        </summary>
        <ul className="space-y-1 text-xs text-gray-700">
          {audit.map((a) => (
            <li key={a.id} className="break-words">
              {a.status
                ? t("contests.audit.statusLine", {
                    who: a.who,
                    when: formatDateTime(a.at, locale),
                    entry: a.entry,
                    judge: a.judge,
                    what: t(`contests.audit.${a.status}` as MessageKey),
                  })
                : t("contests.audit.scoreLine", {
                    judge: a.who,
                    when: formatDateTime(a.at, locale),
                    entry: a.entry,
                    criterion: a.criterion ?? "",
                    before: a.before === null ? "∅" : fmt(a.before),
                    after: fmt(a.after),
                  })}
            </li>
          ))}
        </ul>
      </details>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
