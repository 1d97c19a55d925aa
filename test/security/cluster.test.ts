// WEB_CONCURRENCY=N runs every scheduled job and the outbox's delivery worker in each of N cluster
// workers (app/server/cluster.js); the database must make both once-across-processes. Here two
// node:cluster workers on this file's database (SQLite, or PostgreSQL when the suite runs there)
// are handed the same instant at the same moment (test/security/cluster-race.ts).
import { execFile } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { expect, test } from "vitest";
import { prisma } from "~/utils/db.server";
import { workerCount } from "../../app/server/cluster.js";
import { startServerProcess } from "./server-processes";

const root = path.resolve(import.meta.dirname, "../..");

async function race<T>(mode: "jobs" | "delivery", rounds: number): Promise<T[][]> {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ["--import", "tsx", "test/security/cluster-race.ts", mode, String(rounds)],
    { cwd: root, env: process.env, timeout: 90_000 },
  );
  const line = stdout.split("\n").find((l) => l.startsWith("RESULT "));
  if (!line) throw new Error(`no result from the race:\n${stdout}`);
  return JSON.parse(line.slice("RESULT ".length));
}

test("WEB_CONCURRENCY: unset is one process, a number is that many workers, nonsense is refused", () => {
  expect(workerCount(undefined)).toBe(1);
  expect(workerCount("")).toBe(1);
  expect(workerCount(" 4 ")).toBe(4);
  expect(workerCount("auto")).toBeGreaterThanOrEqual(1);
  for (const bad of ["0", "-1", "1.5", "two", "1000"]) expect(() => workerCount(bad)).toThrow(/WEB_CONCURRENCY/);
});

test("two cluster workers ticking at the same instant: each job runs once per period", async () => {
  const ROUNDS = 5;
  const workers = await race<{ job: string; status: string }[]>("jobs", ROUNDS);
  for (let round = 0; round < ROUNDS; round++) {
    const outcomes = workers.flatMap((w) => w[round]);
    for (const job of ["race.a", "race.b", "race.c", "race.d"]) {
      const statuses = outcomes.filter((o) => o.job === job).map((o) => o.status);
      expect(statuses.sort(), `${job} in round ${round}`).toEqual(["ok", "skipped"]);
    }
  }
  // What the jobs themselves did: one run each per period, by whichever worker won.
  const runs = await prisma.loginAttempt.findMany({ where: { key: { startsWith: "race:" } }, select: { key: true } });
  expect(runs).toHaveLength(4 * ROUNDS);
  const byWorker: Record<string, number> = {};
  for (const { key } of runs) byWorker[key.split(":")[2]] = (byWorker[key.split(":")[2]] ?? 0) + 1;
  console.log(`job runs per worker: ${JSON.stringify(byWorker)}`);
});

test("two cluster workers delivering the same due messages at once: none is sent twice", async () => {
  const ROUNDS = 3;
  const base = Date.UTC(2029, 0, 1);
  await prisma.outboxMessage.createMany({
    data: Array.from({ length: 20 * ROUNDS }, (_, i) => ({
      channel: "sms",
      recipient: `1380000${String(i).padStart(4, "0")}`,
      kind: "race.message",
      nextAttemptAt: new Date(base + i * 1000),
    })),
  });
  const workers = await race<{ sent: number; retrying: number; failed: number }>("delivery", ROUNDS);
  const reports = workers.flat();
  expect(reports.every((r) => r.retrying === 0 && r.failed === 0)).toBe(true);
  const rows = await prisma.outboxMessage.findMany({
    where: { kind: "race.message" },
    select: { status: true, attempts: true },
  });
  const sent = rows.filter((r) => r.status === "sent");
  // A message claimed twice would show two attempts, or more "sent" reports than sent rows.
  expect(sent.length).toBeGreaterThanOrEqual(20);
  expect(sent.every((r) => r.attempts === 1)).toBe(true);
  expect(reports.reduce((n, r) => n + r.sent, 0)).toBe(sent.length);
  expect(rows.filter((r) => r.status !== "sent").every((r) => r.status === "pending" && r.attempts === 0)).toBe(true);
  console.log(`messages sent per worker: ${workers.map((w) => w.reduce((n, r) => n + r.sent, 0)).join(", ")}`);
});

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};
const children = (pid: number) =>
  fs.readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8").trim().split(/\s+/).filter(Boolean).map(Number);

test("WEB_CONCURRENCY=2: one address printed, a killed worker is replaced, SIGTERM stops them all", async () => {
  const server = await startServerProcess(process.env.DATABASE_URL!, {
    env: { WEB_CONCURRENCY: "2", XG_JOBS: "off", XG_DELIVERY: "off" },
  });
  try {
    expect(server.output().match(/serving on/g)).toHaveLength(1);
    const [first, second] = children(server.pid);
    expect(second).toBeDefined();
    process.kill(first, "SIGKILL");
    await server.waitForOutput(/worker \d \(pid \d+\) is serving again/);
    const now = children(server.pid);
    expect(now).toHaveLength(2);
    expect(now).toContain(second);
    expect(now).not.toContain(first);
    expect((await fetch(`${server.url}/activities`)).status).toBe(200);

    process.kill(server.pid, "SIGTERM");
    for (let i = 0; i < 600 && [server.pid, ...now].some(alive); i++) await new Promise((r) => setTimeout(r, 100));
    expect([server.pid, ...now].filter(alive)).toEqual([]);
    expect(server.output().match(/starting a new one/g)).toHaveLength(1); // none after the stop
  } finally {
    await server.close();
  }
}, 120_000);
