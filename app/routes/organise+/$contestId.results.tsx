import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { ActionError, OrganiserTabs, useCategoryLabel } from "~/components/contests";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { FormMessage } from "~/components/forms";
import { correctAward, loadResults, saveAwards } from "~/domain/contests/results.server";
import { heaviestCriterion, MIN_SHEETS_TO_NORMALISE, OUTLIER_POINTS } from "~/domain/contests/scoring";
import type { MessageKey } from "~/i18n";
import { prisma } from "~/utils/db.server";
import { badRequest } from "~/utils/http.server";
import { useI18n } from "~/utils/i18n";
import { requireContestOrganiser } from "~/utils/permissions.server";
import { formatDateTime, formatNumber } from "~/utils/time";
import { ruleResult } from "~/utils/rule-error.server";
import { pageMeta } from "~/utils/meta";
import { TableScroll } from "~/components/table-scroll";

export const meta = pageMeta<typeof loader>(
  "page.organiseResults.title",
  "page.organiseResults.description",
  (d) => d.contest.title,
);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { contestId } = await requireContestOrganiser(request, params.contestId ?? "");
  const contest = await prisma.contest.findUniqueOrThrow({
    where: { id: contestId },
    select: { id: true, title: true, kind: true, status: true, normalizeScores: true, scoreMethod: true },
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
  // The whole log, a page at a time (newest first; ?auditBefore=<id> pages back).
  const auditWhere = {
    OR: [
      { action: "score.change", entityId: { in: ids } },
      { action: "award.correct", entity: "Entry", entityId: { in: entries.map((e) => e.id) } },
    ],
  };
  const before = Number(new URL(request.url).searchParams.get("auditBefore"));
  const [logRows, auditTotal] = await Promise.all([
    prisma.auditLog.findMany({
      where: { ...auditWhere, ...(Number.isSafeInteger(before) && before > 0 ? { id: { lt: before } } : {}) },
      select: {
        id: true,
        action: true,
        entityId: true,
        before: true,
        after: true,
        createdAt: true,
        actor: { select: { name: true } },
      },
      orderBy: { id: "desc" },
      take: AUDIT_PAGE + 1,
    }),
    prisma.auditLog.count({ where: auditWhere }),
  ]);
  const olderCursor = logRows.length > AUDIT_PAGE ? logRows[AUDIT_PAGE - 1].id : null;
  logRows.splice(AUDIT_PAGE);
  // Readable lines: which entry, which judge, which criterion, old → new.
  const byAssignment = new Map(assignments.map((a) => [a.id, a]));
  const criterionName = new Map(rules.criteria.map((c) => [c.id, c.name]));
  const entryTitle = new Map(entries.map((e) => [e.id, e.title]));
  const tierName = new Map(rules.tiers.map((tier) => [tier.id, tier.name]));
  const corrections = logRows
    .filter((row) => row.action === "award.correct")
    .map((row) => {
      const b = JSON.parse(row.before ?? "{}") as { awardTierId?: string | null };
      const a = JSON.parse(row.after ?? "{}") as { awardTierId?: string | null; reason?: string };
      return {
        id: row.id,
        at: row.createdAt,
        who: row.actor?.name ?? "—",
        entry: entryTitle.get(row.entityId) ?? "—",
        before: b.awardTierId ? (tierName.get(b.awardTierId) ?? "—") : null,
        after: a.awardTierId ? (tierName.get(a.awardTierId) ?? "—") : null,
        reason: a.reason ?? "",
      };
    });
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
  const published = contest.status === "results_published";
  const titles = new Map(entries.map((e) => [e.id, { title: e.title, awardTierId: e.awardTierId }]));
  const rows = results
    .map((r) => ({
      ...r,
      title: titles.get(r.entryId)!.title,
      // Once published, only the awards actually given (no suggestions): they are what the public sees.
      award: titles.get(r.entryId)!.awardTierId ?? (published ? "" : (suggested.get(r.entryId) ?? "")),
    }))
    .sort((a, b) => a.category.localeCompare(b.category) || (a.rank ?? 1e9) - (b.rank ?? 1e9));
  return {
    contest,
    published,
    rows,
    judges,
    tiers: rules.tiers,
    heavy: heaviestCriterion(rules.criteria)?.name ?? "",
    audit: audit.filter((_, i) => logRows[i].action === "score.change"),
    corrections,
    auditTotal,
    olderCursor,
    newest: Number.isSafeInteger(before) && before > 0,
  };
}

const AUDIT_PAGE = 100;

// award.<entryId> = tier id, or "" for none. A correction after publication names one entry and needs a reason.
const ResultsIntent = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("save"), award: z.record(z.string()).default({}) }),
  z.object({ intent: z.literal("publish"), award: z.record(z.string()).default({}) }),
  z.object({
    intent: z.literal("correct"),
    entryId: z.string({ required_error: "validation.required" }),
    tierId: z.string().default(""),
    reason: z
      .string({ required_error: "judging.validation.reasonRequired" })
      .trim()
      .min(1, "judging.validation.reasonRequired")
      .max(500, "validation.tooLong"),
  }),
]);

