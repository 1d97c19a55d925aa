import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaClient } from "@prisma/client";
import { databaseUrl } from "./env.server";

// One client per process. The better-sqlite3 adapter opens one connection; `timeout` is
// SQLite's busy timeout, so concurrent writers (other processes on the same file) wait
// instead of failing.
function createClient() {
  const adapter = new PrismaBetterSQLite3({ url: databaseUrl(), timeout: 10_000 });
  const client = new PrismaClient({ adapter });
  // WAL lets readers run while one writer commits; it is stored in the file, so setting it
  // once per process is enough. Foreign keys are per connection.
  void client.$queryRawUnsafe("PRAGMA journal_mode = WAL").then(() =>
    client.$queryRawUnsafe("PRAGMA foreign_keys = ON"),
  );
  return client;
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
