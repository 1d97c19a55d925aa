// The conversion dashboard's figures. Every number is one GROUP BY over FunnelRollup (daily counts
// kept by recordFunnelStep) or an indexed aggregate over applications, memberships, unions and
// enterprises — never a scan of raw events — so a city-wide load stays fast (test/bench/dashboard).
import { prisma } from "~/utils/db.server";
import { toLocalDateKey } from "~/utils/time";
import { loadCohort } from "./dashboard-cohort.server";
import { STAGES, TTC_BUCKETS, type Period, type Stage } from "./dashboard-tables";

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
async function query(sql: string, params: unknown[]) {
  return (await prisma.$queryRawUnsafe<Row[]>(sql, ...params)).map((r) =>
    Object.fromEntries(Object.entries(r).map(([k, v]) => [k, typeof v === "bigint" ? Number(v) : v])),
  );
}

function countyClause(f: DashboardFilter, column = "countyId") {
  if (!f.countyIds) return { sql: "", params: [] as unknown[] };
  if (f.countyIds.length === 0) return { sql: " AND 0", params: [] };
  return { sql: ` AND ${column} IN (${f.countyIds.map(() => "?").join(",")})`, params: f.countyIds };
}

const STEPS_SQL = "step IN ('view', 'signup', 'contest_entry', 'attend', 'join_click', 'apply', 'approve')";
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
async function stepsBy(f: DashboardFilter, dim: string, groupExpr: string, keys?: string[]) {
  const county = countyClause(f);
  const only = keys ? ` AND key IN (${keys.map(() => "?").join(",")})` : "";
  const rows = await query(
    `SELECT ${groupExpr} AS g, step, SUM(count) AS n FROM FunnelRollup
     WHERE dim = ? AND ${STEPS_SQL} AND day >= ? AND day <= ?${county.sql}${only}
     GROUP BY step, g`,
    [dim, f.from, f.to, ...county.params, ...(keys ?? [])],
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
  const county = countyClause(f);
  const leaders = async (steps: string, exclude: string[], n: number) =>
    (
      await query(
        `SELECT key, SUM(count) AS n FROM FunnelRollup
         WHERE dim = ? AND step IN (${steps}) AND day >= ? AND day <= ?${county.sql}
           ${exclude.length ? `AND key NOT IN (${exclude.map(() => "?").join(",")})` : ""}
         GROUP BY key ORDER BY n DESC, key LIMIT ?`,
        [dim, f.from, f.to, ...county.params, ...exclude, n],
      )
    ).map((r) => String(r.key));
  const keys = await leaders("'approve'", [], limit);
  if (keys.length < limit) keys.push(...(await leaders("'signup', 'contest_entry'", keys, limit - keys.length)));
  if (keys.length < limit) keys.push(...(await leaders("'view'", keys, limit - keys.length)));
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
  return new Map(orgs.map((o) => [o.id, locale === "en" && o.nameEn ? o.nameEn : o.name]));
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
  const trend = (m: Map<string, StageCounts>) =>
    [...m.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([key, counts]) => ({ key, label: key, counts }));

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
    weekly: trend(weekly),
    monthly: trend(monthly),
    timeToConvert: timeToConvertRows,
    topSources: sources.map((x) => ({
      ...x,
      label: x.type === "center" ? (orgs.get(x.id) ?? x.id) : (titles.get(x.id) ?? x.id),
    })),
    organisation,
  };
}

export type Dashboard = Awaited<ReturnType<typeof loadDashboard>>;

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
  const county = countyClause(f);
  const rows = await query(
    `SELECT key, SUM(count) AS n FROM FunnelRollup
     WHERE dim = 'ttc' AND step = 'approve' AND day >= ? AND day <= ?${county.sql} GROUP BY key`,
    [f.from, f.to, ...county.params],
  );
  const counts = new Map(rows.map((r) => [String(r.key), Number(r.n)]));
  return TTC_BUCKETS.map((bucket) => ({ bucket, count: counts.get(bucket) ?? 0 }));
}

// Stored DateTimes are UTC text ("…+00:00"); a Beijing day starts at 16:00 UTC the day before.
function dayStartUtc(day: string) {
  return new Date(`${day}T00:00:00+08:00`).toISOString().replace("Z", "+00:00");
}

/** What the city federation reports: new unions, newly covered legal entities, members, coverage. */
export async function organisationFigures(countyIds: string[] | null, now = new Date()) {
  const yearStart = dayStartUtc(`${toLocalDateKey(now).slice(0, 4)}-01-01`);
  const county = countyClause({ from: "", to: "", countyIds });
  const memberCounty = countyIds
    ? countyClause({ from: "", to: "", countyIds }, "o.countyId")
    : { sql: "", params: [] };
  const [unions, enterprises, members] = await Promise.all([
    query(
      `SELECT count(*) AS n FROM Organisation WHERE kind = 'union' AND COALESCE(foundedAt, createdAt) >= ?${county.sql}`,
      [yearStart, ...county.params],
    ),
    query(
      `SELECT SUM(CASE WHEN coveredAt >= ? THEN 1 ELSE 0 END) AS covered, SUM(workerCount) AS workers,
              SUM(CASE WHEN unionId IS NULL THEN 1 ELSE 0 END) AS gaps, count(*) AS total
       FROM Enterprise WHERE 1${county.sql}`,
      [yearStart, ...county.params],
    ),
    countyIds
      ? query(
          `SELECT count(*) AS total, SUM(CASE WHEN m.since >= ? THEN 1 ELSE 0 END) AS fresh
           FROM Membership m JOIN Organisation o ON o.id = m.unionId WHERE 1${memberCounty.sql}`,
          [yearStart, ...memberCounty.params],
        )
      : query(`SELECT count(*) AS total, SUM(CASE WHEN since >= ? THEN 1 ELSE 0 END) AS fresh FROM Membership`, [
          yearStart,
        ]),
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
