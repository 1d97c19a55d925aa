import { createRequire } from "node:module";
import { PrismaClient } from "@prisma/client";
import type * as PgAdapterModule from "@prisma/adapter-pg";
import { databaseUrl } from "./env.server";
import { isPostgres } from "./sql-dialect.server";
import { immediateSqliteAdapter } from "./sqlite-adapter.server";
import { reportWrites } from "./shared-cache.server";

// Raw SQL helpers for both engines live in ./sql-dialect.server.ts; these two are re-exported for
// the modules that import them from here.
export { isPostgres, sqlDate } from "./sql-dialect.server";

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
// Writes are reported to the few-second cache of public pages (shared-cache.server.ts).
export const prisma = globalForPrisma.__xgPrisma ?? reportWrites(createClient());
globalForPrisma.__xgPrisma = prisma;

export type Tx = Parameters<Parameters<typeof prisma.$transaction>[0]>[0];

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
