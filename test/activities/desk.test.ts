// The desk's rules at request level (issue #12 items 4–6): approval mode (and parallel approvals
// for the last seat), promote/remove with a reason, message all, change notices, the .ics file
// read back by a real iCalendar parser.
import ICAL from "ical.js";
import { afterAll, beforeAll, expect, test } from "vitest";
import { signUp } from "~/domain/activities/registration.server";
import { prisma } from "~/utils/db.server";
import { getPage, postForm, sessionCookieFor, startServer, type TestServer } from "../helpers/server";
import { makeActivity, makeCenter, makeUsers } from "./helpers";

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server.close());

const EN = { "Accept-Language": "en" };
const notificationsOf = (userId: string, kind: string) => prisma.notification.findMany({ where: { userId, kind } });

test("approval mode: sign-ups wait as pending without a seat; parallel approvals of the last seat give it to exactly one", async () => {
  const { center, staff } = await makeCenter("审核");
  const activity = await makeActivity(center, { capacity: 1, waitlistEnabled: false, approvalRequired: true });
  const workers = await makeUsers(6);
  for (const w of workers) {
    const result = await signUp({ activityId: activity.id, userId: w.id, answers: {} });
    expect(result.status).toBe("pending");
  }
  const counters = await prisma.activity.findUniqueOrThrow({ where: { id: activity.id } });
  expect([counters.confirmedCount, counters.waitlistCount]).toEqual([0, 0]);

  const cookie = await sessionCookieFor(staff.id);
  const regs = await prisma.registration.findMany({ where: { activityId: activity.id } });
  const answers = await Promise.all(
    regs.map((r) =>
      postForm(
        server,
        `/center/activities/${activity.id}/attendees`,
        { intent: "approve", registrationId: r.id },
        { cookie, headers: EN },
      ),
    ),
  );
  expect(answers.map((a) => a.status).sort()).toEqual([200, 409, 409, 409, 409, 409]);
  const refused = answers.find((a) => a.status === 409)!;
  expect(await refused.text()).toContain("The activity is full and has no waiting list");
  const after = await prisma.registration.groupBy({
    by: ["status"],
    where: { activityId: activity.id },
    _count: { _all: true },
  });
  expect(Object.fromEntries(after.map((g) => [g.status, g._count._all]))).toEqual({ confirmed: 1, pending: 5 });
  expect((await prisma.activity.findUniqueOrThrow({ where: { id: activity.id } })).confirmedCount).toBe(1);
  const approved = await prisma.registration.findFirstOrThrow({
    where: { activityId: activity.id, status: "confirmed" },
  });
  expect(await notificationsOf(approved.userId, "desk.notify.approved")).toHaveLength(1);
  expect(
    await prisma.auditLog.count({
      where: { action: "registration.approve", entityId: approved.id, actorId: staff.id },
    }),
  ).toBe(1);

  // Declining needs a reason; the worker is told it.
  const pending = regs.find((r) => r.id !== approved.id)!;
  const step = `/center/activities/${activity.id}/attendees/${pending.id}?do=decline`;
  const noReason = await postForm(server, step, { intent: "decline", reason: " " }, { cookie, headers: EN });
  expect(noReason.status).toBe(400);
  expect(await noReason.text()).toContain("This field is required");
  const declined = await postForm(server, step, { intent: "decline", reason: "名额留给本单位职工" }, { cookie });
  expect(declined.status).toBe(302);
  expect((await prisma.registration.findUniqueOrThrow({ where: { id: pending.id } })).status).toBe("declined");
  const [told] = await notificationsOf(pending.userId, "desk.notify.declined");
  expect(JSON.parse(told.params)).toMatchObject({ reason: "名额留给本单位职工" });
});

test("a pending sign-up cancelled by the worker frees nothing; staff of another center can neither see nor decide it", async () => {
  const { center } = await makeCenter("撤回审核");
  const other = await makeCenter("外中心");
  const activity = await makeActivity(center, { capacity: 2, approvalRequired: true });
  const [worker] = await makeUsers(1);
  await signUp({ activityId: activity.id, userId: worker.id, answers: {} });
  const reg = await prisma.registration.findFirstOrThrow({ where: { activityId: activity.id } });
  const cookie = await sessionCookieFor(other.staff.id);
  expect((await getPage(server, `/center/activities/${activity.id}/attendees`, { cookie })).status).toBe(403);
  const step = `/center/activities/${activity.id}/attendees/${reg.id}?do=decline`;
  expect((await postForm(server, step, { intent: "decline", reason: "无权" }, { cookie })).status).toBe(403);
  expect((await prisma.registration.findUniqueOrThrow({ where: { id: reg.id } })).status).toBe("pending");

  const cancelled = await postForm(
    server,
    `/activities/${activity.id}/registration`,
    {},
    {
      cookie: await sessionCookieFor(worker.id),
    },
  );
  expect(cancelled.status).toBe(302);
  expect((await prisma.registration.findUniqueOrThrow({ where: { id: reg.id } })).status).toBe("cancelled");
  const counters = await prisma.activity.findUniqueOrThrow({ where: { id: activity.id } });
  expect([counters.confirmedCount, counters.waitlistCount]).toEqual([0, 0]);
});

