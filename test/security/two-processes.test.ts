// Issue 8, item 6 and issue 13, item 4: several server processes on one database — the production
// setup, `WEB_CONCURRENCY=2 npm start` (a node:cluster primary handing connections in turn to two
// workers, app/server/cluster.js), on this file's database: SQLite, or PostgreSQL when the suite
// runs there. (Prisma's SQLite adapter began transactions with a deferred BEGIN, so a sign-up that
// read and then wrote failed with SQLITE_BUSY_SNAPSHOT whenever the other process had committed in
// between: 27–32 % of sign-ups and 28 % of cancellations answered 500.)
// Cheap on purpose: users and sessions are written straight into the database in batches, and the
// requests go out over fetch's keep-alive connections, with no browser.
import fs from "node:fs";
import { afterAll, expect, test } from "vitest";
import { createUsers } from "~/seed/factories.server";
import { prisma } from "~/utils/db.server";
import { JOBS } from "~/utils/jobs.server";
import { generateSessionToken, SESSION_COOKIE, SESSION_TTL_MS, sessionIdFromToken } from "~/utils/session.server";
import { postForm } from "../helpers/server";
import { makeActivity, makeCenter } from "../activities/helpers";
import { startServerProcess, type ServerProcess } from "./server-processes";

// SQLite: ~15 s each on a loaded 2-core machine; PostgreSQL there took up to 150 s for the 1,000
// (every sign-up waits for the activity row's lock, held over several round trips per transaction).
const LIMIT_MS = 300_000;

/** One session per user, as log-in makes them, in one INSERT per 500: the cookies to send. */
async function sessionCookies(userIds: string[]) {
  const expiresAt = new Date(Date.now() + SESSION_TTL_MS);
  const tokens = userIds.map(() => generateSessionToken());
  const rows = userIds.map((userId, i) => ({ id: sessionIdFromToken(tokens[i]), userId, expiresAt }));
  for (let i = 0; i < rows.length; i += 500) await prisma.session.createMany({ data: rows.slice(i, i + 500) });
  return tokens.map((token) => `${SESSION_COOKIE}=${token}`);
}

// A fresh cluster for each test, started once its data is in place: a keep-alive connection left
// idle from an earlier test could be closed by the server just as it is reused.
const started: ServerProcess[] = [];
async function cluster() {
  const server = await startServerProcess(process.env.DATABASE_URL!, { env: { WEB_CONCURRENCY: "2" } });
  started.push(server);
  return server;
}
afterAll(async () => {
  await Promise.all(started.map((s) => s.close()));
});

/** The worker processes of a cluster's primary (Linux: /proc). */
function workerPids(primary: number) {
  const children = fs.readFileSync(`/proc/${primary}/task/${primary}/children`, "utf8");
  return children.trim().split(/\s+/).filter(Boolean).map(Number);
}

const statusCounts = (statuses: number[]) =>
  statuses.reduce<Record<number, number>>((counts, s) => ({ ...counts, [s]: (counts[s] ?? 0) + 1 }), {});

test(
  "1,000 simultaneous sign-ups for 100 seats on WEB_CONCURRENCY=2: no errors, exactly 100 seats, waiting list 1..900; each job ran once",
  async () => {
    const { center } = await makeCenter();
    const activity = await makeActivity(center, { capacity: 100 });
    const users = await createUsers(1000);
    const cookies = await sessionCookies(users.map((u) => u.id));
    const server = await cluster();
    expect(workerPids(server.pid)).toHaveLength(2);

    const t0 = performance.now();
    const responses = await Promise.all(
      cookies.map((cookie) => postForm(server, `/activities/${activity.id}`, {}, { cookie })),
    );
    const statuses = await Promise.all(responses.map(async (r) => (await r.arrayBuffer(), r.status)));
    console.log(
      `two worker processes, 1,000 sign-ups: ${JSON.stringify(statusCounts(statuses))} in ${Math.round(performance.now() - t0)} ms`,
    );
    // On failure, the message carries the start of the servers' log (the first errors).
    expect(statusCounts(statuses), server.output().slice(0, 3000)).toEqual({ 302: 1000 });

    const regs = await prisma.registration.findMany({
      where: { activityId: activity.id },
      select: { userId: true, status: true, waitlistSeq: true },
    });
    expect(new Set(regs.map((r) => r.userId)).size).toBe(1000);
    expect(regs.filter((r) => r.status === "confirmed")).toHaveLength(100);
    const queue = regs
      .filter((r) => r.status === "waitlisted")
      .map((r) => r.waitlistSeq!)
      .sort((a, b) => a - b);
    expect(queue).toEqual(Array.from({ length: 900 }, (_, i) => i + 1));
    const counters = await prisma.activity.findUniqueOrThrow({
      where: { id: activity.id },
      select: { confirmedCount: true, waitlistCount: true },
    });
    expect(counters).toEqual({ confirmedCount: 100, waitlistCount: 900 });
    expect(server.output()).not.toMatch(/SQLITE_BUSY|database is locked|Error|exited/);

    // Both workers started the scheduler and ticked at once when they started (the cluster runs the
    // jobs in every worker): each job ran once, in one of them (cluster.test.ts races them harder).
    await server.waitForOutput(/\[jobs\] privacy\.retention \S+: ok/); // the last job of a tick
    for (const job of JOBS) {
      const runs = await prisma.scheduledJobRun.findMany({ where: { job: job.name }, select: { status: true } });
      expect(runs, job.name).toEqual([{ status: "ok" }]);
      expect(
        server.output().match(new RegExp(`\\[jobs\\] ${job.name.replace(".", "\\.")} \\S+: ok`, "g")),
        job.name,
      ).toHaveLength(1);
    }
  },
  LIMIT_MS,
);

