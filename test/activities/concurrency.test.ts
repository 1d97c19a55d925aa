import { afterAll, beforeAll, expect, test } from "vitest";
import { prisma } from "~/utils/db.server";
import { postForm, sessionCookieFor, startServer, type TestServer } from "../helpers/server";
import { makeActivity, makeCenter, makeUsers } from "./helpers";

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server.close());

test("240 simultaneous sign-ups through HTTP for 10 seats: exactly 10 confirmed, the rest queued 1..230 without gaps, none lost", async () => {
  const { center } = await makeCenter();
  const activity = await makeActivity(center, { capacity: 10 });
  const users = await makeUsers(240);
  const cookies = await Promise.all(users.map((u) => sessionCookieFor(u.id)));

  const responses = await Promise.all(
    cookies.map((cookie) => postForm(server, `/activities/${activity.id}`, {}, { cookie })),
  );
  expect(responses.map((r) => r.status).filter((s) => s !== 302)).toEqual([]);
  expect(new Set(responses.map((r) => r.headers.get("location")?.split("?")[0]))).toEqual(
    new Set([`/activities/${activity.id}/registration`]),
  );

  const regs = await prisma.registration.findMany({
    where: { activityId: activity.id },
    select: { userId: true, status: true, waitlistSeq: true },
  });
  expect(regs).toHaveLength(240);
  expect(new Set(regs.map((r) => r.userId)).size).toBe(240);
  expect(regs.filter((r) => r.status === "confirmed")).toHaveLength(10);
  const queue = regs
    .filter((r) => r.status === "waitlisted")
    .map((r) => r.waitlistSeq!)
    .sort((a, b) => a - b);
  expect(queue).toEqual(Array.from({ length: 230 }, (_, i) => i + 1));
  const a = await prisma.activity.findUniqueOrThrow({ where: { id: activity.id } });
  expect([a.confirmedCount, a.waitlistCount]).toEqual([10, 230]);
  expect(await prisma.funnelEvent.count({ where: { activityId: activity.id, step: "signup" } })).toBe(10);
});

test("a double submit sent twice at once is one registration", async () => {
  const { center } = await makeCenter();
  const activity = await makeActivity(center, { capacity: 3 });
  const [u] = await makeUsers(1);
  const cookie = await sessionCookieFor(u.id);
  const responses = await Promise.all(
    Array.from({ length: 5 }, () => postForm(server, `/activities/${activity.id}`, {}, { cookie })),
  );
  expect(responses.every((r) => r.status === 302)).toBe(true);
  expect(await prisma.registration.count({ where: { activityId: activity.id } })).toBe(1);
  expect((await prisma.activity.findUniqueOrThrow({ where: { id: activity.id } })).confirmedCount).toBe(1);
});
