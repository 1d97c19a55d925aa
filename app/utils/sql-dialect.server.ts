// The few real differences between SQLite and PostgreSQL for raw SQL (issue #13), in one place.
// Everything else is written once, portably: "quoted" identifiers, $-free Prisma.sql templates,
// ON CONFLICT DO NOTHING, TRUE/FALSE, 1 = 0 instead of AND 0, CAST(x AS INTEGER | TEXT) where
// PostgreSQL cannot infer a parameter's type (it receives every parameter untyped, as text).
//
//   import { sql, join, sqlDate, sqlBool, localDay, stringAgg, … } from "~/utils/sql-dialect.server";
//   await prisma.$queryRaw`SELECT ${localDay(sql`"createdAt"`)} AS "day" … WHERE "createdAt" >= ${sqlDate(since)}`;
//
// Fragments (sql, join, raw, empty) must come from the runtime of the client that runs them, so
// this module hands out the chosen engine's — never import `Prisma.sql` from "@prisma/client".
import { createRequire } from "node:module";
import { Prisma as SqlitePrisma } from "@prisma/client";
import { databaseUrl } from "./env.server";

/** DATABASE_URL alone chooses the engine: postgres(ql)://… is PostgreSQL, anything else SQLite. */
export const isPostgres = /^postgres(ql)?:\/\//.test(databaseUrl());

export type Sql = SqlitePrisma.Sql;

const P: typeof SqlitePrisma = isPostgres
  ? (createRequire(import.meta.url)(".prisma-pg/client") as { Prisma: typeof SqlitePrisma }).Prisma
  : SqlitePrisma;

/** Tagged template for a fragment: sql`"x" = ${value}` (values become parameters). */
export const sql = P.sql;
/** Fragments or values joined by `separator` (", " by default). */
export const join = P.join;
/** Trusted SQL text, never user input. */
export const raw = P.raw;
/** An empty fragment. */
export const empty = P.empty;

const asSql = (expr: Sql | string): Sql => (typeof expr === "string" ? raw(expr) : expr);

/**
 * A DateTime parameter, typed as the engine stores it: SQLite keeps the driver adapter's ISO text
 * ("2026-11-25T11:11:32.063+00:00", which compares correctly as a string); PostgreSQL a
 * TIMESTAMP(3) in UTC, cast so that it also works where no column gives the type (INSERT … SELECT).
 */
export function sqlDate(date: Date): Sql {
  return isPostgres ? sql`CAST(${date} AS TIMESTAMP(3))` : sql`${sqliteDateText(date)}`;
}

/** SQLite's stored text for a DateTime (what Prisma's SQLite adapter writes). */
export function sqliteDateText(date: Date) {
  return date.toISOString().replace("Z", "+00:00");
}

/** A boolean as a literal both engines read as a boolean (SQLite stores 1/0). */
export function sqlBool(value: boolean): Sql {
  return raw(value ? "TRUE" : "FALSE");
}

/** A nullable boolean parameter (e.g. for INSERT … SELECT into a Boolean? column). */
export function sqlBoolOrNull(value: boolean | null | undefined): Sql {
  return value === null || value === undefined ? raw("NULL") : sqlBool(value);
}

/** `expr IN (values)`, or a condition that is never true when `values` is empty. */
export function sqlIn(expr: Sql | string, values: readonly unknown[]): Sql {
  return values.length ? sql`${asSql(expr)} IN (${join(values as unknown[])})` : raw("1 = 0");
}

// Beijing time has had no daylight saving since 1991, so +8 hours is Asia/Shanghai; PostgreSQL
// still names the zone. DateTime columns hold UTC on both engines.
/** The Asia/Shanghai calendar day of a DateTime expression, as 'YYYY-MM-DD' text. */
export function localDay(expr: Sql | string): Sql {
  return isPostgres
    ? sql`to_char((${asSql(expr)} AT TIME ZONE 'UTC') AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD')`
    : sql`strftime('%Y-%m-%d', ${asSql(expr)}, '+8 hours')`;
}

/** The Asia/Shanghai hour of a DateTime expression, as 'YYYY-MM-DD HH' text (sorts in time order). */
export function localHourKey(expr: Sql | string): Sql {
  return isPostgres
    ? sql`to_char((${asSql(expr)} AT TIME ZONE 'UTC') AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD HH24')`
    : sql`strftime('%Y-%m-%d %H', ${asSql(expr)}, '+8 hours')`;
}

