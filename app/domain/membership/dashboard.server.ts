// The conversion dashboard's figures. Every number is one GROUP BY over FunnelRollup (daily counts
// kept by recordFunnelStep) or an indexed aggregate over applications, memberships, unions and
// enterprises — never a scan of raw events — so a city-wide load stays fast (test/bench/dashboard).
import { prisma } from "~/utils/db.server";
import { empty, join, raw, sql, sqlDate, sqlIn, type Sql } from "~/utils/sql-dialect.server";
import { formatCalendarDate, toLocalDateKey, type Locale } from "~/utils/time";
import { loadCohort } from "./dashboard-cohort.server";
import { STAGES, TTC_BUCKETS, type Period, type Stage } from "./dashboard-tables";
import { localName } from "~/utils/org-name";

export type StageCounts = Record<Stage, number>;

export { PERIODS, type Period } from "./dashboard-tables";

export type DashboardFilter = { from: string; to: string; countyIds: string[] | null };

export function periodRange(period: Period, now = new Date()) {
  const to = toLocalDateKey(now);
  if (period === "ytd") return { from: `${to.slice(0, 4)}-01-01`, to };
  return { from: toLocalDateKey(new Date(now.getTime() - (Number(period) - 1) * 86_400_000)), to };
}

const emptyCounts = (): StageCounts => ({ view: 0, signup: 0, attend: 0, join_click: 0, apply: 0, approve: 0 });

type Row = Record<string, unknown>;
async function query(statement: Sql) {
  return (await prisma.$queryRaw<Row[]>(statement)).map((r) =>
    Object.fromEntries(Object.entries(r).map(([k, v]) => [k, typeof v === "bigint" ? Number(v) : v])),
  );
}

/** " AND column IN (…)" for a county scope; nothing city-wide; never true for no counties. */
function countyClause(countyIds: string[] | null, column = `"countyId"`): Sql {
  return countyIds ? sql` AND ${sqlIn(column, countyIds)}` : empty;
}

const STEPS_SQL = raw(`"step" IN ('view', 'signup', 'contest_entry', 'attend', 'join_click', 'apply', 'approve')`);
const STEP_TO_STAGE: Record<string, Stage> = {
  view: "view",
  signup: "signup",
  contest_entry: "signup",
  attend: "attend",
  join_click: "join_click",
  apply: "apply",
  approve: "approve",
};

/**
 * Stage counts per `groupExpr` value of a rollup dimension. GROUP BY step first: that is the
 * order of the (dim, step, key, day, count) index, so SQLite streams through it without sorting.
 */
async function stepsBy(f: DashboardFilter, dim: string, groupColumn: string, keys?: string[]) {
  const only = keys ? sql` AND ${sqlIn(`"key"`, keys)}` : empty;
  const g = raw(`"${groupColumn}"`);
  const rows = await query(
    sql`SELECT ${g} AS "g", "step", SUM("count") AS "n" FROM "FunnelRollup"
     WHERE "dim" = ${dim} AND ${STEPS_SQL} AND "day" >= ${f.from} AND "day" <= ${f.to}${countyClause(f.countyIds)}${only}
     GROUP BY "step", ${g}`,
  );
  const out = new Map<string, StageCounts>();
  for (const r of rows) {
    const key = String(r.g ?? "");
    const counts = out.get(key) ?? emptyCounts();
    counts[STEP_TO_STAGE[String(r.step)]] += Number(r.n);
    out.set(key, counts);
  }
  return out;
}

/**
 * The `limit` keys of a long dimension (a city's 5,000 activities) with the most approvals, topped
 * up by sign-ups; only their rows then leave the database. No limit → every key (the exports).
 */
async function topOf(f: DashboardFilter, dim: string, limit?: number) {
  if (limit === undefined) return stepsBy(f, dim, "key");
  const leaders = async (steps: string[], exclude: string[], n: number) =>
    (
      await query(
        sql`SELECT "key", SUM("count") AS "n" FROM "FunnelRollup"
         WHERE "dim" = ${dim} AND ${sqlIn(`"step"`, steps)} AND "day" >= ${f.from} AND "day" <= ${f.to}${countyClause(f.countyIds)}
           ${exclude.length ? sql`AND "key" NOT IN (${join(exclude)})` : empty}
         GROUP BY "key" ORDER BY "n" DESC, "key" LIMIT ${raw(String(Math.trunc(n)))}`,
      )
    ).map((r) => String(r.key));
  const keys = await leaders(["approve"], [], limit);
  if (keys.length < limit) keys.push(...(await leaders(["signup", "contest_entry"], keys, limit - keys.length)));
  if (keys.length < limit) keys.push(...(await leaders(["view"], keys, limit - keys.length)));
  return keys.length ? stepsBy(f, dim, "key", keys) : new Map<string, StageCounts>();
}

export type BreakdownRow = { key: string; label: string; counts: StageCounts };

