// The funnel's conversion rates, counted in people rather than events. Stage counts come from
// different sources (a join click can come from a contest, an approval from an application made
// months ago), so dividing one stage's count by the previous one gave rates such as 244 %. Here
// every signed-in person with a funnel step in the period is one row with a bit per stage reached;
// a step's conversion is "of the people who reached the previous stage, how many also reached this
// one" — the same people above and below the line, so it can never exceed 100 %.
import { prisma } from "~/utils/db.server";
import { STAGES, type Stage } from "./dashboard-tables";
import type { DashboardFilter } from "./dashboard.server";

export type Cohort = {
  /** Signed-in people who reached each stage in the period. */
  people: Record<Stage, number>;
  /** People who reached the previous stage and also this one (null for the first stage). */
  fromPrevious: Record<Stage, number | null>;
  /** People who reached the first stage (a view) and also this one. */
  fromFirst: Record<Stage, number>;
};

const BIT_SQL = STAGES.map((stage, i) => {
  const steps = stage === "signup" ? "'signup', 'contest_entry'" : `'${stage}'`;
  return `${1 << i} * MAX(step IN (${steps}))`;
}).join(" + ");

export async function loadCohort(f: DashboardFilter): Promise<Cohort> {
  const county = f.countyIds
    ? f.countyIds.length
      ? { sql: ` AND countyId IN (${f.countyIds.map(() => "?").join(",")})`, params: f.countyIds }
      : { sql: " AND 0", params: [] as string[] }
    : { sql: "", params: [] as string[] };
  const rows = await prisma.$queryRawUnsafe<{ flags: number | bigint; n: number | bigint }[]>(
    `SELECT flags, count(*) AS n FROM (
       SELECT ${BIT_SQL} AS flags FROM FunnelEvent
       WHERE step IN ('view', 'signup', 'contest_entry', 'attend', 'join_click', 'apply', 'approve')
         AND day >= ? AND day <= ? AND userId IS NOT NULL${county.sql}
       GROUP BY userId)
     GROUP BY flags`,
    f.from,
    f.to,
    ...county.params,
  );
  const people = Object.fromEntries(STAGES.map((s) => [s, 0])) as Record<Stage, number>;
  const fromPrevious = Object.fromEntries(STAGES.map((s, i) => [s, i === 0 ? null : 0])) as Cohort["fromPrevious"];
  const fromFirst = { ...people };
  for (const row of rows) {
    const flags = Number(row.flags);
    const n = Number(row.n);
    STAGES.forEach((stage, i) => {
      if (!(flags & (1 << i))) return;
      people[stage] += n;
      if (flags & 1) fromFirst[stage] += n;
      if (i > 0 && flags & (1 << (i - 1))) fromPrevious[stage]! += n;
    });
  }
  return { people, fromPrevious, fromFirst };
}
