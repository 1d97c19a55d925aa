// Races on one registration or one phone number (issue #13). They hold on SQLite by its serial
// write transactions; on PostgreSQL (XG_TEST_PG_URL) under READ COMMITTED by locks and conditional
// writes: the same tests run there, with real parallelism through the connection pool.
import { expect, test } from "vitest";
import { registerWalkIn } from "~/domain/activities/checkin.server";
import { cancelRegistration, signUp } from "~/domain/activities/registration.server";
import { prisma } from "~/utils/db.server";
import type { RuleError } from "~/utils/rule-error";
import { makeActivity, makeCenter, makeUsers } from "./helpers";

const settle = <T>(work: Promise<T>[]) => Promise.allSettled(work);
const rejectedKeys = (results: PromiseSettledResult<unknown>[]) =>
  results.filter((r) => r.status === "rejected").map((r) => ((r as PromiseRejectedResult).reason as RuleError).key);

test("eight parallel cancels of one confirmed registration free one seat: no overbooking, one promotion", async () => {
  const { center } = await makeCenter();
  const activity = await makeActivity(center, { capacity: 2 });
  const users = await makeUsers(5);
  for (const u of users) await signUp({ activityId: activity.id, userId: u.id, answers: {} });

  const results = await settle(
    Array.from({ length: 8 }, () => cancelRegistration({ activityId: activity.id, userId: users[0].id })),
  );
  expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
  expect(rejectedKeys(results)).toEqual(Array(7).fill("activities.cancel.notRegistered"));

  const regs = await prisma.registration.findMany({ where: { activityId: activity.id }, select: { status: true } });
  const count = (s: string) => regs.filter((r) => r.status === s).length;
  expect([count("confirmed"), count("waitlisted"), count("cancelled")]).toEqual([2, 2, 1]);
  const a = await prisma.activity.findUniqueOrThrow({ where: { id: activity.id } });
  expect([a.confirmedCount, a.waitlistCount]).toEqual([2, 2]);
});

test("parallel cancels by everyone holding a seat or a queue place keep the counters equal to the rows", async () => {
  const { center } = await makeCenter();
  const activity = await makeActivity(center, { capacity: 3 });
  const users = await makeUsers(8);
  for (const u of users) await signUp({ activityId: activity.id, userId: u.id, answers: {} });
  // Each of the first five cancels three times at once; the last three stay.
  await settle(
    users
      .slice(0, 5)
      .flatMap((u) => [1, 2, 3].map(() => cancelRegistration({ activityId: activity.id, userId: u.id }))),
  );
  const regs = await prisma.registration.findMany({ where: { activityId: activity.id }, select: { status: true } });
  const a = await prisma.activity.findUniqueOrThrow({ where: { id: activity.id } });
  expect(regs.filter((r) => r.status === "confirmed")).toHaveLength(3);
  expect([a.confirmedCount, a.waitlistCount]).toEqual([3, 0]);
});

test("a sign-up submitted six times at once: one registration, one seat, every answer names it", async () => {
  const { center } = await makeCenter();
  const activity = await makeActivity(center, { capacity: 5 });
  const [u] = await makeUsers(1);
  const results = await Promise.all(
    Array.from({ length: 6 }, () => signUp({ activityId: activity.id, userId: u.id, answers: {} })),
  );
  expect(new Set(results.map((r) => r.registrationId)).size).toBe(1);
  expect(results.every((r) => r.status === "confirmed")).toBe(true);
  expect(results.filter((r) => !r.alreadyRegistered)).toHaveLength(1);
  expect(await prisma.registration.count({ where: { activityId: activity.id } })).toBe(1);
  expect((await prisma.activity.findUniqueOrThrow({ where: { id: activity.id } })).confirmedCount).toBe(1);
});

test("re-signing up after a cancel, four times at once, takes one place", async () => {
  const { center } = await makeCenter();
  const activity = await makeActivity(center, { capacity: 5 });
  const [u] = await makeUsers(1);
  await signUp({ activityId: activity.id, userId: u.id, answers: {} });
  await cancelRegistration({ activityId: activity.id, userId: u.id });
  await Promise.all(Array.from({ length: 4 }, () => signUp({ activityId: activity.id, userId: u.id, answers: {} })));
  expect((await prisma.activity.findUniqueOrThrow({ where: { id: activity.id } })).confirmedCount).toBe(1);
});

test("45 walk-ins, 15 new numbers each entered by three desks at once: no error, one account and one seat per number", async () => {
  const { center, staff } = await makeCenter();
  const activity = await makeActivity(center, { capacity: 100 });
  const phones = Array.from(
    { length: 15 },
    (_, i) => `1770${String(Date.now()).slice(-5)}${String(i).padStart(2, "0")}`,
  );
  const results = await settle(
    phones.flatMap((phone) => [1, 2, 3].map(() => registerWalkIn(activity.id, { name: "到场职工", phone }, staff.id))),
  );
  expect(
    results.filter((r) => r.status === "rejected").map((r) => String((r as PromiseRejectedResult).reason)),
  ).toEqual([]);
  // Per number: the first is checked in, the two others are told "already".
  const already = results.map((r) => (r as PromiseFulfilledResult<{ already: boolean }>).value.already);
  expect(already.filter((a) => !a)).toHaveLength(15);
  expect(await prisma.user.count({ where: { phone: { in: phones } } })).toBe(15);
  const regs = await prisma.registration.findMany({
    where: { activityId: activity.id },
    select: { status: true, attendedAt: true },
  });
  expect(regs).toHaveLength(15);
  expect(regs.every((r) => r.status === "confirmed" && r.attendedAt)).toBe(true);
  expect((await prisma.activity.findUniqueOrThrow({ where: { id: activity.id } })).confirmedCount).toBe(15);
});
