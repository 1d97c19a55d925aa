// Builds one base database from the real migrations (prisma migrate deploy); every test file
// then copies it (setup-db.ts), so tests never share or mutate each other's data.
// SQLite by default (a file in test/.tmp); with XG_TEST_PG_URL set, PostgreSQL: a database
// xg_test_<pid>_base on that server, copied per file with CREATE DATABASE … TEMPLATE.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import {
  createDatabase,
  databaseUrlFor,
  dropDatabasesStartingWith,
  dropOrphanedTestDatabases,
  postgresAdminUrl,
} from "./helpers/postgres";
import { startSeededBase } from "./helpers/seeded-db";

export const TMP_DIR = path.resolve("test/.tmp");

function migrate(databaseUrl: string) {
  execFileSync(path.resolve("node_modules/.bin/prisma"), ["migrate", "deploy"], {
    env: { ...process.env, DATABASE_URL: databaseUrl },
    stdio: ["ignore", "ignore", "inherit"],
  });
}

export default async function setup() {
  fs.mkdirSync(TMP_DIR, { recursive: true });
  const adminUrl = postgresAdminUrl();
  if (adminUrl) {
    // Names carry this run's pid, so teardown drops only this run's databases (another run, or a
    // helper's own databases on the same server, are left alone).
    const prefix = `xg_test_${process.pid}_`;
    const base = `${prefix}base`;
    // Left by killed runs (teardown never ran): dead pids' databases, and any with this pid reused.
    await dropOrphanedTestDatabases(adminUrl);
    await dropDatabasesStartingWith(adminUrl, prefix);
    await createDatabase(adminUrl, base);
    migrate(databaseUrlFor(adminUrl, base));
    process.env.XG_TEST_PG_PREFIX = prefix;
    process.env.XG_TEST_BASE_DB = base;
  } else {
    const base = path.join(TMP_DIR, `base-${process.pid}.db`);
    fs.rmSync(base, { force: true });
    migrate(`file:${base}`);
    process.env.XG_TEST_BASE_DB = base;
  }
  // The demo seeded once into a copy of the base, in the background (test/helpers/seeded-db.ts).
  const stopSeeding = await startSeededBase(TMP_DIR);
  return async () => {
    await stopSeeding();
    // Test files drop their own database in afterAll; this catches files that crashed.
    if (adminUrl) await dropDatabasesStartingWith(adminUrl, `xg_test_${process.pid}_`);
    for (const file of fs.readdirSync(TMP_DIR)) {
      if (file.includes(`-${process.pid}`) || file.startsWith(`xg_test_${process.pid}_`))
        fs.rmSync(path.join(TMP_DIR, file), { recursive: true, force: true });
    }
  };
}
