// The membership funnel: view → signup → attend → join_click → apply → approve.
// Every step is one FunnelEvent row carrying its source, so dashboards group by activity,
// contest, center, county, category and migrant status without joining half the schema.
import { createHash } from "node:crypto";
import { isbot } from "isbot";
import { prisma, type RawTx, type Tx } from "./db.server";
import { isPostgres, join, raw, sql, sqlBoolOrNull, sqlDate } from "./sql-dialect.server";
import { toLocalDateKey } from "./time";

export const FUNNEL_STEPS = [
  "view",
  "signup",
  "waitlist",
  "attend",
  "join_click",
  "contest_entry",
  "apply",
  "approve",
] as const;
export type FunnelStep = (typeof FUNNEL_STEPS)[number];
export type SourceType = "activity" | "contest" | "center" | "direct";

export type FunnelSource = {
  sourceType: SourceType;
  activityId?: string | null;
  contestId?: string | null;
  centerId?: string | null;
  countyId?: string | null;
  category?: string | null;
};

type StepInput = FunnelSource & {
  step: FunnelStep;
  userId?: string | null;
  isMigrant?: boolean | null;
  /** When set, the step is recorded at most once per key (the unique index decides). */
  dedupeKey?: string | null;
  at?: Date;
};

/** Records one funnel step; a duplicate (same dedupeKey) is silently ignored. */
export async function recordFunnelStep(input: StepInput, tx: RawTx = prisma) {
  const at = input.at ?? new Date();
  const row = {
    step: input.step,
    userId: input.userId ?? null,
    sourceType: input.sourceType,
    activityId: input.activityId ?? null,
    contestId: input.contestId ?? null,
    centerId: input.centerId ?? null,
    countyId: input.countyId ?? null,
    category: input.category ?? null,
    isMigrant: input.isMigrant ?? null,
    dedupeKey: input.dedupeKey ?? null,
    day: toLocalDateKey(at),
    createdAt: at,
  };
  // ON CONFLICT DO NOTHING: concurrent duplicates (same dedupeKey) cannot both land, and none of
  // them fails. Pass the caller's `tx` so the event, its rollup counts and its person summary commit
  // with the caller's change. Without one we deliberately open no transaction of our own: a caller
  // already inside prisma.$transaction that forgot to pass `tx` would otherwise wait on the
  // adapter's mutex for ever.
  const inserted = await tx.$executeRaw(sql`
    INSERT INTO "FunnelEvent" ("step", "userId", "sourceType", "activityId", "contestId", "centerId", "countyId", "category", "isMigrant", "dedupeKey", "day", "createdAt")
    VALUES (${row.step}, ${row.userId}, ${row.sourceType}, ${row.activityId}, ${row.contestId}, ${row.centerId}, ${row.countyId},
            ${row.category}, ${sqlBoolOrNull(row.isMigrant)}, ${row.dedupeKey}, ${row.day}, ${sqlDate(at)})
    ON CONFLICT DO NOTHING`);
  if (inserted > 0) {
    await bumpRollup(tx, row);
    if (row.userId) await bumpPerson(tx, row.userId, row.step, row.countyId, row.day);
  }
  return inserted > 0;
}

type RollupRow = Pick<
  StepInput,
  "step" | "sourceType" | "activityId" | "contestId" | "centerId" | "countyId" | "category"
> & {
  isMigrant: boolean | null;
  day: string;
};

// The dimensions the dashboard breaks the funnel down by; see FunnelRollup in schema.prisma.
function rollupKeys(row: RollupRow): [dim: string, key: string][] {
  const keys: [string, string][] = [
    ["total", ""],
    ["sourceType", row.sourceType],
  ];
  if (row.category) keys.push(["category", row.category]);
  if (row.isMigrant !== null) keys.push(["migrant", row.isMigrant ? "1" : "0"]);
  if (row.centerId) keys.push(["center", row.centerId]);
  if (row.activityId) keys.push(["activity", row.activityId]);
  if (row.contestId) keys.push(["contest", row.contestId]);
  return keys;
}

