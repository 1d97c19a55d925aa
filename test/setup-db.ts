// Runs before each test file: a private copy of the migrated base database, and a private
// upload folder. DATABASE_URL is set before any app module (and so the Prisma client) loads.
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { afterAll } from "vitest";

const base = process.env.XG_TEST_BASE_DB;
if (!base) throw new Error("XG_TEST_BASE_DB is not set: run tests through test/vitest.config.ts");
const id = `${path.basename(base, ".db")}-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
const dbFile = path.join(path.dirname(base), `${id}.db`);
fs.copyFileSync(base, dbFile);
process.env.DATABASE_URL = `file:${dbFile}`;
process.env.UPLOAD_DIR = path.join(path.dirname(base), `${id}-uploads`);
process.env.NODE_ENV = "test";
process.env.COOKIE_SECURE = "false";
// Each test file encrypts ID numbers with its own key (app/domain/privacy/data-keys.server.ts).
process.env.XG_DATA_KEY = randomBytes(32).toString("base64");

afterAll(async () => {
  const { prisma } = await import("~/utils/db.server");
  await prisma.$disconnect();
  for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(dbFile + suffix, { force: true });
  fs.rmSync(process.env.UPLOAD_DIR!, { recursive: true, force: true });
});
