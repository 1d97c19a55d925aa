// Issue 8, items 11 and 13: the scheduler runs each job at most once per period, whichever process
// or timer ticks (the database row decides), records every run, and keeps going when a job fails;
// the housekeeping jobs prune old log-in attempts and expired sessions.
import { spawn } from "node:child_process";
import path from "node:path";
import { expect, test } from "vitest";
import { createUser } from "~/seed/factories.server";
import { prisma } from "~/utils/db.server";
import { JOBS, LOGIN_ATTEMPT_RETENTION_MS } from "~/utils/jobs.server";
import { createScheduler, periodKey, type Job } from "~/utils/scheduler.server";

const root = path.resolve(import.meta.dirname, "../..");
// Placeholders for $queryRawUnsafe: PostgreSQL numbers them, SQLite takes ?.
const onPostgres = /^postgres(ql)?:\/\//.test(process.env.DATABASE_URL ?? "");
const params = (n: number) => Array.from({ length: n }, (_, i) => (onPostgres ? `$${i + 1}` : "?")).join(", ");
const HOUR = 3600_000;

/** A job whose runs are counted in the database, so runs in other processes count too. */
async function probeTable() {
  await prisma.$executeRawUnsafe(
    `CREATE TABLE IF NOT EXISTS "SchedulerProbe" ("job" TEXT NOT NULL, "process" TEXT NOT NULL, "at" TEXT NOT NULL)`,
  );
}
const probeRuns = async (job: string) =>
  prisma.$queryRawUnsafe<{ process: string; at: string }[]>(
    `SELECT "process", "at" FROM "SchedulerProbe" WHERE "job" = ${params(1)}`,
    job,
  );

function probeJob(name: string, process: string, period: Job["period"] = "hourly"): Job {
  return {
    name,
    period,
    run: async (now) => {
      await prisma.$executeRawUnsafe(
        `INSERT INTO "SchedulerProbe" ("job", "process", "at") VALUES (${params(3)})`,
        name,
        process,
        now.toISOString(),
      );
    },
  };
}

test("period keys are Beijing hours and days", () => {
  const lateUtc = new Date("2026-12-01T17:30:00Z"); // 01:30 on 2 December in Beijing
  expect(periodKey("hourly", lateUtc)).toBe("2026-12-02T01");
  expect(periodKey("daily", lateUtc)).toBe("2026-12-02");
});

test("two schedulers ticking at once run a job once per period, and again in the next period", async () => {
  await probeTable();
  const a = createScheduler([probeJob("probe.same-process", "a")]);
  const b = createScheduler([probeJob("probe.same-process", "b")]);
  const now = new Date("2030-01-01T00:10:00Z");
  const [fromA, fromB] = await Promise.all([a.tick(now), b.tick(now)]);
  expect([fromA[0].status, fromB[0].status].sort()).toEqual(["ok", "skipped"]);
  expect(await probeRuns("probe.same-process")).toHaveLength(1);

  // Later in the same hour: nothing; the next hour: once more.
  await Promise.all([a.tick(new Date(now.getTime() + 40 * 60_000)), b.tick(new Date(now.getTime() + 45 * 60_000))]);
  expect(await probeRuns("probe.same-process")).toHaveLength(1);
  await Promise.all([a.tick(new Date(now.getTime() + HOUR)), b.tick(new Date(now.getTime() + HOUR))]);
  expect(await probeRuns("probe.same-process")).toHaveLength(2);
  const rows = await prisma.scheduledJobRun.findMany({
    where: { job: "probe.same-process" },
    orderBy: { periodKey: "asc" },
  });
  expect(rows.map((r) => [r.periodKey, r.status])).toEqual([
    ["2030-01-01T08", "ok"],
    ["2030-01-01T09", "ok"],
  ]);
  expect(rows.every((r) => r.finishedAt)).toBe(true);
});

test("two processes ticking the same periods at once run each period exactly once", async () => {
  await probeTable();
  const periods = Array.from({ length: 30 }, (_, i) => new Date(Date.UTC(2031, 0, 1, i, 5)).toISOString());
  const script = `
    const { createScheduler } = await import("./app/utils/scheduler.server.ts");
    const { prisma } = await import("./app/utils/db.server.ts");
    const job = { name: "probe.two-processes", period: "hourly", run: async (now) => {
      await prisma.$executeRawUnsafe('INSERT INTO "SchedulerProbe" ("job", "process", "at") VALUES (${params(3)})', "probe.two-processes", "child", now.toISOString());
    } };
    const scheduler = createScheduler([job]);
    await prisma.$queryRawUnsafe("SELECT 1");
    process.stdout.write("ready\\n");
    await new Promise((resolve) => process.stdin.once("data", resolve));
    for (const at of ${JSON.stringify(periods)}) await scheduler.tick(new Date(at));
    await prisma.$disconnect();
  `;
  const child = spawn(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], {
    cwd: root,
    env: process.env,
    stdio: ["pipe", "pipe", "pipe"],
  });
  let stderr = "";
  child.stderr.on("data", (chunk) => (stderr += chunk));
  const exited = new Promise<number | null>((resolve) => child.on("exit", resolve));
  await new Promise<void>((resolve, reject) => {
    let out = "";
    child.stdout.on("data", (chunk) => {
      out += chunk;
      if (out.includes("ready\n")) resolve();
    });
    child.on("exit", () => reject(new Error(`child exited early: ${stderr}`)));
  });

  const parent = createScheduler([probeJob("probe.two-processes", "parent")]);
  child.stdin.end("go\n"); // closing stdin also lets the child exit when done
  for (const at of periods) await parent.tick(new Date(at));
  expect(await exited).toBe(0);

  const runs = await probeRuns("probe.two-processes");
  expect(runs).toHaveLength(periods.length);
  expect(new Set(runs.map((r) => r.at)).size).toBe(periods.length);
  expect(await prisma.scheduledJobRun.count({ where: { job: "probe.two-processes", status: "ok" } })).toBe(
    periods.length,
  );
});

