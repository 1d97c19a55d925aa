// The demo seed, made once per run instead of once per file (issue #9 item 8): seeding the Linfen demo costs
// ~3.7 s CPU, and seven test files need it. test/global-setup.ts calls startSeededBase(), which starts a child
// process seeding a copy of the migrated base database (SQLite: a file; PostgreSQL: a database) without waiting
// for it, so the seeding overlaps the workers' first imports. A file that needs the demo calls seededDemo() in
// beforeAll, before anything has queried its database: it waits for the seeded copy, puts it in place of the
// file's own copy (still one database per file) and returns the same ids seedDemoForRoutes() returns.
// Without the seeded base (another config, or the child failed) it seeds the file's own database as before.
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { cloneDatabase, databaseNameOf, databaseUrlFor, dropDatabase, postgresAdminUrl } from "./postgres";
import type { seedDemoForRoutes } from "./routes";

type Demo = Awaited<ReturnType<typeof seedDemoForRoutes>>;
/** What seededDemo() returns: the parts of seedDemoForRoutes()'s answer that survive JSON (ids and strings). */
export type SeededDemo = {
  ids: Demo["ids"];
  users: Demo["users"];
  activity: { id: string };
  assignment: { id: string; contestId: string; entryId: string };
  base: { fushan: string; yaodu: string };
};

/** In the global setup: copies the base database and seeds it in a child process; returns a stop function. */
export async function startSeededBase(tmpDir: string): Promise<() => Promise<void>> {
  const base = process.env.XG_TEST_BASE_DB!;
  const adminUrl = postgresAdminUrl();
  const prefix = process.env.XG_TEST_PG_PREFIX;
  let seeded: string;
  let url: string;
  if (adminUrl && prefix) {
    seeded = `${prefix}seeded`;
    await cloneDatabase(adminUrl, seeded, base);
    url = databaseUrlFor(adminUrl, seeded);
  } else {
    seeded = path.join(tmpDir, `seeded-${process.pid}.db`);
    fs.copyFileSync(base, seeded);
    url = `file:${seeded}`;
  }
  const done = path.join(tmpDir, `seeded-${process.pid}.json`);
  fs.rmSync(done, { force: true });
  // The seed encrypts ID numbers: the files that copy it must use the same key (setup-db.ts gives each its own).
  const key = randomBytes(32).toString("base64");
  const child: ChildProcess = spawn(
    process.execPath,
    ["--import", "tsx", path.resolve("test/helpers/seed-demo-base.ts"), done],
    {
      env: { ...process.env, DATABASE_URL: url, XG_DATA_KEY: key, NODE_ENV: "test" },
      stdio: ["ignore", "ignore", "inherit"],
    },
  );
  child.on("exit", (code) => {
    if (code !== 0) fs.writeFileSync(`${done}.failed`, `seeding exited with ${code}`);
  });
  process.env.XG_TEST_SEEDED_DB = seeded;
  process.env.XG_TEST_SEEDED_DONE = done;
  process.env.XG_TEST_SEEDED_KEY = key;
  return async () => {
    if (child.exitCode === null) child.kill();
  };
}

async function waitForSeed(done: string) {
  for (let waited = 0; waited < 300_000; waited += 100) {
    if (fs.existsSync(done)) return JSON.parse(fs.readFileSync(done, "utf8")) as SeededDemo;
    if (fs.existsSync(`${done}.failed`)) return null;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return null;
}

/** The demo in this file's database: the run's seeded copy put in place, or seeded here when there is none. */
export async function seededDemo(): Promise<SeededDemo> {
  const { XG_TEST_SEEDED_DB: seeded, XG_TEST_SEEDED_DONE: done, XG_TEST_SEEDED_KEY: key } = process.env;
  const demo = seeded && done && key ? await waitForSeed(done) : null;
  if (!demo) {
    const { seedDemoForRoutes } = await import("./routes");
    return seedDemoForRoutes();
  }
  const { prisma } = await import("~/utils/db.server");
  await prisma.$disconnect();
  const url = process.env.DATABASE_URL!;
  const adminUrl = postgresAdminUrl();
  if (adminUrl && /^postgres(ql)?:/.test(url)) {
    const name = databaseNameOf(url);
    await dropDatabase(adminUrl, name);
    await cloneDatabase(adminUrl, name, seeded!);
  } else {
    const file = url.replace(/^file:/, "");
    for (const end of ["-wal", "-shm", "-journal"]) fs.rmSync(file + end, { force: true });
    fs.copyFileSync(seeded!, file);
  }
  process.env.XG_DATA_KEY = key;
  const { resetKeyRing } = await import("~/domain/privacy/data-keys.server");
  resetKeyRing();
  return demo;
}
