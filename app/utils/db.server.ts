import { PrismaClient } from "@prisma/client";
import { databaseUrl } from "./env.server";
import { immediateSqliteAdapter } from "./sqlite-adapter.server";

// One client per process, on one better-sqlite3 connection. The adapter (sqlite-adapter.server.ts)
// starts every transaction with BEGIN IMMEDIATE, so several server processes can share the file;
// 10 s is SQLite's busy timeout: a writer waits that long for another process's write lock.
function createClient() {
  const adapter = immediateSqliteAdapter(databaseUrl(), 10_000);
  // Transactions queue for the one connection (and for the other processes' write lock): under a
  // burst of sign-ups the wait is longer than Prisma's default of 2 s.
  return new PrismaClient({ adapter, transactionOptions: { maxWait: 60_000, timeout: 20_000 } });
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
