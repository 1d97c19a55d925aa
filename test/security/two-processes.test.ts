// Issue 8, item 6: two server processes on one database file (the README's scale-out setup).
// Prisma's SQLite adapter began transactions with a deferred BEGIN, so a sign-up that read and
// then wrote failed with SQLITE_BUSY_SNAPSHOT whenever the other process had committed in
// between: 27–32 % of sign-ups and 28 % of cancellations answered 500.
import { afterAll, expect, test } from "vitest";
import { signUp } from "~/domain/activities/registration.server";
import { createUsers } from "~/seed/factories.server";
import { prisma } from "~/utils/db.server";
import { postForm, sessionCookieFor } from "../helpers/server";
import { makeActivity, makeCenter } from "../activities/helpers";
import { startServerProcess, type ServerProcess } from "./server-processes";

// Fresh processes for each test, started once its data is in place: a keep-alive connection left
// idle from an earlier test could be closed by the server just as it is reused.
const started: ServerProcess[] = [];
async function twoServers() {
  const servers = await Promise.all([
    startServerProcess(process.env.DATABASE_URL!),
    startServerProcess(process.env.DATABASE_URL!),
  ]);
  started.push(...servers);
  return servers;
}
afterAll(async () => {
  await Promise.all(started.map((s) => s.close()));
});

const statusCounts = (statuses: number[]) =>
  statuses.reduce<Record<number, number>>((counts, s) => ({ ...counts, [s]: (counts[s] ?? 0) + 1 }), {});

test("1,000 simultaneous sign-ups for 100 seats, split over two processes: no errors, exactly 100 seats, waiting list 1..900", async () => {
  const { center } = await makeCenter();
  const activity = await makeActivity(center, { capacity: 100 });
  const users = await createUsers(1000);
  const cookies = await Promise.all(users.map((u) => sessionCookieFor(u.id)));
  const servers = await twoServers();

  const t0 = performance.now();
  const responses = await Promise.all(
    cookies.map((cookie, i) => postForm(servers[i % 2], `/activities/${activity.id}`, {}, { cookie })),
  );
  const statuses = await Promise.all(responses.map(async (r) => (await r.arrayBuffer(), r.status)));
  console.log(
    `two processes, 1,000 sign-ups: ${JSON.stringify(statusCounts(statuses))} in ${Math.round(performance.now() - t0)} ms`,
  );
  expect(statusCounts(statuses)).toEqual({ 302: 1000 });

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
  for (const server of servers) expect(server.output()).not.toMatch(/SQLITE_BUSY|database is locked|Error/);
}, 120_000);

test("a cancel storm over two processes: no errors, freed seats go to the head of the queue, never over capacity", async () => {
  const { center } = await makeCenter();
  const activity = await makeActivity(center, { capacity: 100 });
  const users = await createUsers(300);
  // Users 0–99 hold the seats, 100–299 queue in that order (waitlistSeq 1..200).
  for (const u of users) await signUp({ activityId: activity.id, userId: u.id, answers: {} });
  const cookies = await Promise.all(users.map((u) => sessionCookieFor(u.id)));
  const servers = await twoServers();

  // Every seat holder cancels, and so does every second person of the first 100 in the queue.
  const cancelling = [...Array(100).keys(), ...Array.from({ length: 50 }, (_, i) => 101 + 2 * i)];
  const t0 = performance.now();
  const responses = await Promise.all(
    cancelling.map((n, i) =>
      postForm(servers[i % 2], `/activities/${activity.id}/registration`, {}, { cookie: cookies[n] }),
    ),
  );
  const statuses = await Promise.all(responses.map(async (r) => (await r.arrayBuffer(), r.status)));
  console.log(
    `two processes, 150 cancellations: ${JSON.stringify(statusCounts(statuses))} in ${Math.round(performance.now() - t0)} ms`,
  );
  expect(statusCounts(statuses)).toEqual({ 302: 150 });

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
  for (const server of servers) expect(server.output()).not.toMatch(/SQLITE_BUSY|database is locked|Error/);
}, 120_000);
