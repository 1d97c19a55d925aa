import { expect, test } from "vitest";
import { cancelActivity, updateActivity } from "~/domain/activities/manage.server";
import { cancelRegistration, signUp, waitlistPosition } from "~/domain/activities/registration.server";
import { prisma } from "~/utils/db.server";
import { RuleError } from "~/utils/rule-error";
import { toLocalDateTimeInput } from "~/utils/time";
import { makeActivity, makeCenter, makeUsers } from "./helpers";

const regOf = (activityId: string, userId: string) =>
  prisma.registration.findUniqueOrThrow({ where: { activityId_userId: { activityId, userId } } });

test("seats go to the first sign-ups; the rest wait in order and the counters match the rows", async () => {
  const { center } = await makeCenter();
  const activity = await makeActivity(center, { capacity: 2 });
  const users = await makeUsers(4);
  const results = [];
  for (const u of users) results.push(await signUp({ activityId: activity.id, userId: u.id, answers: {} }));
  expect(results.map((r) => r.status)).toEqual(["confirmed", "confirmed", "waitlisted", "waitlisted"]);
  const positions = await Promise.all(
    users.slice(2).map(async (u) => waitlistPosition(activity.id, (await regOf(activity.id, u.id)).waitlistSeq)),
  );
  expect(positions).toEqual([1, 2]);
  const a = await prisma.activity.findUniqueOrThrow({ where: { id: activity.id } });
  expect([a.confirmedCount, a.waitlistCount]).toEqual([2, 2]);
});

test("signing up twice is one registration", async () => {
  const { center } = await makeCenter();
  const activity = await makeActivity(center, { capacity: 5 });
  const [u] = await makeUsers(1);
  const first = await signUp({ activityId: activity.id, userId: u.id, answers: {} });
  const again = await signUp({ activityId: activity.id, userId: u.id, answers: {} });
  expect(again.registrationId === first.registrationId && again.alreadyRegistered).toBe(true);
  expect(await prisma.registration.count({ where: { activityId: activity.id } })).toBe(1);
  expect((await prisma.activity.findUniqueOrThrow({ where: { id: activity.id } })).confirmedCount).toBe(1);
});

test("when a confirmed worker cancels, the first on the waiting list gets the seat at once and is notified", async () => {
  const { center } = await makeCenter();
  const activity = await makeActivity(center, { capacity: 1, title: "太极拳体验课" });
  const [a, b, c] = await makeUsers(3);
  for (const u of [a, b, c]) await signUp({ activityId: activity.id, userId: u.id, answers: {} });
  await cancelRegistration({ activityId: activity.id, userId: a.id });
  expect((await regOf(activity.id, a.id)).status).toBe("cancelled");
  const promoted = await regOf(activity.id, b.id);
  expect(promoted.status).toBe("confirmed");
  expect(promoted.promotedAt).not.toBeNull();
  expect(await waitlistPosition(activity.id, (await regOf(activity.id, c.id)).waitlistSeq)).toBe(1);
  const note = await prisma.notification.findFirstOrThrow({ where: { userId: b.id } });
  expect(note.kind).toBe("activities.notify.promoted");
  expect(JSON.parse(note.params).title).toBe("太极拳体验课");
  const counts = await prisma.activity.findUniqueOrThrow({ where: { id: activity.id } });
  expect([counts.confirmedCount, counts.waitlistCount]).toEqual([1, 1]);
  expect(await prisma.notification.count({ where: { userId: c.id } })).toBe(0);
});

test("a waitlisted worker who cancels leaves the queue; a cancelled worker who signs up again goes to the back", async () => {
  const { center } = await makeCenter();
  const activity = await makeActivity(center, { capacity: 1 });
  const [a, b, c] = await makeUsers(3);
  for (const u of [a, b, c]) await signUp({ activityId: activity.id, userId: u.id, answers: {} });
  await cancelRegistration({ activityId: activity.id, userId: b.id });
  expect(await waitlistPosition(activity.id, (await regOf(activity.id, c.id)).waitlistSeq)).toBe(1);
  const again = await signUp({ activityId: activity.id, userId: b.id, answers: {} });
  expect(again.status).toBe("waitlisted");
  expect(await waitlistPosition(activity.id, (await regOf(activity.id, b.id)).waitlistSeq)).toBe(2);
  expect(await prisma.registration.count({ where: { activityId: activity.id } })).toBe(3);
  expect((await prisma.activity.findUniqueOrThrow({ where: { id: activity.id } })).waitlistCount).toBe(2);
});

