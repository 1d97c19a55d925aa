// The score matrix and results as one table: what the organiser's results page explains and what
// the export (CSV/XLSX through app/utils/export.server.ts, audited) writes. Every number that
// decides a rank is a column: the score and its method, the tie-break values (median, share of
// full marks on the heaviest criterion), and each judge's raw and — when normalisation is on —
// normalised total, labelled as such.
import type { MessageKey, TFunction } from "~/i18n";
import type { DataTable } from "~/utils/data-table";
import { prisma } from "~/utils/db.server";
import { loadResults } from "./results.server";
import { heaviestCriterion } from "./scoring";

export async function resultsTable(contestId: string, t: TFunction): Promise<DataTable> {
  const { contest, entries, results, suggested } = await loadResults(contestId);
  const info = await prisma.contest.findUniqueOrThrow({
    where: { id: contestId },
    select: { title: true, status: true },
  });
  const judgeIds = [...new Set(results.flatMap((r) => r.judgeTotals.map((j) => j.judgeId)))];
  const judges = await prisma.user.findMany({
    where: { id: { in: judgeIds } },
    select: { id: true, name: true },
    orderBy: { name: "asc" },
  });
  const byId = new Map(entries.map((e) => [e.id, e]));
  const tierName = new Map(contest.tiers.map((tier) => [tier.id, tier.name]));
  const heavy = heaviestCriterion(contest.criteria);
  const normalise = contest.normalizeScores;
  const columns: DataTable["columns"] = [
    { label: t("contests.entry.category"), kind: "text" },
    { label: t("contests.rank"), kind: "number" },
    { label: t("contests.org.entry"), kind: "text" },
    { label: t("contests.score"), kind: "number" },
    { label: t("judging.results.method"), kind: "text" },
    { label: t("judging.results.median"), kind: "number" },
    { label: t("judging.results.heavyShare", { criterion: heavy?.name ?? "" }), kind: "percent" },
    { label: t("contests.org.spread"), kind: "number" },
    { label: t("contests.award"), kind: "text" },
  ];
  for (const j of judges) {
    columns.push({ label: t("judging.results.judgeRaw", { judge: j.name }), kind: "number" });
    if (normalise) columns.push({ label: t("judging.results.judgeNormalised", { judge: j.name }), kind: "number" });
    columns.push({ label: t("judging.results.judgeOutlier", { judge: j.name }), kind: "text" });
  }
  const published = info.status === "results_published";
  const rows = [...results]
    .sort((a, b) => a.category.localeCompare(b.category) || (a.rank ?? 1e9) - (b.rank ?? 1e9))
    .map((r) => {
      const entry = byId.get(r.entryId)!;
      const award = entry.awardTierId ?? (published ? null : (suggested.get(r.entryId) ?? null));
      const row: (string | number | null)[] = [
        t(`contests.category.${r.category}` as MessageKey),
        r.rank,
        entry.title,
        r.score,
        r.method ? t(`contests.org.method.${r.method}` as MessageKey) : null,
        r.median,
        r.heavyShare,
        r.spread,
        award ? (tierName.get(award) ?? null) : null,
      ];
      for (const j of judges) {
        const jt = r.judgeTotals.find((x) => x.judgeId === j.id);
        row.push(jt ? jt.raw : null);
        if (normalise) row.push(jt?.normalised ? jt.used : null);
        row.push(jt?.outlier ? t("contests.org.outlier") : null);
      }
      return row;
    });
  return { id: "contest-results", title: info.title, columns, rows };
}
