import { createRequire } from "node:module";
import { PrismaClient } from "@prisma/client";
import type * as PgAdapterModule from "@prisma/adapter-pg";
import { databaseUrl } from "./env.server";
import { immediateSqliteAdapter } from "./sqlite-adapter.server";

/** DATABASE_URL alone chooses the engine: postgres(ql)://… is PostgreSQL, anything else SQLite. */
export const isPostgres = /^postgres(ql)?:\/\//.test(databaseUrl());

// One client per process, on one better-sqlite3 connection. The adapter (sqlite-adapter.server.ts)
// starts every transaction with BEGIN IMMEDIATE, so several server processes can share the file;
// 10 s is SQLite's busy timeout: a writer waits that long for another process's write lock.
function createSqliteClient() {
  const adapter = immediateSqliteAdapter(databaseUrl(), 10_000);
  // Transactions queue for the one connection (and for the other processes' write lock): under a
  // burst of sign-ups the wait is longer than Prisma's default of 2 s.
  return new PrismaClient({ adapter, transactionOptions: { maxWait: 60_000, timeout: 20_000 } });
}

// PostgreSQL: the second generated client (prisma/postgres/schema.prisma, generated from the same
// models, so its API is the SQLite client's) over the pg driver adapter and a connection pool.
// Loaded only when used, so SQLite installs never touch pg.
function createPostgresClient() {
  const require = createRequire(import.meta.url);
  const { PrismaClient: PgPrismaClient } = require(".prisma-pg/client") as { PrismaClient: typeof PrismaClient };
  const { PrismaPg } = require("@prisma/adapter-pg") as typeof PgAdapterModule;
  const adapter = new PrismaPg({ connectionString: databaseUrl(), max: Number(process.env.DATABASE_POOL_SIZE ?? 10) });
  // Prisma's defaults (2 s to start, 5 s to finish) fail most of a burst of sign-ups on one seat row.
  return new PgPrismaClient({ adapter, transactionOptions: { maxWait: 60_000, timeout: 20_000 } });
}

function createClient() {
  return isPostgres ? createPostgresClient() : createSqliteClient();
}

const globalForPrisma = globalThis as unknown as { __xgPrisma?: PrismaClient };
export const prisma = globalForPrisma.__xgPrisma ?? createClient();
globalForPrisma.__xgPrisma = prisma;

export type Tx = Parameters<Parameters<typeof prisma.$transaction>[0]>[0];

/**
 * A Date as the driver adapter stores DateTime columns ("2026-11-25T11:11:32.063+00:00", text),
 * for raw SQL: values in this form compare correctly as strings.
 */
export function sqlDate(date: Date) {
  return date.toISOString().replace("Z", "+00:00");
}

type DbError = {
  code?: unknown;
  meta?: { target?: unknown; driverAdapterError?: { cause?: { kind?: unknown; constraint?: { fields?: unknown } } } };
};

/**
 * The columns of the unique index a write broke, or null when `error` is not a unique violation.
 * Decided by Prisma's error code, never by message text: P2002 from a model query; a raw query
 * ($executeRaw) fails with P2010 and carries the driver adapter's `UniqueConstraintViolation`.
 */
export function uniqueViolationFields(error: unknown): string[] | null {
  const e = (error ?? {}) as DbError;
  const cause = e.meta?.driverAdapterError?.cause;
  if (e.code !== "P2002" && !(e.code === "P2010" && cause?.kind === "UniqueConstraintViolation")) return null;
  const fields = cause?.constraint?.fields ?? e.meta?.target;
  return Array.isArray(fields) ? fields.map(String) : [];
}

export const isUniqueViolation = (error: unknown) => uniqueViolationFields(error) !== null;
