// The dashboard's tables in one neutral shape, built once and used three ways: the page's
// accessible <table>s, the charts, and the CSV/XLSX exports (so an export is exactly what is shown).
import type { MessageKey, TFunction } from "~/i18n";
import type { DataTable } from "~/utils/data-table";
import type { Dashboard, StageCounts } from "./dashboard.server";

export type { ColumnKind, DataTable } from "~/utils/data-table";

/** Rows the page shows of the long breakdowns (centers, activities, contests). */
export const DASHBOARD_ROWS = 20;

export const PERIODS = ["30", "90", "180", "365", "ytd"] as const;
export type Period = (typeof PERIODS)[number];

export const TTC_BUCKETS = ["direct", "d0_7", "d8_30", "d31_60", "d61_90", "d90plus"] as const;

/** Whole days from first touch to approval → its bucket (null days = no touch, a direct application). */
export function ttcBucket(days: number | null) {
  if (days === null) return "direct";
  return days <= 7 ? "d0_7" : days <= 30 ? "d8_30" : days <= 60 ? "d31_60" : days <= 90 ? "d61_90" : "d90plus";
}

/** The funnel's stages, in order; "signup" also counts contest entries (a contest's sign-up). */
export const STAGES = ["view", "signup", "attend", "join_click", "apply", "approve"] as const;
export type Stage = (typeof STAGES)[number];
export const TABLE_IDS = [
  "funnel",
  "county",
  "center",
  "activity",
  "contest",
  "category",
  "migrant",
  "weekly",
  "monthly",
  "ttc",
  "sources",
  "organisation",
] as const;
export type TableId = (typeof TABLE_IDS)[number];

/** The short definitions printed under each table: every figure on the page is defined once, here. */
export const TABLE_DEFINITIONS: Record<TableId, MessageKey[]> = {
  funnel: [
    "dash.def.view",
    "dash.def.signup",
    "dash.def.attend",
    "dash.def.join_click",
    "dash.def.apply",
    "dash.def.approve",
    "dash.def.count",
    "dash.def.people",
    "dash.def.stepConversion",
    "dash.def.overallConversion",
  ],
  county: ["dash.def.breakdown", "dash.def.byCounty"],
  center: ["dash.def.breakdown", "dash.def.top"],
  activity: ["dash.def.breakdown", "dash.def.top"],
  contest: ["dash.def.breakdown", "dash.def.top"],
  category: ["dash.def.breakdown"],
  migrant: ["dash.def.breakdown", "dash.def.migrant"],
  weekly: ["dash.def.trend"],
  monthly: ["dash.def.trend"],
  ttc: ["dash.def.ttc"],
  sources: ["dash.def.sources"],
  organisation: ["dash.def.organisation", "dash.def.coverage"],
};

const ratio = (a: number, b: number) => (b > 0 ? a / b : null);

export function buildTables(d: Dashboard, t: TFunction): DataTable[] {
  const stageCols = STAGES.map((s) => ({ label: t(`membership.stage.${s}` as MessageKey), kind: "number" as const }));
  const breakdown = (id: TableId, title: MessageKey, rows: { label: string; counts: StageCounts }[]): DataTable => ({
    id,
    title: t(title),
    // No rate per row: a row's approvals are credited by last touch and its sign-ups are other
    // people, so their ratio is not a share of anyone (it reached 244 %). The funnel has the rates.
    columns: [{ label: t(title), kind: "text" }, ...stageCols],
    rows: rows.map((r) => [r.label, ...STAGES.map((s) => r.counts[s])]),
  });
  const o = d.organisation;
  return [
    {
      id: "funnel",
      title: t("membership.dash.funnel"),
      columns: [
        { label: t("membership.dash.stage"), kind: "text" },
        { label: t("membership.dash.count"), kind: "number" },
        { label: t("dash.col.people"), kind: "number" },
        { label: t("membership.dash.stepConversion"), kind: "percent" },
        { label: t("membership.dash.overallConversion"), kind: "percent" },
      ],
      // Rates are in people of one cohort (dashboard-cohort.server.ts), so never above 100 %.
      rows: STAGES.map((s, i) => [
        t(`membership.stage.${s}` as MessageKey),
        d.totals[s],
        d.cohort.people[s],
        i === 0 ? null : ratio(d.cohort.fromPrevious[s] ?? 0, d.cohort.people[STAGES[i - 1]]),
        i === 0 ? null : ratio(d.cohort.fromFirst[s], d.cohort.people.view),
      ]),
    },
    breakdown(
      "county",
      "membership.dash.byCounty",
      d.byCounty.map((r) => ({ ...r, label: r.key ? r.label : t("membership.dash.noCounty") })),
    ),
    breakdown("center", "membership.dash.byCenter", d.byCenter),
    breakdown("activity", "membership.dash.byActivity", d.byActivity),
    breakdown("contest", "membership.dash.byContest", d.byContest),
    breakdown(
      "category",
      "membership.dash.byCategory",
      d.byCategory.map((r) => ({ ...r, label: categoryLabel(r.key, t) })),
    ),
    breakdown(
      "migrant",
      "membership.dash.byMigrant",
      d.byMigrant.map((r) => ({
        ...r,
        label: t(r.key === "1" ? "membership.dash.migrant" : "membership.dash.nonMigrant"),
      })),
    ),
    breakdown("weekly", "membership.dash.weekly", d.weekly),
    breakdown("monthly", "membership.dash.monthly", d.monthly),
    {
      id: "ttc",
      title: t("membership.dash.timeToConvert"),
      columns: [
        { label: t("membership.dash.daysToConvert"), kind: "text" },
        { label: t("membership.dash.approvedMembers"), kind: "number" },
      ],
      rows: d.timeToConvert.map((b) => [t(`membership.ttc.${b.bucket}` as MessageKey), b.count]),
    },
    {
      id: "sources",
      title: t("membership.dash.topSources"),
      columns: [
        { label: t("membership.dash.sourceType"), kind: "text" },
        { label: t("membership.dash.source"), kind: "text" },
        { label: t("membership.dash.approvedMembers"), kind: "number" },
      ],
      rows: d.topSources.map((s) => [
        t(`membership.source.${s.type}` as MessageKey),
        s.type === "direct" ? t("membership.source.direct") : s.label,
        s.approved,
      ]),
    },
    {
      id: "organisation",
      title: t("membership.dash.organisation"),
      columns: [
        { label: t("membership.dash.figure"), kind: "text" },
        { label: t("membership.dash.value"), kind: "number" },
      ],
      rows: [
        [t("membership.dash.newUnions"), o.newUnions],
        [t("membership.dash.newlyCovered"), o.newlyCovered],
        [t("membership.dash.uncovered"), o.uncovered],
        [t("membership.dash.newMembers"), o.newMembers],
        [t("membership.dash.members"), o.members],
        [t("membership.dash.workers"), o.workers],
        // A ratio, not a count: kept a number (rowKinds says percent) so page and export agree.
        [t("membership.dash.coverage"), o.coverage],
      ],
      rowKinds: [undefined, undefined, undefined, undefined, undefined, undefined, "percent"],
    },
  ];
}

function categoryLabel(key: string, t: TFunction) {
  const k = `membership.category.${key}`;
  return t(k as MessageKey) === k ? key : t(k as MessageKey);
}