// One multi-row upsert rather than one statement per dimension: this runs inside every sign-up.
async function bumpRollup(tx: RawTx, row: RollupRow) {
  const county = row.countyId ?? "";
  const values = rollupKeys(row).map(([dim, key]) => sql`(${dim}, ${key}, ${county}, ${row.step}, ${row.day}, 1)`);
  await tx.$executeRaw(sql`
    INSERT INTO "FunnelRollup" ("dim", "key", "countyId", "step", "day", "count") VALUES ${join(values)}
    ON CONFLICT ("dim", "countyId", "step", "day", "key") DO UPDATE SET "count" = "FunnelRollup"."count" + 1`);
}

/**
 * The FunnelPerson column a step counts towards (the dashboard's stages: a contest entry is a
 * sign-up); steps outside the funnel's stages (waitlist) have none.
 */
export const PERSON_STAGE_COLUMN: Partial<Record<FunnelStep, string>> = {
  view: "view",
  signup: "signup",
  contest_entry: "signup",
  attend: "attend",
  join_click: "joinClick",
  apply: "apply",
  approve: "approve",
};
const PERSON_COLUMNS = ["view", "signup", "attend", "joinClick", "apply", "approve"] as const;

// The later of two day keys, NULL counting as "never"; CASE rather than MAX()/GREATEST(), which
// differ between the engines. `current` is the stored row's column, `next` the new value.
const laterDay = (current: string, next: string) =>
  `CASE WHEN ${current} IS NULL OR ${next} > ${current} THEN ${next} ELSE ${current} END`;

/** Moves the person's last day for the step's stage (and overall) forward, for their county and "*". */
async function bumpPerson(tx: RawTx, userId: string, step: FunnelStep, countyId: string | null, day: string) {
  const column = PERSON_STAGE_COLUMN[step];
  if (!column) return;
  const rows = [countyId ?? "", "*"].map((county) => sql`(${county}, ${userId}, ${day}, ${day})`);
  const col = `"${column}"`;
  await tx.$executeRaw(sql`
    INSERT INTO "FunnelPerson" ("countyId", "userId", ${raw(col)}, "lastDay") VALUES ${join(rows)}
    ON CONFLICT ("countyId", "userId") DO UPDATE SET
      ${raw(`${col} = ${laterDay(`"FunnelPerson".${col}`, `excluded.${col}`)}`)},
      "lastDay" = ${raw(laterDay(`"FunnelPerson"."lastDay"`, `excluded."lastDay"`))}`);
}

const COHORT_STEPS_SQL = `'view', 'signup', 'contest_entry', 'attend', 'join_click', 'apply', 'approve'`;

/** FunnelPerson rows recomputed from FunnelEvent, for the events matching `where` (SQL on "FunnelEvent"). */
function personRebuildSql(where: string) {
  const lastOf = (steps: string) => `MAX(CASE WHEN "step" IN (${steps}) THEN "day" END)`;
  const columns = `${lastOf("'view'")}, ${lastOf("'signup', 'contest_entry'")}, ${lastOf("'attend'")},
         ${lastOf("'join_click'")}, ${lastOf("'apply'")}, ${lastOf("'approve'")}, MAX("day")`;
  const into = `INSERT INTO "FunnelPerson" ("countyId", "userId", ${PERSON_COLUMNS.map((c) => `"${c}"`).join(", ")}, "lastDay")`;
  const from = `FROM "FunnelEvent" WHERE "userId" IS NOT NULL AND "step" IN (${COHORT_STEPS_SQL}) AND (${where})`;
  return [
    `${into} SELECT COALESCE("countyId", ''), "userId", ${columns} ${from} GROUP BY COALESCE("countyId", ''), "userId"`,
    `${into} SELECT '*', "userId", ${columns} ${from} GROUP BY "userId"`,
  ];
}

const ROLLUP_DIMENSIONS: [dim: string, keyExpr: string, where: string][] = [
  ["total", "''", "TRUE"],
  ["sourceType", `"sourceType"`, "TRUE"],
  ["category", `"category"`, `"category" IS NOT NULL`],
  ["migrant", `CASE WHEN "isMigrant" THEN '1' ELSE '0' END`, `"isMigrant" IS NOT NULL`],
  ["center", `"centerId"`, `"centerId" IS NOT NULL`],
  ["activity", `"activityId"`, `"activityId" IS NOT NULL`],
  ["contest", `"contestId"`, `"contestId" IS NOT NULL`],
];

