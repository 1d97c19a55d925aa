// signUp reads what it decides on in one raw statement and inserts the registration by raw SQL
// (issue #13 item 6): the rows it writes, the facts it reads (migrant, member, questions) and the
// parallel re-sign-up of a cancelled registration, which the unique index cannot guard.
import { expect, test } from "vitest";
import { cancelRegistration, signUp } from "~/domain/activities/registration.server";
import { createUser } from "~/seed/factories.server";
import { prisma } from "~/utils/db.server";
import { RuleError } from "~/utils/rule-error";
import { makeActivity, makeCenter, makeUsers } from "./helpers";

const refusal = (promise: Promise<unknown>) =>
  promise.then(
    () => null,
    (error: unknown) => (error instanceof RuleError ? error.key : error),
  );

test("a first sign-up writes a complete registration row and a funnel event with the worker's migrant flag", async () => {
  const { center } = await makeCenter();
  const activity = await makeActivity(center, { capacity: 1 });
  const [migrant] = await makeUsers(1, { isMigrant: true });
  const [other] = await makeUsers(1);
  const before = Date.now();

  const first = await signUp({ activityId: activity.id, userId: migrant.id, answers: {} });
  const second = await signUp({ activityId: activity.id, userId: other.id, answers: {} });
  expect([first.status, second.status]).toEqual(["confirmed", "waitlisted"]);

  const row = await prisma.registration.findUniqueOrThrow({ where: { id: first.registrationId } });
  expect(row).toMatchObject({ activityId: activity.id, userId: migrant.id, status: "confirmed", walkIn: false });
  expect(row.waitlistSeq).toBeNull();
  expect(row.answers).toBe("{}");
  expect(row.checkinCode).toMatch(/^[A-HJKMNP-Z2-9]{6}$/);
  expect(row.createdAt.getTime()).toBeGreaterThanOrEqual(before - 1000);
  expect(row.updatedAt.getTime()).toBe(row.createdAt.getTime());
  const queued = await prisma.registration.findUniqueOrThrow({ where: { id: second.registrationId } });
  expect(queued.waitlistSeq).toBe(1);

  const events = await prisma.funnelEvent.findMany({
    where: { activityId: activity.id },
    select: { step: true, userId: true, isMigrant: true },
    orderBy: { step: "asc" },
  });
  expect(events).toEqual([
    { step: "signup", userId: migrant.id, isMigrant: true },
    { step: "waitlist", userId: other.id, isMigrant: false },
  ]);
});

test("members-only, required questions and answers are checked from the one read", async () => {
  const { center } = await makeCenter();
  const members = await makeActivity(center, { eligibility: "members" });
  const asked = await makeActivity(center, {
    questions: [
      { kind: "single", label: "尺码", options: ["S", "M"], required: true },
      { kind: "text", label: "备注" },
    ],
  });
  const worker = await createUser({ email: null });
  expect(await refusal(signUp({ activityId: members.id, userId: worker.id, answers: {} }))).toBe(
    "activities.signup.membersOnly",
  );
  expect(await refusal(signUp({ activityId: "no-such-activity", userId: worker.id, answers: {} }))).toBe(
    "activities.signup.notFound",
  );
  const [size, note] = asked.questions;
  const missing = await signUp({ activityId: asked.id, userId: worker.id, answers: {} }).catch((e: unknown) => e);
  expect(missing).toBeInstanceOf(RuleError);
  expect((missing as RuleError).fieldErrors).toEqual({ [`q_${size.id}`]: ["validation.required"] });

  const ok = await signUp({
    activityId: asked.id,
    userId: worker.id,
    answers: { [size.id]: "M", [note.id]: " 素食 " },
  });
  const row = await prisma.registration.findUniqueOrThrow({ where: { id: ok.registrationId } });
  expect(JSON.parse(row.answers)).toEqual({ [size.id]: "M", [note.id]: "素食" });
});

test("five parallel sign-ups again after a cancellation take one seat, and reuse the registration", async () => {
  const { center } = await makeCenter();
  const activity = await makeActivity(center, { capacity: 3 });
  const [u] = await makeUsers(1);
  const first = await signUp({ activityId: activity.id, userId: u.id, answers: {} });
  await cancelRegistration({ activityId: activity.id, userId: u.id });

  const again = await Promise.all(
    Array.from({ length: 5 }, () => signUp({ activityId: activity.id, userId: u.id, answers: {} })),
  );
  expect(new Set(again.map((r) => r.registrationId))).toEqual(new Set([first.registrationId]));
  expect(again.filter((r) => !r.alreadyRegistered)).toHaveLength(1);
  expect(await prisma.registration.count({ where: { activityId: activity.id } })).toBe(1);
  const a = await prisma.activity.findUniqueOrThrow({ where: { id: activity.id } });
  expect([a.confirmedCount, a.waitlistCount]).toEqual([1, 0]);
});