test("sign-up is refused outside the window, when cancelled, for non-members at members-only activities, and when full without a waiting list", async () => {
  const { center } = await makeCenter();
  const [u] = await makeUsers(1);
  const day = 24 * 3600_000;
  const cases: [Parameters<typeof makeActivity>[1], string][] = [
    [{ signupOpensAt: new Date(Date.now() + day) }, "activities.signup.notOpen"],
    [
      { signupOpensAt: new Date(Date.now() - 2 * day), signupClosesAt: new Date(Date.now() - day) },
      "activities.signup.closed",
    ],
    [{ status: "cancelled" }, "activities.signup.cancelled"],
    [{ eligibility: "members" }, "activities.signup.membersOnly"],
    [{ status: "draft" }, "activities.signup.notFound"],
  ];
  for (const [input, error] of cases) {
    const activity = await makeActivity(center, input);
    await expect(signUp({ activityId: activity.id, userId: u.id, answers: {} })).rejects.toMatchObject({ key: error });
  }
  const full = await makeActivity(center, { capacity: 1, waitlistEnabled: false });
  const [first] = await makeUsers(1);
  await signUp({ activityId: full.id, userId: first.id, answers: {} });
  await expect(signUp({ activityId: full.id, userId: u.id, answers: {} })).rejects.toMatchObject({
    key: "activities.signup.full",
    status: 409,
  });
  expect(await prisma.registration.count({ where: { userId: u.id } })).toBe(0);
});

test("a member may sign up to a members-only activity", async () => {
  const { center, county } = await makeCenter();
  const activity = await makeActivity(center, { eligibility: "members" });
  const [u] = await makeUsers(1);
  await prisma.membership.create({
    data: { userId: u.id, unionId: county.id, number: `T${u.id}`, since: new Date(), verifyToken: `v-${u.id}` },
  });
  const result = await signUp({ activityId: activity.id, userId: u.id, answers: {} });
  expect(result.status).toBe("confirmed");
});

test("answers are checked against the questions: required, allowed choices; nothing is written when they are wrong", async () => {
  const { center } = await makeCenter();
  const activity = await makeActivity(center, {
    questions: [
      { kind: "text", label: "工作单位", required: true },
      { kind: "single", label: "组别", options: ["男子组", "女子组"], required: true },
      { kind: "multiple", label: "可参加时段", options: ["上午", "下午"] },
    ],
  });
  const [q1, q2, q3] = activity.questions;
  const [u] = await makeUsers(1);
  const bad = signUp({
    activityId: activity.id,
    userId: u.id,
    answers: { [q2.id]: "混合组", [q3.id]: ["上午", "晚上"] },
  });
  await expect(bad).rejects.toBeInstanceOf(RuleError);
  expect(((await bad.catch((error: unknown) => error)) as RuleError).fieldErrors).toEqual({
    [`q_${q1.id}`]: ["validation.required"],
    [`q_${q2.id}`]: ["validation.invalidChoice"],
    [`q_${q3.id}`]: ["validation.invalidChoice"],
  });
  expect(await prisma.registration.count({ where: { activityId: activity.id } })).toBe(0);
  const good = await signUp({
    activityId: activity.id,
    userId: u.id,
    answers: { [q1.id]: "浮山建筑", [q2.id]: "女子组", [q3.id]: ["上午", "下午"] },
  });
  expect(good.alreadyRegistered).toBe(false);
  expect(JSON.parse((await regOf(activity.id, u.id)).answers)).toEqual({
    [q1.id]: "浮山建筑",
    [q2.id]: "女子组",
    [q3.id]: ["上午", "下午"],
  });
});