// Whole days from first touch to approval, and the approval's Asia/Shanghai day, per engine (the
// same as daysBetween/localDay in sql-dialect.server.ts, as text for the bench's plain SQLite).
const TTC_DAYS = isPostgres
  ? `CAST(TRUNC(EXTRACT(EPOCH FROM ("decidedAt" - "firstTouchAt")) / 86400) AS INTEGER)`
  : `CAST(julianday("decidedAt") - julianday("firstTouchAt") AS INTEGER)`;
const DECIDED_DAY = isPostgres
  ? `to_char(("decidedAt" AT TIME ZONE 'UTC') AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD')`
  : `strftime('%Y-%m-%d', "decidedAt", '+8 hours')`;

/** Recomputes FunnelRollup and FunnelPerson from FunnelEvent, one pass per dimension (for bulk inserts). */
export const REBUILD_ROLLUP_SQL = [
  `DELETE FROM "FunnelRollup"`,
  ...ROLLUP_DIMENSIONS.map(
    ([dim, keyExpr, where]) => `INSERT INTO "FunnelRollup" ("dim", "key", "countyId", "step", "day", "count")
       SELECT '${dim}', ${keyExpr}, COALESCE("countyId", ''), "step", "day", count(*) FROM "FunnelEvent" WHERE ${where}
       GROUP BY ${keyExpr === "''" ? "" : `${keyExpr}, `}COALESCE("countyId", ''), "step", "day"`, // PostgreSQL refuses GROUP BY ''
  ),
  // Time to convert (first touch → approval) per approval day; the same buckets as ttcBucket()
  // in app/domain/membership/dashboard-tables.ts, which approveApplication uses to add one.
  `INSERT INTO "FunnelRollup" ("dim", "key", "countyId", "step", "day", "count")
   SELECT 'ttc', CASE WHEN "days" IS NULL THEN 'direct' WHEN "days" <= 7 THEN 'd0_7' WHEN "days" <= 30 THEN 'd8_30'
                      WHEN "days" <= 60 THEN 'd31_60' WHEN "days" <= 90 THEN 'd61_90' ELSE 'd90plus' END AS "bucket",
          "county", 'approve', "day", count(*)
   FROM (SELECT ${TTC_DAYS} AS "days", COALESCE("countyId", '') AS "county", ${DECIDED_DAY} AS "day"
         FROM "MembershipApplication" WHERE "status" = 'approved' AND "decidedAt" IS NOT NULL) AS "approved"
   GROUP BY "bucket", "county", "day"`,
  `DELETE FROM "FunnelPerson"`,
  ...personRebuildSql("TRUE"),
];

/** For seeds that insert FunnelEvent rows directly instead of through recordFunnelStep. */
export async function rebuildFunnelRollup(tx: Tx | typeof prisma = prisma) {
  for (const statement of REBUILD_ROLLUP_SQL) await tx.$executeRawUnsafe(statement);
}

/**
 * Recomputes these people's FunnelPerson rows from their events, after some of their events stopped
 * naming them (retention anonymises old events, an erased account all of its own). Same transaction.
 */
export async function refreshFunnelPeople(tx: Tx | typeof prisma, userIds: string[]) {
  for (let i = 0; i < userIds.length; i += 500) {
    const ids = userIds.slice(i, i + 500);
    await tx.$executeRaw(sql`DELETE FROM "FunnelPerson" WHERE "userId" IN (${join(ids)})`);
    for (const statement of personRebuildSql(`"userId" IN (@ids)`)) {
      const [before, after] = statement.split("@ids");
      await tx.$executeRaw(sql`${raw(before)}${join(ids)}${raw(after)}`);
    }
  }
}

/** At most this many anonymous visitors are counted per network address, subject and day. */
export const ANON_VISITORS_PER_ADDRESS = 16;

