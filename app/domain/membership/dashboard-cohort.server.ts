// The funnel's conversion rates, counted in people rather than events. Stage counts come from
// different sources (a join click can come from a contest, an approval from an application made
// months ago), so dividing one stage's count by the previous one gave rates such as 244 %. Here
// every signed-in person with a funnel step in the period is one row with a bit per stage reached;
// a step's conversion is "of the people who reached the previous stage, how many also reached this
// one" — the same people above and below the line, so it can never exceed 100 %.
//
// Speed: grouping a city's 3.4 M events by person took ~20 s. FunnelPerson (kept by
// recordFunnelStep in the event's transaction) holds each person's last day per stage, so when no
// event is later than the period's end (the page's periods all end today) "reached the stage in
// the period" is "last day ≥ from" — one indexed row per person, no grouping for the whole city.
// A period that ends before the latest event falls back to grouping the events themselves.
import { prisma } from "~/utils/db.server";
import { empty, join, raw, sql, sqlIn, type Sql } from "~/utils/sql-dialect.server";
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

/** FunnelPerson's column per stage (see PERSON_STAGE_COLUMN in funnel.server.ts). */
const COLUMN: Record<Stage, string> = {
  view: "view",
  signup: "signup",
  attend: "attend",
  join_click: "joinClick",
  apply: "apply",
  approve: "approve",
};

/** `fromEvents` forces the slow definition (the tests compare the two). */
export async function loadCohort(f: DashboardFilter, options: { fromEvents?: boolean } = {}): Promise<Cohort> {
  if (f.countyIds?.length === 0) return fromFlagRows([]);
  if (options.fromEvents) return fromFlagRows(await fromEvents(f));
  // Exact only when nobody's last day lies after the period: then a last day ≥ from is in it.
  const [latest] = await prisma.$queryRaw<{ day: string | null }[]>(
    sql`SELECT MAX("lastDay") AS "day" FROM "FunnelPerson" WHERE "countyId" = '*'`,
  );
  if (!latest?.day) return fromFlagRows([]);
  if (latest.day > f.to) return fromFlagRows(await fromEvents(f));
  return f.countyIds ? fromFlagRows(await countyRows(f, f.countyIds)) : cityCohort(f);
}

const reached = (stage: Stage, from: string) => sql`${raw(`"${COLUMN[stage]}"`)} >= ${from}`;

/**
 * City-wide, one row per person ("*"): the sixteen counts in one pass over the covering index,
 * without sorting 700,000 people into groups.
 */
async function cityCohort(f: DashboardFilter): Promise<Cohort> {
  const count = (condition: Sql) => sql`SUM(CASE WHEN ${condition} THEN 1 ELSE 0 END)`;
  const both = (a: Stage, b: Stage) => count(sql`${reached(a, f.from)} AND ${reached(b, f.from)}`);
  const columns = [
    ...STAGES.map((s, i) => sql`${count(reached(s, f.from))} AS ${raw(`"p${i}"`)}`),
    ...STAGES.slice(1).map((s, i) => sql`${both(STAGES[i], s)} AS ${raw(`"v${i + 1}"`)}`),
    ...STAGES.slice(1).map((s, i) => sql`${both("view", s)} AS ${raw(`"f${i + 1}"`)}`),
  ];
  const [row] = await prisma.$queryRaw<Record<string, number | bigint | null>[]>(sql`
    SELECT ${join(columns)} FROM "FunnelPerson" WHERE "countyId" = '*' AND "lastDay" >= ${f.from}`);
  const n = (key: string) => Number(row?.[key] ?? 0);
  const people = Object.fromEntries(STAGES.map((s, i) => [s, n(`p${i}`)])) as Record<Stage, number>;
  return {
    people,
    fromPrevious: Object.fromEntries(STAGES.map((s, i) => [s, i === 0 ? null : n(`v${i}`)])) as Cohort["fromPrevious"],
    fromFirst: Object.fromEntries(STAGES.map((s, i) => [s, i === 0 ? people.view : n(`f${i}`)])) as Record<
      Stage,
      number
    >,
  };
}

function fromFlagRows(rows: FlagRow[]): Cohort {
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

type FlagRow = { flags: number | bigint; n: number | bigint };

/**
 * Counties: a person's stages OR-ed across the counties in scope (a sum of per-bit maxima: the
 * engines share no BIT_OR), then people counted per combination of stages.
 */
async function countyRows(f: DashboardFilter, countyIds: string[]): Promise<FlagRow[]> {
  const bit = (stage: Stage, i: number) =>
    sql`CASE WHEN ${reached(stage, f.from)} THEN ${raw(String(1 << i))} ELSE 0 END`;
  return prisma.$queryRaw<FlagRow[]>(sql`
    SELECT "flags", count(*) AS "n" FROM (
      SELECT ${join(
        STAGES.map((s, i) => sql`MAX(${bit(s, i)})`),
        " + ",
      )} AS "flags" FROM "FunnelPerson"
      WHERE ${sqlIn(`"countyId"`, countyIds)} AND "lastDay" >= ${f.from}
      GROUP BY "userId") AS "people"
    GROUP BY "flags"`);
}

/** The definition itself, over the raw events (a period that ends in the past). */
async function fromEvents(f: DashboardFilter): Promise<FlagRow[]> {
  const steps = (stage: Stage) => (stage === "signup" ? ["signup", "contest_entry"] : [stage]);
  const bits: Sql[] = STAGES.map(
    (stage, i) => sql`MAX(CASE WHEN ${sqlIn(`"step"`, steps(stage))} THEN ${raw(String(1 << i))} ELSE 0 END)`,
  );
  const county = f.countyIds ? sql` AND ${sqlIn(`"countyId"`, f.countyIds)}` : empty;
  return prisma.$queryRaw<FlagRow[]>(sql`
    SELECT "flags", count(*) AS "n" FROM (
      SELECT ${join(bits, " + ")} AS "flags" FROM "FunnelEvent"
      WHERE ${sqlIn(`"step"`, ["view", "signup", "contest_entry", "attend", "join_click", "apply", "approve"])}
        AND "day" >= ${f.from} AND "day" <= ${f.to} AND "userId" IS NOT NULL${county}
      GROUP BY "userId") AS "people"
    GROUP BY "flags"`);
}