test("sign-ups are funnel steps carrying their source and the worker's migrant status", async () => {
  const { center } = await makeCenter();
  const activity = await makeActivity(center, { capacity: 1, category: "skills_training" });
  const [a, b] = await makeUsers(2, { isMigrant: true });
  await signUp({ activityId: activity.id, userId: a.id, answers: {} });
  await signUp({ activityId: activity.id, userId: b.id, answers: {} });
  await signUp({ activityId: activity.id, userId: a.id, answers: {} });
  const events = await prisma.funnelEvent.findMany({ where: { activityId: activity.id }, orderBy: { id: "asc" } });
  expect(events.map((e) => [e.step, e.userId])).toEqual([
    ["signup", a.id],
    ["waitlist", b.id],
  ]);
  expect(events[0]).toMatchObject({
    sourceType: "activity",
    centerId: center.id,
    countyId: center.countyId,
    category: "skills_training",
    isMigrant: true,
  });
});

test("cancelling an activity notifies everyone holding a seat or a place in the queue, but not those who had cancelled", async () => {
  const { center } = await makeCenter();
  const activity = await makeActivity(center, { capacity: 1 });
  const [a, b, c] = await makeUsers(3);
  for (const u of [a, b, c]) await signUp({ activityId: activity.id, userId: u.id, answers: {} });
  await cancelRegistration({ activityId: activity.id, userId: c.id });
  expect(await cancelActivity(activity.id)).toBe(2);
  const kinds = await prisma.notification.findMany({
    where: { kind: "activities.notify.cancelled" },
    select: { userId: true },
  });
  expect(kinds.map((n) => n.userId).sort()).toEqual([a.id, b.id].sort());
  const [late] = await makeUsers(1);
  await expect(signUp({ activityId: activity.id, userId: late.id, answers: {} })).rejects.toMatchObject({
    key: "activities.signup.cancelled",
  });
});

test("raising the capacity moves waitlisted workers into the new seats", async () => {
  const { center } = await makeCenter();
  const activity = await makeActivity(center, { capacity: 1 });
  const users = await makeUsers(3);
  for (const u of users) await signUp({ activityId: activity.id, userId: u.id, answers: {} });
  await updateActivity(
    activity.id,
    {
      title: activity.title,
      description: activity.description,
      category: "sports_culture",
      address: activity.address,
      centerId: center.id,
      startsAt: toLocalDateTimeInput(activity.startsAt),
      endsAt: toLocalDateTimeInput(activity.endsAt),
      signupOpensAt: toLocalDateTimeInput(activity.signupOpensAt),
      signupClosesAt: toLocalDateTimeInput(activity.signupClosesAt),
      capacity: 2,
      waitlistEnabled: true,
      approvalRequired: false,
      eligibility: "all",
      questions: [],
    },
    null,
  );
  expect((await regOf(activity.id, users[1].id)).status).toBe("confirmed");
  expect((await regOf(activity.id, users[2].id)).status).toBe("waitlisted");
  const a = await prisma.activity.findUniqueOrThrow({ where: { id: activity.id } });
  expect([a.confirmedCount, a.waitlistCount]).toEqual([2, 1]);
});

test("a registration cannot be cancelled once the activity has started", async () => {
  const { center } = await makeCenter();
  const activity = await makeActivity(center, { capacity: 1 });
  const [a, b] = await makeUsers(2);
  await signUp({ activityId: activity.id, userId: a.id, answers: {} });
  await signUp({ activityId: activity.id, userId: b.id, answers: {} });
  const later = new Date(activity.startsAt.getTime() + 60_000);
  await expect(cancelRegistration({ activityId: activity.id, userId: a.id, now: later })).rejects.toMatchObject({
    key: "activities.cancel.started",
  });
  expect((await regOf(activity.id, a.id)).status).toBe("confirmed");
  expect((await regOf(activity.id, b.id)).status).toBe("waitlisted");
});