/** Rows by approvals then sign-ups (largest first), cut to `limit`, labelled from `names`. */
function ranked(map: Map<string, StageCounts>) {
  return [...map.entries()].sort(
    ([ka, a], [kb, b]) => b.approve - a.approve || b.signup - a.signup || b.view - a.view || (ka < kb ? -1 : 1),
  );
}

function labelled(rows: [string, StageCounts][], names: Map<string, string>): BreakdownRow[] {
  return rows.map(([key, counts]) => ({ key, label: names.get(key) ?? key, counts }));
}

async function orgNames(ids: string[], locale: string) {
  if (ids.length === 0) return new Map<string, string>();
  const orgs = await prisma.organisation.findMany({
    where: { id: { in: ids } },
    select: { id: true, name: true, nameEn: true },
  });
  return new Map(orgs.map((o) => [o.id, localName(o, locale)]));
}

export async function loadDashboard(
  f: DashboardFilter,
  locale: string,
  options: { rowLimit?: number; now?: Date } = {},
) {
  const now = options.now ?? new Date();
  const limit = options.rowLimit;
  const [totalsByCounty, byDay, byCenter, byActivity, byContest, byCategory, byMigrant, bySourceType] =
    await Promise.all([
      stepsBy(f, "total", "countyId"),
      stepsBy(f, "total", "day"),
      topOf(f, "center", limit),
      topOf(f, "activity", limit),
      topOf(f, "contest", limit),
      stepsBy(f, "category", "key"),
      stepsBy(f, "migrant", "key"),
      stepsBy(f, "sourceType", "key"),
    ]);
  // Days → weeks (starting Monday) and months in JavaScript: at most a year of days per step.
  const weekly = rebucket(byDay, weekOf);
  const monthly = rebucket(byDay, (day) => day.slice(0, 7));

  const totals = emptyCounts();
  for (const counts of totalsByCounty.values()) for (const s of STAGES) totals[s] += counts[s];

  const top = { center: ranked(byCenter), activity: ranked(byActivity), contest: ranked(byContest) };
  // Rows are ranked by approvals first, so the top 10 sources are among each list's first 10.
  const sources = [
    ...top.activity.slice(0, 10).map(([id, c]) => ({ type: "activity", id, approved: c.approve })),
    ...top.contest.slice(0, 10).map(([id, c]) => ({ type: "contest", id, approved: c.approve })),
    ...top.center.slice(0, 10).map(([id, c]) => ({ type: "center", id, approved: c.approve })),
    { type: "direct", id: "direct", approved: bySourceType.get("direct")?.approve ?? 0 },
  ]
    .filter((x) => x.approved > 0)
    .sort((a, b) => b.approved - a.approved)
    .slice(0, 10);

  // Names only for the rows shown.
  const activityIds = [
    ...new Set([...top.activity.map(([id]) => id), ...sources.filter((x) => x.type === "activity").map((x) => x.id)]),
  ];
  const contestIds = [
    ...new Set([...top.contest.map(([id]) => id), ...sources.filter((x) => x.type === "contest").map((x) => x.id)]),
  ];
  const orgIds = [
    ...new Set([
      ...totalsByCounty.keys(),
      ...top.center.map(([id]) => id),
      ...sources.filter((x) => x.type === "center").map((x) => x.id),
    ]),
  ].filter(Boolean);
  const [orgs, activities, contests, timeToConvertRows, organisation, cohort] = await Promise.all([
    orgNames(orgIds, locale),
    activityIds.length
      ? prisma.activity.findMany({ where: { id: { in: activityIds } }, select: { id: true, title: true } })
      : [],
    contestIds.length
      ? prisma.contest.findMany({ where: { id: { in: contestIds } }, select: { id: true, title: true } })
      : [],
    timeToConvert(f),
    organisationFigures(f.countyIds, now),
    loadCohort(f),
  ]);
  const titles = new Map([
    ...activities.map((a) => [a.id, a.title] as const),
    ...contests.map((c) => [c.id, c.title] as const),
  ]);
  // Keys stay ISO (they sort, and the charts use them); labels are dates as the reader writes them.
  const trend = (m: Map<string, StageCounts>, label: (key: string) => string) =>
    [...m.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([key, counts]) => ({ key, label: label(key), counts }));
  const lang: Locale = locale === "en" ? "en" : "zh-CN";

  return {
    filter: f,
    totals,
    cohort,
    byCounty: labelled(ranked(totalsByCounty), orgs),
    byCenter: labelled(top.center, orgs),
    byActivity: labelled(top.activity, titles),
    byContest: labelled(top.contest, titles),
    byCategory: labelled(ranked(byCategory), new Map()),
    byMigrant: labelled(ranked(byMigrant), new Map()),
    /** Tables cut to `rowLimit` rows (the page says so; exports carry every row). */
    cut:
      limit === undefined
        ? []
        : ["center", "activity", "contest"].filter(
            (id) => ({ center: byCenter, activity: byActivity, contest: byContest })[id]!.size >= limit,
          ),
    weekly: trend(weekly, (monday) => formatCalendarDate(monday, lang)),
    monthly: trend(monthly, (month) => formatMonth(month, lang)),
    timeToConvert: timeToConvertRows,
    topSources: sources.map((x) => ({
      ...x,
      label: x.type === "center" ? (orgs.get(x.id) ?? x.id) : (titles.get(x.id) ?? x.id),
    })),
    organisation,
  };
}