export async function action({ request, params }: ActionFunctionArgs) {
  const { contestId, user } = await requireContestOrganiser(request, params.contestId ?? "");
  const submission = parseWithZod(await request.formData(), { schema: ResultsIntent });
  if (submission.status !== "success") {
    if (submission.error?.intent || submission.error?.entryId) badRequest();
    return data({ error: null, fieldErrors: submission.error ?? {}, message: null }, { status: 400 });
  }
  const input = submission.value;
  if (input.intent === "correct") {
    const r = await ruleResult(() =>
      correctAward({
        contestId,
        entryId: input.entryId,
        tierId: input.tierId || null,
        reason: input.reason,
        actorId: user.id,
      }),
    );
    return r.ok ? { error: null, fieldErrors: {}, message: "judging.results.corrected" } : r.response;
  }
  const publish = input.intent === "publish";
  const r = await ruleResult(() => saveAwards(contestId, input.award, publish));
  if (!r.ok) return r.response;
  return {
    error: null,
    fieldErrors: {},
    message: publish ? "contests.org.resultsPublished" : "contests.org.awardsSaved",
  };
}

export default function ResultsPage() {
  const { contest, published, rows, judges, tiers, heavy, audit, corrections, auditTotal, olderCursor, newest } =
    useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t, locale } = useI18n();
  const cat = useCategoryLabel();
  const fmt = (x: number | null) => (x === null ? "—" : formatNumber(x, locale, { maximumFractionDigits: 2 }));
  const pct = (x: number | null) =>
    x === null ? "—" : formatNumber(x * 100, locale, { maximumFractionDigits: 1 }) + "%";
  const fieldErrors = (actionData?.fieldErrors ?? {}) as Record<string, string[] | undefined>;
  return (
    <div>
      <h1 className="page-title">{contest.title}</h1>
      <OrganiserTabs contestId={contest.id} kind={contest.kind} />
      {actionData && "message" in actionData && actionData.message ? (
        <FormMessage message={t(actionData.message as MessageKey)} />
      ) : null}
      <ActionError error={actionData?.error} />
      <section className="card mb-3 space-y-1 text-xs text-gray-700">
        <h2 className="text-sm font-semibold">{t("judging.results.methodTitle")}</h2>
        <p>{t("contests.org.formula")}</p>
        <p>{t(`judging.results.scoreMethod.${contest.scoreMethod}` as MessageKey)}</p>
        <p>
          {contest.normalizeScores
            ? t("judging.results.normalisedOn", { min: MIN_SHEETS_TO_NORMALISE })
            : t("judging.results.normalisedOff")}
        </p>
        <p>{t("judging.results.outlierRule", { points: OUTLIER_POINTS })}</p>
        <p>{t("judging.results.tieBreaks", { criterion: heavy })}</p>
        <p>
          {t("judging.results.perCategory", {
            tiers: tiers
              .map((tier) => t("judging.results.tierCount", { name: tier.name, n: tier.count }))
              .join(t("common.listSeparator")),
          })}
        </p>
        <p className="flex flex-wrap gap-3">
          <a className="link" href={`/organise/${contest.id}/export?format=csv`}>
            {t("judging.results.exportCsv")}
          </a>
          <a className="link" href={`/organise/${contest.id}/export?format=xlsx`}>
            {t("judging.results.exportXlsx")}
          </a>
        </p>
      </section>
      <h2 className="mb-2 font-semibold">{t("contests.org.matrix")}</h2>
      {rows.every((r) => r.score === null) ? <p className="mb-2 text-sm">{t("contests.org.noScores")}</p> : null}
      <Form method="post">
        <TableScroll label={t("contests.org.matrix")}>
          <table className="data-table">
            <thead>
              <tr>
                <th>{t("contests.entry.category")}</th>
                <th>{t("contests.rank")}</th>
                <th>{t("contests.org.entry")}</th>
                {judges.map((j) => (
                  <th key={j.id}>
                    {j.name}
                    <span className="block text-xs font-normal text-gray-500">
                      {contest.normalizeScores ? t("judging.results.rawToNormalised") : t("judging.results.raw")}
                    </span>
                  </th>
                ))}
                <th>{t("contests.score")}</th>
                <th>{t("judging.results.median")}</th>
                <th>{t("judging.results.heavyShare", { criterion: heavy })}</th>
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
                        {jt ? (jt.normalised ? `${fmt(jt.raw)} → ${fmt(jt.used)}` : fmt(jt.raw)) : ""}
                        {jt && contest.normalizeScores && !jt.normalised ? (
                          <span className="block text-xs text-gray-500">{t("judging.results.notNormalised")}</span>
                        ) : null}
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
                  <td>{fmt(r.median)}</td>
                  <td>{pct(r.heavyShare)}</td>
                  <td>{fmt(r.spread)}</td>
                  <td>
                    <select
                      name={`award.${r.entryId}`}
                      defaultValue={r.award}
                      className="input min-w-24"
                      aria-label={t("contests.award")}
                      disabled={published}
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
        </TableScroll>
        {published ? (
          <p className="mt-3 text-sm">{t("judging.results.locked")}</p>
        ) : (
          <div className="mt-3 flex flex-wrap gap-2">
            <button type="submit" name="intent" value="save" className="btn-secondary">
              {t("contests.org.saveAwards")}
            </button>
            <button type="submit" name="intent" value="publish" className="btn-primary">
              {t("contests.org.publishResults")}
            </button>
          </div>
        )}
      </Form>
      {published ? (
        <Form method="post" className="card mt-4 space-y-2">
          <h2 className="font-semibold">{t("judging.results.correctTitle")}</h2>
          <p className="text-xs text-gray-600">{t("judging.results.correctHelp")}</p>
          <input type="hidden" name="intent" value="correct" />
          <div className="grid gap-2 sm:grid-cols-2">
            <select name="entryId" className="input" aria-label={t("contests.org.entry")}>
              {rows.map((r) => (
                <option key={r.entryId} value={r.entryId}>
                  {r.title}
                </option>
              ))}
            </select>
            <select name="tierId" className="input" aria-label={t("contests.award")}>
              <option value="">{t("contests.noAward")}</option>
              {tiers.map((tier) => (
                <option key={tier.id} value={tier.id}>
                  {tier.name}
                </option>
              ))}
            </select>
          </div>
          <label className="label" htmlFor="reason">
            {t("judging.results.reason")}
          </label>
          <textarea id="reason" name="reason" className="input" rows={2} maxLength={500} />
          {fieldErrors.reason ? <p className="field-error">{t(fieldErrors.reason[0] as MessageKey)}</p> : null}
          {fieldErrors.tierId ? <p className="field-error">{t(fieldErrors.tierId[0] as MessageKey)}</p> : null}
          <button type="submit" className="btn-danger">
            {t("judging.results.correct")}
          </button>
        </Form>
      ) : null}
      {corrections.length ? (
        <ul className="mt-4 space-y-1 text-xs text-gray-700">
          {corrections.map((c) => (
            <li key={c.id}>
              {t("judging.results.correctionLine", {
                who: c.who,
                when: formatDateTime(c.at, locale),
                entry: c.entry,
                before: c.before ?? t("contests.noAward"),
                after: c.after ?? t("contests.noAward"),
                reason: c.reason,
              })}
            </li>
          ))}
        </ul>
      ) : null}
      <details className="mt-6" open={audit.length <= 20}>
        <summary className="mb-2 cursor-pointer font-semibold">
          {t("contests.org.audit")} ({auditTotal})
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
        <p className="mt-2 flex gap-3 text-xs">
          {newest ? (
            <Link className="link" to="?">
              {t("judging.results.auditNewest")}
            </Link>
          ) : null}
          {olderCursor ? (
            <Link className="link" to={`?auditBefore=${olderCursor}`}>
              {t("judging.results.auditOlder")}
            </Link>
          ) : null}
        </p>
      </details>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