/**
 * Who a page load is, for counting each visitor's view or join click once per day: the account
 * when signed in; otherwise the client's network address and one of ANON_VISITORS_PER_ADDRESS
 * slots picked by its user-agent. Known bots and clients that send no user-agent are not counted
 * (null). No cookie is trusted for this — a made-up or harvested cookie would be a new visitor on
 * every request — so repeating a request, with or without cookies, from one address counts once,
 * and even a client that rotates its user-agent adds at most ANON_VISITORS_PER_ADDRESS a day.
 * The price: people behind one shared address with the same browser count as one visitor, and a
 * phone that changes network during the day counts once per network. The address is only ever
 * stored inside the daily hash (dailyDedupeKey). `clientIp` is clientAddress(context): an IPv6
 * client counts by its /64, so it cannot rotate addresses within its own network.
 */
export function visitorKey(request: Request, clientIp: string, userId: string | null): string | null {
  if (userId) return `u:${userId}`;
  const userAgent = request.headers.get("user-agent") ?? "";
  if (!userAgent || isbot(userAgent)) return null;
  const slot = createHash("sha256").update(userAgent).digest().readUInt32BE(0) % ANON_VISITORS_PER_ADDRESS;
  return `a:${clientIp}:${slot}`;
}

/**
 * Records a view or a join click from a page load, once per visitor, subject and day. Best effort:
 * counting must never fail the page that counts (a full or read-only disk, a missing table), so a
 * failure is logged as a warning and the page goes on. The event and its rollup commit together.
 */
export async function recordVisit(
  request: Request,
  clientIp: string,
  input: FunnelSource & {
    step: "view" | "join_click";
    subject: string;
    userId: string | null;
    isMigrant?: boolean | null;
  },
) {
  const who = visitorKey(request, clientIp, input.userId);
  if (!who) return false;
  const { subject, ...step } = input;
  try {
    return await prisma.$transaction((tx) =>
      recordFunnelStep({ ...step, dedupeKey: dailyDedupeKey(input.step, subject, who) }, tx),
    );
  } catch (error) {
    console.warn(
      `funnel: could not record a ${input.step} (${subject}):`,
      error instanceof Error ? error.message : error,
    );
    return false;
  }
}

export function dailyDedupeKey(step: FunnelStep, subject: string, who: string, at = new Date()) {
  return createHash("sha256")
    .update(`${step}|${subject}|${who}|${toLocalDateKey(at)}`)
    .digest("hex");
}

/** "activity:<id>", "contest:<id>" or "center:<id>" → the funnel source it names; null if unknown. */
export async function resolveSource(from: string | null | undefined): Promise<FunnelSource | null> {
  const match = /^(activity|contest|center):([\w-]{1,64})$/.exec(from ?? "");
  if (!match) return null;
  const [, type, id] = match;
  if (type === "activity") {
    const a = await prisma.activity.findUnique({
      where: { id },
      select: { id: true, centerId: true, countyId: true, category: true },
    });
    return a
      ? { sourceType: "activity", activityId: a.id, centerId: a.centerId, countyId: a.countyId, category: a.category }
      : null;
  }
  if (type === "contest") {
    const c = await prisma.contest.findUnique({
      where: { id },
      select: { id: true, kind: true, org: { select: { countyId: true } } },
    });
    return c ? { sourceType: "contest", contestId: c.id, countyId: c.org.countyId, category: c.kind } : null;
  }
  const center = await prisma.organisation.findFirst({
    where: { id, kind: "center" },
    select: { id: true, countyId: true },
  });
  return center ? { sourceType: "center", centerId: center.id, countyId: center.countyId } : null;
}

/** A click on a join invitation: once per user (or anonymous visitor), source and day; best effort. */
export async function recordJoinClick(request: Request, clientIp: string, userId: string | null, from: string | null) {
  let source: FunnelSource | null = null;
  try {
    source = await resolveSource(from);
    const isMigrant =
      source && userId
        ? ((await prisma.user.findUnique({ where: { id: userId }, select: { isMigrant: true } }))?.isMigrant ?? null)
        : null;
    if (source)
      await recordVisit(request, clientIp, { ...source, step: "join_click", subject: from!, userId, isMigrant });
  } catch (error) {
    console.warn("funnel: could not record a join click:", error instanceof Error ? error.message : error);
  }
  return source;
}