test("with a waiting list, approving a full activity queues the worker in order", async () => {
  const { center, staff } = await makeCenter("候补审核");
  const activity = await makeActivity(center, { capacity: 1, approvalRequired: true });
  const [a, b] = await makeUsers(2);
  for (const w of [a, b]) await signUp({ activityId: activity.id, userId: w.id, answers: {} });
  const cookie = await sessionCookieFor(staff.id);
  for (const w of [a, b]) {
    const reg = await prisma.registration.findFirstOrThrow({ where: { activityId: activity.id, userId: w.id } });
    const res = await postForm(
      server,
      `/center/activities/${activity.id}/attendees`,
      { intent: "approve", registrationId: reg.id },
      { cookie },
    );
    expect(res.status).toBe(200);
  }
  const rows = await prisma.registration.findMany({ where: { activityId: activity.id } });
  // In the order of approval (two sign-ups may share a creation time).
  const byUser = (id: string) => rows.find((r) => r.userId === id)!;
  expect([a, b].map((w) => [byUser(w.id).status, byUser(w.id).waitlistSeq])).toEqual([
    ["confirmed", null],
    ["waitlisted", 1],
  ]);
  expect(await notificationsOf(b.id, "desk.notify.approvedWaitlisted")).toHaveLength(1);
});

test("staff promote from the waiting list and remove with a reason: audited, the worker told, the freed seat filled", async () => {
  const { center, staff } = await makeCenter("名单");
  const activity = await makeActivity(center, { capacity: 1 });
  const [first, second, third] = await makeUsers(3);
  for (const w of [first, second, third]) await signUp({ activityId: activity.id, userId: w.id, answers: {} });
  const cookie = await sessionCookieFor(staff.id);
  const regOf = (userId: string) =>
    prisma.registration.findFirstOrThrow({ where: { activityId: activity.id, userId } });

  // The list shows the waiting list in order.
  const list = await getPage(server, `/center/activities/${activity.id}/attendees?show=waitlisted`, { cookie });
  expect(list.status).toBe(200);
  const page = await list.text();
  expect(page.indexOf("候补第 1 位")).toBeGreaterThan(0);
  expect(page.indexOf("候补第 1 位")).toBeLessThan(page.indexOf("候补第 2 位"));

  const third0 = await regOf(third.id);
  const promoted = await postForm(
    server,
    `/center/activities/${activity.id}/attendees/${third0.id}?do=promote`,
    { intent: "promote", reason: "残疾职工优先" },
    { cookie },
  );
  expect(promoted.status).toBe(302);
  expect((await regOf(third.id)).status).toBe("confirmed");
  expect(await notificationsOf(third.id, "activities.notify.promoted")).toHaveLength(1);
  const log = await prisma.auditLog.findFirstOrThrow({
    where: { action: "registration.promote", entityId: third0.id },
  });
  expect(JSON.parse(log.after!)).toMatchObject({ reason: "残疾职工优先" });

  // Removing the first frees a seat; with two confirmed in one seat (the promotion went beyond it), nobody moves up.
  const first0 = await regOf(first.id);
  const removed = await postForm(
    server,
    `/center/activities/${activity.id}/attendees/${first0.id}?do=remove`,
    { intent: "remove", reason: "重复报名" },
    { cookie },
  );
  expect(removed.status).toBe(302);
  expect((await regOf(first.id)).status).toBe("cancelled");
  expect((await regOf(second.id)).status).toBe("waitlisted");
  // Removing the promoted one too frees the one seat: the queue's first moves up.
  await postForm(
    server,
    `/center/activities/${activity.id}/attendees/${third0.id}?do=remove`,
    { intent: "remove", reason: "本人电话告知不来" },
    { cookie },
  );
  expect((await regOf(second.id)).status).toBe("confirmed");
  const [told] = await notificationsOf(third.id, "desk.notify.removed");
  expect(JSON.parse(told.params)).toMatchObject({ reason: "本人电话告知不来" });
  const counters = await prisma.activity.findUniqueOrThrow({ where: { id: activity.id } });
  expect([counters.confirmedCount, counters.waitlistCount]).toEqual([1, 0]);
});

