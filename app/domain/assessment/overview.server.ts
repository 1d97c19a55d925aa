// The round at a glance for city and county staff, as neutral tables (the page's <table>s, its bars
// and the CSV/XLSX exports are all built from these, so an export is exactly what is shown).
import type { DataTable } from "~/domain/membership/dashboard-tables";
import type { MessageKey, TFunction } from "~/i18n";
import { prisma } from "~/utils/db.server";
import { GRADES, LEVELS, MIN_ANSWERS, SATISFIED_AT } from "./constants";
import { effectiveScore, round1 } from "./grading";
import { localName } from "~/utils/org-name";

export const OVERVIEW_TABLES = ["coverage", "grades", "levels", "failing", "inspection", "satisfaction"] as const;

const pct = (a: number, b: number) => (b > 0 ? a / b : null);

export async function buildOverview(
  roundId: string,
  countyIds: string[] | null,
  t: TFunction,
  locale: string,
): Promise<DataTable[]> {
  const inCounty = countyIds ? { countyId: { in: countyIds } } : {};
  const counties = await prisma.organisation.findMany({
    where: { kind: { in: ["county", "zone"] }, ...(countyIds ? { id: { in: countyIds } } : {}) },
    select: { id: true, name: true, nameEn: true },
    orderBy: [{ kind: "asc" }, { code: "asc" }, { name: "asc" }],
  });
  const label = (c: { name: string; nameEn: string | null }) => localName(c, locale);
  const [unions, byStatus, confirmed, evaluations, satisfied, groups] = await Promise.all([
    prisma.organisation.groupBy({ by: ["countyId"], where: { kind: "union", ...inCounty }, _count: { _all: true } }),
    prisma.assessmentSubmission.groupBy({
      by: ["countyId", "status"],
      where: { roundId, ...inCounty },
      _count: { _all: true },
    }),
    prisma.assessmentSubmission.findMany({
      where: { roundId, status: "confirmed", ...inCounty },
      select: {
        grade: true,
        level: true,
        rigidTotal: true,
        countyId: true,
        union: { select: { name: true } },
        scores: {
          select: {
            selfScore: true,
            reviewScore: true,
            confirmedScore: true,
            item: { select: { kind: true, name: true, nameEn: true, maxPoints: true } },
          },
        },
      },
    }),
    prisma.memberEvaluation.groupBy({ by: ["countyId"], where: { roundId, ...inCounty }, _count: { _all: true } }),
    prisma.memberEvaluation.groupBy({
      by: ["countyId"],
      where: { roundId, average: { gte: SATISFIED_AT }, ...inCounty },
      _count: { _all: true },
    }),
    prisma.inspectionGroup.findMany({
      where: { roundId, ...(countyIds ? { targets: { some: { org: { countyId: { in: countyIds } } } } } : {}) },
      select: {
        name: true,
        leader: { select: { name: true } },
        targets: { select: { org: { select: { id: true, kind: true } } } },
        visits: { select: { submissionId: true } },
      },
      orderBy: { name: "asc" },
    }),
  ]);
  const count = (rows: { countyId: string | null; _count: { _all: number } }[], id: string) =>
    rows.find((r) => r.countyId === id)?._count._all ?? 0;
  const status = (id: string, statuses: string[]) =>
    byStatus.filter((r) => r.countyId === id && statuses.includes(r.status)).reduce((a, r) => a + r._count._all, 0);
  const countyName = new Map(counties.map((c) => [c.id, label(c)]));

  const coverage: DataTable = {
    id: "coverage",
    title: t("assessment.overview.coverage"),
    columns: [
      { label: t("assessment.overview.county"), kind: "text" },
      { label: t("assessment.overview.unions"), kind: "number" },
      { label: t("assessment.status.submitted"), kind: "number" },
      { label: t("assessment.status.reviewed"), kind: "number" },
      { label: t("assessment.status.confirmed"), kind: "number" },
      { label: t("assessment.overview.submittedShare"), kind: "percent" },
    ],
    rows: counties.map((c) => {
      const total = count(unions, c.id);
      const submitted = status(c.id, ["submitted", "returned", "reviewed", "confirmed"]);
      return [
        label(c),
        total,
        submitted,
        status(c.id, ["reviewed", "confirmed"]),
        status(c.id, ["confirmed"]),
        pct(submitted, total),
      ];
    }),
  };
  const distribution = (
    id: "grades" | "levels",
    keys: readonly string[],
    field: "grade" | "level",
    prefix: string,
  ): DataTable => ({
    id,
    title: t(`assessment.overview.${id}` as MessageKey),
    columns: [
      { label: t(`assessment.overview.${field}` as MessageKey), kind: "text" },
      { label: t("assessment.overview.unions"), kind: "number" },
      { label: t("assessment.overview.share"), kind: "percent" },
    ],
    rows: keys.map((k) => {
      const n = confirmed.filter((s) => s[field] === k).length;
      return [t(`${prefix}.${k}` as MessageKey), n, pct(n, confirmed.length)];
    }),
  });
  const failing: DataTable = {
    id: "failing",
    title: t("assessment.overview.failing"),
    columns: [
      { label: t("assessment.overview.union"), kind: "text" },
      { label: t("assessment.overview.county"), kind: "text" },
      { label: t("assessment.overview.grade"), kind: "text" },
      { label: t("assessment.overview.rigidTotal"), kind: "number" },
      { label: t("assessment.overview.missing"), kind: "text" },
    ],
    rows: confirmed
      .filter((s) => s.grade !== "pass")
      .map((s) => [
        s.union.name,
        countyName.get(s.countyId ?? "") ?? "",
        t(`assessment.grade.${s.grade}` as MessageKey),
        s.rigidTotal,
        s.scores
          .filter((x) => x.item.kind === "rigid" && (effectiveScore(x) ?? 0) < x.item.maxPoints)
          .map((x) => `${localName(x.item, locale)} (${effectiveScore(x) ?? 0}/${x.item.maxPoints})`)
          .join(t("common.listSeparator")),
      ]),
  };
  const inspection: DataTable = {
    id: "inspection",
    title: t("assessment.overview.inspection"),
    columns: [
      { label: t("assessment.inspection.group"), kind: "text" },
      { label: t("assessment.inspection.leader"), kind: "text" },
      { label: t("assessment.inspection.targets"), kind: "number" },
      { label: t("assessment.inspection.visits"), kind: "number" },
      { label: t("assessment.inspection.unionsVisited"), kind: "number" },
    ],
    rows: groups.map((g) => [
      g.name,
      g.leader.name,
      g.targets.length,
      g.visits.length,
      new Set(g.visits.map((v) => v.submissionId)).size,
    ]),
  };
  const satisfaction: DataTable = {
    id: "satisfaction",
    title: t("assessment.overview.satisfaction"),
    columns: [
      { label: t("assessment.overview.county"), kind: "text" },
      { label: t("assessment.overview.answers"), kind: "number" },
      { label: t("assessment.overview.satisfactionRate"), kind: "percent" },
    ],
    rows: counties.map((c) => {
      const n = count(evaluations, c.id);
      // Below MIN_ANSWERS the rate stays hidden, as everywhere else.
      return [label(c), n, n >= MIN_ANSWERS ? round1((count(satisfied, c.id) / n) * 1000) / 1000 : null];
    }),
  };
  return [
    coverage,
    distribution("grades", GRADES, "grade", "assessment.grade"),
    distribution("levels", LEVELS, "level", "assessment.level"),
    failing,
    inspection,
    satisfaction,
  ];
}
