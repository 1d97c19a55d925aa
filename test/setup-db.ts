// Runs before each test file: a private copy of the migrated base database, and a private
// upload folder. DATABASE_URL is set before any app module (and so the Prisma client) loads.
// SQLite: a copy of the base file. PostgreSQL (XG_TEST_PG_URL, see test/global-setup.ts): a new
// database made from the base one as a template, dropped when the file ends.
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { afterAll } from "vitest";
import { cloneDatabase, databaseUrlFor, dropDatabase, postgresAdminUrl } from "./helpers/postgres";

const base = process.env.XG_TEST_BASE_DB;
if (!base) throw new Error("XG_TEST_BASE_DB is not set: run tests through test/vitest.config.ts");
const tmpDir = path.resolve("test/.tmp");
const suffix = `${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
const adminUrl = postgresAdminUrl();
const pgPrefix = process.env.XG_TEST_PG_PREFIX;

let dbFile: string | null = null;
let pgDatabase: string | null = null;
if (adminUrl && pgPrefix) {
  pgDatabase = `${pgPrefix}${suffix.replace("-", "_")}`;
  await cloneDatabase(adminUrl, pgDatabase, base);
  process.env.DATABASE_URL = databaseUrlFor(adminUrl, pgDatabase);
  // A small pool per process: two workers, each with its own server processes, share one server.
  process.env.DATABASE_POOL_SIZE ??= "5";
  process.env.UPLOAD_DIR = path.join(tmpDir, `${pgPrefix}uploads-${suffix}`);
} else {
  const id = `${path.basename(base, ".db")}-${suffix}`;
  dbFile = path.join(path.dirname(base), `${id}.db`);
  fs.copyFileSync(base, dbFile);
  process.env.DATABASE_URL = `file:${dbFile}`;
  process.env.UPLOAD_DIR = path.join(path.dirname(base), `${id}-uploads`);
}
process.env.NODE_ENV = "test";
process.env.COOKIE_SECURE = "false";
// Each test file encrypts ID numbers with its own key (app/domain/privacy/data-keys.server.ts).
process.env.XG_DATA_KEY = randomBytes(32).toString("base64");

afterAll(async () => {
  const { prisma } = await import("~/utils/db.server");
  await prisma.$disconnect();
  if (dbFile) for (const end of ["", "-wal", "-shm"]) fs.rmSync(dbFile + end, { force: true });
  if (adminUrl && pgDatabase) await dropDatabase(adminUrl, pgDatabase);
  fs.rmSync(process.env.UPLOAD_DIR!, { recursive: true, force: true });
});