test("a failing job records its error on its run and does not stop the others", async () => {
  await probeTable();
  const scheduler = createScheduler([
    {
      name: "probe.failing",
      period: "daily",
      run: async () => Promise.reject(new Error("storage service unreachable")),
    },
    probeJob("probe.after-failure", "a", "daily"),
  ]);
  const outcomes = await scheduler.tick(new Date("2030-06-01T04:00:00Z"));
  expect(outcomes.map((o) => o.status)).toEqual(["failed", "ok"]);
  const failed = await prisma.scheduledJobRun.findUniqueOrThrow({
    where: { job_periodKey: { job: "probe.failing", periodKey: "2030-06-01" } },
  });
  expect(failed).toMatchObject({ status: "failed", error: "storage service unreachable" });
  expect(await probeRuns("probe.after-failure")).toHaveLength(1);
});

test("start() ticks at once in the background and stop() waits for that tick", async () => {
  await probeTable();
  const scheduler = createScheduler([probeJob("probe.timer", "timer", "daily")]);
  scheduler.start(HOUR);
  await scheduler.stop();
  expect(await probeRuns("probe.timer")).toHaveLength(1);
});

test("the housekeeping jobs prune old log-in attempts and expired sessions, and keep fresh ones", async () => {
  const user = await createUser();
  const now = Date.now();
  await prisma.loginAttempt.createMany({
    data: [
      { key: "account:prune-old", success: false, createdAt: new Date(now - LOGIN_ATTEMPT_RETENTION_MS - HOUR) },
      { key: "account:prune-fresh", success: false, createdAt: new Date(now - HOUR) },
    ],
  });
  await prisma.session.createMany({
    data: [
      { id: "prune-expired", userId: user.id, expiresAt: new Date(now - 60_000) },
      { id: "prune-valid", userId: user.id, expiresAt: new Date(now + 7 * 24 * HOUR) },
    ],
  });

  const outcomes = await createScheduler(JOBS).tick();
  // Every job ran once and succeeded (the list grows: privacy.retention, issue #11).
  expect(outcomes.map((o) => [o.job, o.status])).toEqual(JOBS.map((j) => [j.name, "ok"]));
  expect(outcomes.map((o) => o.job)).toEqual(
    expect.arrayContaining(["uploads.cleanup", "loginAttempts.prune", "sessions.prune"]),
  );
  expect(
    (await prisma.loginAttempt.findMany({ where: { key: { startsWith: "account:prune-" } } })).map((a) => a.key),
  ).toEqual(["account:prune-fresh"]);
  expect((await prisma.session.findMany({ where: { id: { startsWith: "prune-" } } })).map((s) => s.id)).toEqual([
    "prune-valid",
  ]);
  // Same period: the jobs do not run again.
  expect((await createScheduler(JOBS).tick()).map((o) => o.status)).toEqual(JOBS.map(() => "skipped"));
});

test("`npm run cleanup` runs every job once", async () => {
  const command = spawn(process.execPath, ["--import", "tsx", "app/scripts/cleanup.ts"], {
    cwd: root,
    env: process.env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  command.stdout.on("data", (chunk) => (out += chunk));
  command.stderr.on("data", (chunk) => (out += chunk));
  expect(await new Promise((resolve) => command.on("exit", resolve))).toBe(0);
  for (const job of JOBS) expect(out).toMatch(new RegExp(`\\[jobs\\] ${job.name.replace(".", "\\.")} manual-.*: ok`));
});

test("the server process (app/server/index.js) runs the jobs on its schedule and stops on SIGTERM", async () => {
  // The real server entry point (app/server/index.js), jobs switched on as in production. The
  // current periods' runs made by the tests above are forgotten, so that it has work to do.
  await prisma.scheduledJobRun.deleteMany({
    where: { job: { in: JOBS.map((j) => j.name) }, NOT: { periodKey: { startsWith: "manual-" } } },
  });
  const server = spawn(process.execPath, ["app/server/index.js"], {
    cwd: root,
    env: { ...process.env, PORT: "0", HOST: "127.0.0.1", XG_JOBS: "on" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let log = "";
  const exited = new Promise<number | null>((resolve) => server.on("exit", resolve));
  try {
    await new Promise<void>((resolve, reject) => {
      const read = (chunk: Buffer) => {
        log += chunk;
        if (/\[jobs\] sessions\.prune \d{4}-\d{2}-\d{2}: ok/.test(log)) resolve();
      };
      server.stdout.on("data", read);
      server.stderr.on("data", read);
      server.on("exit", () => reject(new Error(`server exited early: ${log}`)));
    });
  } finally {
    server.kill("SIGTERM");
  }
  expect(await exited).toBe(0);
  expect(log).toMatch(/\[jobs\] uploads\.cleanup \d{4}-\d{2}-\d{2}T\d{2}: ok/);
});
