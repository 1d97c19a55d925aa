import { createRequire } from "node:module";
import { PrismaClient } from "@prisma/client";
import type * as PgAdapterModule from "@prisma/adapter-pg";
import type { ArgType, ColumnTypeEnum, SqlQuery, SqlQueryable } from "@prisma/driver-adapter-utils";
import { databaseUrl } from "./env.server";
import { isPostgres, type Sql } from "./sql-dialect.server";
import { immediateSqliteAdapter, type ImmediateSqliteAdapterFactory } from "./sqlite-adapter.server";
import { noteRawWrite, noteUncachedRead, reportWrites } from "./shared-cache.server";

// Raw SQL helpers for both engines live in ./sql-dialect.server.ts; these two are re-exported for
// the modules that import them from here.
export { isPostgres, sqlDate } from "./sql-dialect.server";

// One client per process, on one better-sqlite3 connection. The adapter (sqlite-adapter.server.ts)
// starts every transaction with BEGIN IMMEDIATE, so several server processes can share the file;
// 10 s is SQLite's busy timeout: a writer waits that long for another process's write lock.
function createSqliteClient() {
  const adapter = immediateSqliteAdapter(databaseUrl(), 10_000);
  globalForPrisma.__xgSqliteAdapter = adapter;
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

const globalForPrisma = globalThis as unknown as {
  __xgPrisma?: PrismaClient;
  __xgSqliteAdapter?: ImmediateSqliteAdapterFactory;
};
// Writes are reported to the few-second cache of public pages (shared-cache.server.ts).
export const prisma = globalForPrisma.__xgPrisma ?? reportWrites(createClient());
globalForPrisma.__xgPrisma = prisma;

export type Tx = Parameters<Parameters<typeof prisma.$transaction>[0]>[0];

/**
 * What raw-SQL code needs of a transaction (or of the client): Prisma's `tx` is one, and so is
 * rawTransaction's. Pass queries as `sql` fragments (sql-dialect.server.ts), not tagged templates.
 */
export type RawTx = {
  $executeRaw(query: Sql): Promise<number>;
  $queryRaw<T = unknown>(query: Sql): Promise<T>;
};

/**
 * A transaction of raw SQL only, for the busiest writes (the sign-up). On SQLite it runs on the
 * client's own connection, under the same lock and BEGIN IMMEDIATE as Prisma's transactions
 * (sqlite-adapter.server.ts), but without the Prisma client: there each statement cost a query
 * plan compiled in WebAssembly and a pass through the transaction manager, more CPU than SQLite
 * spent on it (issue #13 item 6). Writes are reported to the shared cache as the client's are.
 * On PostgreSQL it is prisma.$transaction (the pool and its connections are Prisma's).
 */
export async function rawTransaction<T>(fn: (tx: RawTx) => Promise<T>): Promise<T> {
  const adapter = await directSqlite();
  if (!adapter) return prisma.$transaction((tx) => fn(tx));
  return adapter.transaction((connection) => fn(rawRunner(connection)));
}

/** One raw read outside a transaction, on SQLite without the Prisma client (as rawTransaction). */
export async function rawQuery<T>(query: Sql): Promise<T[]> {
  const adapter = await directSqlite();
  if (!adapter) return prisma.$queryRaw<T[]>(query);
  return rawRunner(adapter).$queryRaw<T[]>(query);
}

/** The SQLite connection the client uses, connecting the client first if it has not yet; undefined on PostgreSQL. */
async function directSqlite() {
  const factory = globalForPrisma.__xgSqliteAdapter;
  if (!factory) return undefined;
  if (!factory.connection()) await prisma.$connect();
  return factory.connection();
}

type ColumnTypes = typeof ColumnTypeEnum;
const INT32: ColumnTypes["Int32"] = 0;
const INT64: ColumnTypes["Int64"] = 1;
const FLOAT: ColumnTypes["Float"] = 2;
const DOUBLE: ColumnTypes["Double"] = 3;
const BOOLEAN: ColumnTypes["Boolean"] = 5;
const DATE: ColumnTypes["Date"] = 8;
const DATETIME: ColumnTypes["DateTime"] = 10;

/** A value as the adapter gives it (64-bit integers as text), as Prisma's $queryRaw would give it. */
function fromAdapter(value: unknown, type: number) {
  if (value === null || value === undefined) return null;
  if (type === INT64) return BigInt(value as string | number | bigint);
  if (type === INT32 || type === FLOAT || type === DOUBLE) return Number(value);
  if (type === BOOLEAN) return typeof value === "boolean" ? value : Number(value) !== 0;
  if (type === DATETIME || type === DATE) return new Date(value as string);
  return value;
}

// Parameters typed as Prisma types them for the adapter, which maps them as it does Prisma's own
// (a Date becomes the stored ISO text, a boolean 1/0).
function argType(value: unknown): ArgType {
  const scalarType =
    value instanceof Date
      ? "datetime"
      : typeof value === "bigint"
        ? "bigint"
        : typeof value === "number"
          ? Number.isInteger(value)
            ? "int"
            : "float"
          : typeof value === "boolean"
            ? "boolean"
            : typeof value === "string"
              ? "string"
              : "unknown";
  return { scalarType, arity: "scalar" };
}

/** $executeRaw/$queryRaw on a driver adapter connection, with results shaped as Prisma's $queryRaw gives them. */
function rawRunner(connection: SqlQueryable): RawTx {
  const toQuery = (query: Sql): SqlQuery => ({
    sql: query.sql,
    args: query.values,
    argTypes: query.values.map(argType),
  });
  return {
    async $executeRaw(query) {
      noteUncachedRead(); // as the client's calls: a page that made it is not kept
      try {
        return await connection.executeRaw(toQuery(query));
      } finally {
        noteRawWrite(query);
      }
    },
    async $queryRaw<T>(query: Sql) {
      noteUncachedRead();
      try {
        const { columnNames, columnTypes, rows } = await connection.queryRaw(toQuery(query));
        return rows.map((row) =>
          Object.fromEntries(columnNames.map((name, i) => [name, fromAdapter(row[i], columnTypes[i])])),
        ) as T;
      } finally {
        noteRawWrite(query);
      }
    },
  };
}

type DbError = {
  code?: unknown;
  meta?: { target?: unknown; driverAdapterError?: { cause?: { kind?: unknown; constraint?: { fields?: unknown } } } };
};

/**
 * The columns of the unique index a write broke, or null when `error` is not a unique violation.
 * Decided by Prisma's error code, never by message text: P2002 from a model query; a raw query
 * ($executeRaw) fails with P2010 and carries the driver adapter's `UniqueConstraintViolation`;
 * rawTransaction's statements on SQLite throw the adapter's error itself.
 */
export function uniqueViolationFields(error: unknown): string[] | null {
  const e = (error ?? {}) as DbError;
  if ((error as Error | undefined)?.name === "DriverAdapterError") {
    const own = (error as { cause?: NonNullable<NonNullable<DbError["meta"]>["driverAdapterError"]>["cause"] }).cause;
    if (own?.kind !== "UniqueConstraintViolation") return null;
    return Array.isArray(own.constraint?.fields) ? own.constraint.fields.map(String) : [];
  }
  const cause = e.meta?.driverAdapterError?.cause;
  if (e.code !== "P2002" && !(e.code === "P2010" && cause?.kind === "UniqueConstraintViolation")) return null;
  const fields = cause?.constraint?.fields ?? e.meta?.target;
  return Array.isArray(fields) ? fields.map(String) : [];
}

export const isUniqueViolation = (error: unknown) => uniqueViolationFields(error) !== null;