export type Dashboard = Awaited<ReturnType<typeof loadDashboard>>;

const monthFormats = new Map<Locale, Intl.DateTimeFormat>();
/** "2026-10" → "Oct 2026" / "2026年10月". */
export function formatMonth(month: string, locale: Locale) {
  let f = monthFormats.get(locale);
  if (!f) {
    f = new Intl.DateTimeFormat(locale === "en" ? "en-GB" : "zh-CN", {
      year: "numeric",
      month: locale === "en" ? "short" : "long",
      timeZone: "UTC",
    });
    monthFormats.set(locale, f);
  }
  return f.format(new Date(`${month}-01T12:00:00Z`));
}

function weekOf(day: string) {
  const t = Date.parse(`${day}T00:00:00Z`);
  const monday = t - ((new Date(t).getUTCDay() + 6) % 7) * 86_400_000;
  return new Date(monday).toISOString().slice(0, 10);
}

function rebucket(byDay: Map<string, StageCounts>, bucketOf: (day: string) => string) {
  const out = new Map<string, StageCounts>();
  for (const [day, counts] of byDay) {
    const key = bucketOf(day);
    const into = out.get(key) ?? emptyCounts();
    for (const s of STAGES) into[s] += counts[s];
    out.set(key, into);
  }
  return out;
}

/** Days from first touch to approval, for approvals in the period (from the ttc rollup rows). */
async function timeToConvert(f: DashboardFilter) {
  const rows = await query(
    sql`SELECT "key", SUM("count") AS "n" FROM "FunnelRollup"
     WHERE "dim" = 'ttc' AND "step" = 'approve' AND "day" >= ${f.from} AND "day" <= ${f.to}${countyClause(f.countyIds)}
     GROUP BY "key"`,
  );
  const counts = new Map(rows.map((r) => [String(r.key), Number(r.n)]));
  return TTC_BUCKETS.map((bucket) => ({ bucket, count: counts.get(bucket) ?? 0 }));
}

// A Beijing day starts at 16:00 UTC the day before.
function dayStartUtc(day: string) {
  return sqlDate(new Date(`${day}T00:00:00+08:00`));
}

/** What the city federation reports: new unions, newly covered legal entities, members, coverage. */
export async function organisationFigures(countyIds: string[] | null, now = new Date()) {
  const yearStart = dayStartUtc(`${toLocalDateKey(now).slice(0, 4)}-01-01`);
  const county = countyClause(countyIds);
  const [unions, enterprises, members] = await Promise.all([
    query(
      sql`SELECT count(*) AS "n" FROM "Organisation"
          WHERE "kind" = 'union' AND COALESCE("foundedAt", "createdAt") >= ${yearStart}${county}`,
    ),
    query(
      sql`SELECT SUM(CASE WHEN "coveredAt" >= ${yearStart} THEN 1 ELSE 0 END) AS "covered", SUM("workerCount") AS "workers",
              SUM(CASE WHEN "unionId" IS NULL THEN 1 ELSE 0 END) AS "gaps", count(*) AS "total"
          FROM "Enterprise" WHERE TRUE${county}`,
    ),
    countyIds
      ? query(
          sql`SELECT count(*) AS "total", SUM(CASE WHEN "m"."since" >= ${yearStart} THEN 1 ELSE 0 END) AS "fresh"
              FROM "Membership" AS "m" JOIN "Organisation" AS "o" ON "o"."id" = "m"."unionId"
              WHERE TRUE${countyClause(countyIds, `"o"."countyId"`)}`,
        )
      : query(
          sql`SELECT count(*) AS "total", SUM(CASE WHEN "since" >= ${yearStart} THEN 1 ELSE 0 END) AS "fresh" FROM "Membership"`,
        ),
  ]);
  const workers = Number(enterprises[0]?.workers ?? 0);
  const memberTotal = Number(members[0]?.total ?? 0);
  return {
    newUnions: Number(unions[0]?.n ?? 0),
    newlyCovered: Number(enterprises[0]?.covered ?? 0),
    enterprises: Number(enterprises[0]?.total ?? 0),
    uncovered: Number(enterprises[0]?.gaps ?? 0),
    newMembers: Number(members[0]?.fresh ?? 0),
    members: memberTotal,
    workers,
    coverage: workers > 0 ? memberTotal / workers : null,
  };
}