test("message all reaches everyone registered (not the cancelled); staff of another center may not send it", async () => {
  const { center, staff } = await makeCenter("群发");
  const other = await makeCenter("别的");
  const activity = await makeActivity(center, { capacity: 1 });
  const [seat, queued, gone] = await makeUsers(3);
  for (const w of [seat, queued, gone]) await signUp({ activityId: activity.id, userId: w.id, answers: {} });
  await prisma.registration.updateMany({
    where: { activityId: activity.id, userId: gone.id },
    data: { status: "cancelled" },
  });
  const url = `/center/activities/${activity.id}/attendees`;

  const foreign = await postForm(
    server,
    url,
    { intent: "message", text: "你好" },
    { cookie: await sessionCookieFor(other.staff.id) },
  );
  expect(foreign.status).toBe(403);
  const cookie = await sessionCookieFor(staff.id);
  const empty = await postForm(server, url, { intent: "message", text: "  " }, { cookie, headers: EN });
  expect(empty.status).toBe(400);
  expect(await empty.text()).toContain("This field is required");
  const sent = await postForm(server, url, { intent: "message", text: "请带运动鞋" }, { cookie, headers: EN });
  expect(sent.status).toBe(200);
  expect(await sent.text()).toContain("Message sent to 2 people.");
  for (const w of [seat, queued]) expect(await notificationsOf(w.id, "desk.notify.message")).toHaveLength(1);
  expect(await notificationsOf(gone.id, "desk.notify.message")).toHaveLength(0);
});

test("moving a published activity's time or place tells its registrants; other edits do not", async () => {
  const { center, staff } = await makeCenter("改期");
  const made = await makeActivity(center);
  // Whole minutes, as the form saves them: an unchanged time must compare equal.
  const minute = (d: Date) => new Date(Math.floor(d.getTime() / 60_000) * 60_000);
  const activity = await prisma.activity.update({
    where: { id: made.id },
    data: {
      startsAt: minute(made.startsAt),
      endsAt: minute(made.endsAt),
      signupOpensAt: minute(made.signupOpensAt),
      signupClosesAt: minute(made.signupClosesAt),
    },
  });
  const [worker] = await makeUsers(1);
  await signUp({ activityId: activity.id, userId: worker.id, answers: {} });
  const cookie = await sessionCookieFor(staff.id);
  const local = (d: Date) => new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 16);
  const form = (overrides: Record<string, string>) => {
    const f = new FormData();
    const fields = {
      title: activity.title,
      description: activity.description,
      category: activity.category,
      address: activity.address,
      centerId: center.id,
      startsAt: local(activity.startsAt),
      endsAt: local(activity.endsAt),
      signupOpensAt: local(activity.signupOpensAt),
      signupClosesAt: local(activity.signupClosesAt),
      capacity: String(activity.capacity),
      waitlistEnabled: "on",
      eligibility: "all",
      ...overrides,
    };
    for (const [k, v] of Object.entries(fields)) f.append(k, v);
    return f;
  };
  const save = (overrides: Record<string, string>) =>
    postForm(server, `/center/activities/${activity.id}`, form(overrides), { cookie });
  expect((await save({ title: "新标题" })).status).toBe(302);
  expect(await notificationsOf(worker.id, "desk.notify.changed")).toHaveLength(0);
  expect((await save({ title: "新标题", address: "新地址 2 号" })).status).toBe(302);
  expect(await notificationsOf(worker.id, "desk.notify.changed")).toHaveLength(1);
});

test("the .ics of a cancelled activity parses with STATUS:CANCELLED, a plain-text description and lines of at most 75 octets", async () => {
  const { center } = await makeCenter("日历");
  const title = "临汾市第二届职工文化艺术节开幕式暨“劳动创造幸福”主题文艺汇演（浮山县分会场）";
  const activity = await makeActivity(center, { title, status: "cancelled" });
  await prisma.activity.update({
    where: { id: activity.id },
    data: {
      description:
        "## 活动安排\n\n**上午**：开幕式；下午：*文艺汇演*，详见 [通知](https://example.org/a)。\n\n- 带好工牌\n- 提前 10 分钟到场",
    },
  });
  const res = await getPage(server, `/activities/${activity.id}/calendar.ics`);
  expect(res.status).toBe(200);
  const body = await res.text();
  for (const line of body.split("\r\n")) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
  const event = new ICAL.Component(ICAL.parse(body)).getFirstSubcomponent("vevent")!;
  expect(event.getFirstPropertyValue("status")).toBe("CANCELLED");
  expect(event.getFirstPropertyValue("summary")).toBe(title);
  const description = String(event.getFirstPropertyValue("description"));
  expect(description).toContain("活动安排");
  expect(description).toContain("上午：开幕式；下午：文艺汇演，详见 通知。");
  expect(description).toContain("• 带好工牌");
  expect(description).not.toMatch(/[*#[\]]|<\w/);
  const start = event.getFirstPropertyValue("dtstart") as ICAL.Time;
  expect(start.toJSDate().getTime()).toBe(activity.startsAt.getTime() - (activity.startsAt.getTime() % 1000));

  // A published one says CONFIRMED.
  const live = await makeActivity(center);
  const liveEvent = new ICAL.Component(
    ICAL.parse(await (await getPage(server, `/activities/${live.id}/calendar.ics`)).text()),
  ).getFirstSubcomponent("vevent")!;
  expect(liveEvent.getFirstPropertyValue("status")).toBe("CONFIRMED");
});