test(
  "a cancel storm over WEB_CONCURRENCY=2: no errors, freed seats go to the head of the queue, never over capacity",
  async () => {
    const { center } = await makeCenter();
    const activity = await makeActivity(center, { capacity: 100 });
    const users = await createUsers(300);
    // Users 0–99 hold the seats, 100–299 queue in that order (waitlistSeq 1..200).
    // The state 300 sign-ups leave, written in one go (the sign-ups themselves are the test above).
    await prisma.registration.createMany({
      data: users.map((u, i) => ({
        activityId: activity.id,
        userId: u.id,
        status: i < 100 ? "confirmed" : "waitlisted",
        waitlistSeq: i < 100 ? null : i - 99,
        checkinCode: `T${String(i).padStart(5, "0")}`,
      })),
    });
    await prisma.activity.update({
      where: { id: activity.id },
      data: { confirmedCount: 100, waitlistCount: 200, waitlistSeq: 200 },
    });
    const cookies = await sessionCookies(users.map((u) => u.id));
    const server = await cluster();

    // Every seat holder cancels, and so does every second person of the first 100 in the queue.
    const cancelling = [...Array(100).keys(), ...Array.from({ length: 50 }, (_, i) => 101 + 2 * i)];
    const t0 = performance.now();
    const responses = await Promise.all(
      cancelling.map((n) => postForm(server, `/activities/${activity.id}/registration`, {}, { cookie: cookies[n] })),
    );
    const statuses = await Promise.all(responses.map(async (r) => (await r.arrayBuffer(), r.status)));
    console.log(
      `two worker processes, 150 cancellations: ${JSON.stringify(statusCounts(statuses))} in ${Math.round(performance.now() - t0)} ms`,
    );
    expect(statusCounts(statuses), server.output().slice(0, 3000)).toEqual({ 302: 150 });

    // The queue without the cancelled: 100, 102, …, 198, then 200–299. The first 100 of it now sit.
    const stillQueued = [
      ...Array.from({ length: 50 }, (_, i) => 100 + 2 * i),
      ...Array.from({ length: 100 }, (_, i) => 200 + i),
    ];
    const regs = await prisma.registration.findMany({
      where: { activityId: activity.id },
      select: { userId: true, status: true },
    });
    const byStatus = (status: string) => new Set(regs.filter((r) => r.status === status).map((r) => r.userId));
    expect(byStatus("confirmed")).toEqual(new Set(stillQueued.slice(0, 100).map((n) => users[n].id)));
    expect(byStatus("waitlisted")).toEqual(new Set(stillQueued.slice(100).map((n) => users[n].id)));
    expect(byStatus("cancelled")).toEqual(new Set(cancelling.map((n) => users[n].id)));
    const counters = await prisma.activity.findUniqueOrThrow({
      where: { id: activity.id },
      select: { confirmedCount: true, waitlistCount: true },
    });
    expect(counters).toEqual({ confirmedCount: 100, waitlistCount: 50 });
    // Each new seat holder was told once. (Someone promoted just before their own cancellation
    // arrived was told too: the storm is real.)
    const told = await prisma.notification.groupBy({
      by: ["userId"],
      where: { kind: "activities.notify.promoted", userId: { in: [...byStatus("confirmed")] } },
      _count: true,
    });
    expect(told.map((t) => t._count)).toEqual(Array(100).fill(1));
    expect(server.output()).not.toMatch(/SQLITE_BUSY|database is locked|Error|exited/);
  },
  LIMIT_MS,
);