/** The Asia/Shanghai hour of day (0–23) of a DateTime expression, as an integer. */
export function localHourOfDay(expr: Sql | string): Sql {
  return isPostgres
    ? sql`CAST(EXTRACT(HOUR FROM (${asSql(expr)} AT TIME ZONE 'UTC') AT TIME ZONE 'Asia/Shanghai') AS INTEGER)`
    : sql`CAST(strftime('%H', ${asSql(expr)}, '+8 hours') AS INTEGER)`;
}

/** Whole days from `from` to `to` (two DateTime expressions), truncated toward zero; NULL if either is. */
export function daysBetween(from: Sql | string, to: Sql | string): Sql {
  return isPostgres
    ? sql`CAST(TRUNC(EXTRACT(EPOCH FROM (${asSql(to)} - ${asSql(from)})) / 86400) AS INTEGER)`
    : sql`CAST(julianday(${asSql(to)}) - julianday(${asSql(from)}) AS INTEGER)`;
}

/**
 * Aggregate: the non-NULL values of `expr` in a group joined by `separator`, NULL for none.
 * The order is unspecified on both engines: split and sort in code if it matters.
 */
export function stringAgg(expr: Sql | string, separator = ","): Sql {
  return isPostgres
    ? sql`string_agg(CAST(${asSql(expr)} AS TEXT), ${raw(quoteLiteral(separator))})`
    : sql`group_concat(${asSql(expr)}, ${raw(quoteLiteral(separator))})`;
}

/** An integer expression as text left-padded with zeros to `width` digits (e.g. 000042). */
export function zeroPad(expr: Sql | string, width: number): Sql {
  const w = Math.max(1, Math.trunc(width));
  return isPostgres
    ? sql`lpad(CAST(${asSql(expr)} AS TEXT), ${raw(String(w))}, '0')`
    : sql`printf(${raw(`'%0${w}d'`)}, ${asSql(expr)})`;
}

/**
 * True when a text expression is one or more ASCII digits — test it before CAST(… AS INTEGER):
 * SQLite casts "E00025" to 0, PostgreSQL refuses the whole statement.
 */
export function isDigits(expr: Sql | string): Sql {
  return isPostgres
    ? sql`(${asSql(expr)} ~ '^[0-9]+$')`
    : sql`(${asSql(expr)} <> '' AND ${asSql(expr)} NOT GLOB '*[^0-9]*')`;
}

/** `s` with LIKE's wildcards (% _) and the escape character (\) escaped, for `… LIKE ? ESCAPE '\'`. */
export function escapeLike(s: string) {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/**
 * Case-insensitive "contains" in raw SQL, the same on both engines (lower() folds ASCII on SQLite,
 * all letters on PostgreSQL; Chinese has no case). `needle` is a plain string, wildcards escaped.
 */
export function containsInsensitive(expr: Sql | string, needle: string): Sql {
  return sql`lower(${asSql(expr)}) LIKE ${`%${escapeLike(needle.toLowerCase())}%`} ESCAPE '\\'`;
}

/**
 * A Prisma string filter for case-insensitive "contains". SQLite's LIKE (what Prisma uses) is
 * already case-insensitive for ASCII; PostgreSQL's is not, and only its client knows `mode`.
 *   where: { title: containsFilter(q) }
 */
export function containsFilter(needle: string): { contains: string } {
  return (isPostgres ? { contains: needle, mode: "insensitive" } : { contains: needle }) as { contains: string };
}

/** A number from an aggregate: PostgreSQL returns COUNT as BigInt and SUM of bigint as numeric text. */
export function toNumber(value: unknown): number {
  if (value === null || value === undefined) return 0;
  return typeof value === "number" ? value : Number(value);
}

type RawRunner = { $executeRaw: (query: Sql) => Promise<number> };

/**
 * Serialises transactions that touch the same `key` (e.g. "membership-number:2026"), until the
 * transaction ends. PostgreSQL: a transaction-scoped advisory lock (READ COMMITTED lets two
 * transactions read the same "nothing yet" otherwise). SQLite: nothing to do — every write
 * transaction already holds the database's write lock from its start (BEGIN IMMEDIATE,
 * app/utils/sqlite-adapter.server.ts). Call it first in the transaction, before the reads it guards.
 */
export async function lockKey(tx: RawRunner, key: string) {
  if (!isPostgres) return;
  await tx.$executeRaw(sql`SELECT pg_advisory_xact_lock(hashtextextended(${key}, 0))`);
}

function quoteLiteral(s: string) {
  return `'${s.replace(/'/g, "''")}'`;
}
