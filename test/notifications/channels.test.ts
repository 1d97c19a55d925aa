// Issue #10 item 5: a notification is written with one outbox row per channel the user wants for
// its kind (defaults per kind, choices saved on /me/notification-settings), a late waiting-list
// promotion goes by SMS whatever was chosen, codes ignore the choices, and admins see and retry
// the outbox within their remit.
import { afterAll, beforeAll, expect, test } from "vitest";
import { cancelRegistration, signUp } from "~/domain/activities/registration.server";
import { deliverDue } from "~/domain/notifications/delivery.server";
import { notify, sendToAddress } from "~/domain/notifications/notify.server";
import { createOrg, createUser, grantRole } from "~/seed/factories.server";
import { prisma } from "~/utils/db.server";
import { makeActivity, makeCenter } from "../activities/helpers";
import { getPage, postForm, sessionCookieFor, startServer, type TestServer } from "../helpers/server";

const HOUR = 3600_000;
let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server.close());

const channelsOf = async (userId: string, kind: string) =>
  (await prisma.outboxMessage.findMany({ where: { userId, kind }, select: { channel: true } }))
    .map((r) => r.channel)
    .sort();

/** Saves the settings page as a browser would: the checked boxes only. */
async function saveSettings(userId: string, checked: string[]) {
  const fields = Object.fromEntries(checked.map((name) => [name, "on"]));
  return postForm(server, "/me/notification-settings", fields, { cookie: await sessionCookieFor(userId) });
}

test("by default sign-up news goes by SMS and e-mail, contest news by e-mail only", async () => {
  const user = await createUser();
  await prisma.$transaction(async (tx) => {
    await notify(tx, user.id, { kind: "activities.notify.cancelled", params: { title: "A" } });
    await notify(tx, user.id, { kind: "contests.notify.idea.adopted", params: { title: "B" } });
  });
  expect(await channelsOf(user.id, "activities.notify.cancelled")).toEqual(["email", "sms"]);
  expect(await channelsOf(user.id, "contests.notify.idea.adopted")).toEqual(["email"]);
  // In-app always.
  expect(await prisma.notification.count({ where: { userId: user.id } })).toBe(2);
  // No e-mail address, no e-mail.
  const phoneOnly = await createUser({ email: null });
  await prisma.$transaction((tx) =>
    notify(tx, phoneOnly.id, { kind: "membership.notify.rejected", params: { reason: "x" } }),
  );
  expect(await channelsOf(phoneOnly.id, "membership.notify.rejected")).toEqual(["sms"]);
});

test("choices saved on the settings page are respected; codes are sent whatever they say", async () => {
  const user = await createUser();
  // Everything off except e-mail for activities.
  const saved = await saveSettings(user.id, ["activities.email"]);
  expect(saved.status).toBe(200);
  const page = await (
    await getPage(server, "/me/notification-settings", { cookie: await sessionCookieFor(user.id) })
  ).text();
  expect(page).toMatch(/name="activities\.email"[^>]*checked/);
  expect(page).not.toMatch(/name="activities\.sms"[^>]*checked/);

  await prisma.$transaction(async (tx) => {
    await notify(tx, user.id, { kind: "activities.notify.cancelled", params: { title: "A" } });
    await notify(tx, user.id, { kind: "membership.notify.approved", params: { number: "1" } });
    await sendToAddress(
      tx,
      { channel: "sms", recipient: user.phone!, locale: "zh-CN", userId: user.id },
      {
        kind: "code.login",
        params: { code: "123456" },
      },
    );
  });
  expect(await channelsOf(user.id, "activities.notify.cancelled")).toEqual(["email"]);
  expect(await channelsOf(user.id, "membership.notify.approved")).toEqual([]);
  expect(await channelsOf(user.id, "code.login")).toEqual(["sms"]);
  expect(await prisma.notification.count({ where: { userId: user.id } })).toBe(2); // in-app is never off
});

test("settings with a value that is not a checkbox's are refused with 400, nothing saved", async () => {
  const user = await createUser();
  const response = await postForm(
    server,
    "/me/notification-settings",
    { "activities.sms": "perhaps" },
    {
      cookie: await sessionCookieFor(user.id),
    },
  );
  expect(response.status).toBe(400);
  expect(await prisma.notificationPreference.count({ where: { userId: user.id } })).toBe(0);
});

test("a waiting-list promotion within 48 hours of the start goes by SMS even with SMS turned off", async () => {
  const { center } = await makeCenter("提醒县");
  const [soon, later] = await Promise.all([
    makeActivity(center, { capacity: 1, startsAt: new Date(Date.now() + 24 * HOUR) }),
    makeActivity(center, { capacity: 1, startsAt: new Date(Date.now() + 5 * 24 * HOUR) }),
  ]);
  const first = await createUser();
  const waiting = await createUser();
  await saveSettings(waiting.id, []); // SMS and e-mail off everywhere
  for (const activity of [soon, later]) {
    await signUp({ activityId: activity.id, userId: first.id, answers: {} });
    await signUp({ activityId: activity.id, userId: waiting.id, answers: {} });
    await cancelRegistration({ activityId: activity.id, userId: first.id });
  }
  const promotions = await prisma.outboxMessage.findMany({
    where: { userId: waiting.id, kind: "activities.notify.promoted" },
    select: { channel: true, params: true },
  });
  expect(promotions).toHaveLength(1);
  expect(promotions[0].channel).toBe("sms");
  expect(JSON.parse(promotions[0].params)).toEqual({ title: soon.title });
  expect(await prisma.notification.count({ where: { userId: waiting.id, kind: "activities.notify.promoted" } })).toBe(
    2,
  );
});

test("admins see the outbox of the people in their remit and can retry a failed message", async () => {
  const city = await createOrg({ kind: "city", name: "测试市总工会" });
  const east = await createOrg({ kind: "county", name: "东县总工会", parentId: city.id });
  const west = await createOrg({ kind: "county", name: "西县总工会", parentId: city.id });
  const [cityAdmin, eastAdmin, worker, westWorker] = await Promise.all([
    createUser(),
    createUser(),
    createUser({ email: null }),
    createUser({ email: null }),
  ]);
  await grantRole(cityAdmin.id, "admin", city.id);
  await grantRole(eastAdmin.id, "admin", east.id);
  await prisma.user.update({ where: { id: worker.id }, data: { countyId: east.id } });
  await prisma.user.update({ where: { id: westWorker.id }, data: { countyId: west.id } });
  // No SMTP and a message that fails for good: an e-mail row with no server configured.
  const failed = await prisma.$transaction((tx) =>
    sendToAddress(
      tx,
      { channel: "email", recipient: "east@example.test", locale: "zh-CN", userId: worker.id },
      {
        kind: "membership.notify.rejected",
        params: { reason: "材料不全" },
      },
    ),
  );
  const westRow = await prisma.$transaction((tx) =>
    sendToAddress(
      tx,
      { channel: "sms", recipient: westWorker.phone!, locale: "zh-CN", userId: westWorker.id },
      {
        kind: "membership.notify.rejected",
        params: { reason: "西县" },
      },
    ),
  );
  delete process.env.SMTP_URL;
  await deliverDue();
  expect((await prisma.outboxMessage.findUniqueOrThrow({ where: { id: failed.id } })).status).toBe("failed");

  const eastCookie = await sessionCookieFor(eastAdmin.id);
  const eastPage = await (await getPage(server, "/admin/outbox?status=failed", { cookie: eastCookie })).text();
  expect(eastPage).toContain("east@example.test");
  expect(eastPage).toContain("SMTP_URL is not set");
  const eastAll = await (await getPage(server, "/admin/outbox", { cookie: eastCookie })).text();
  expect(eastAll).not.toContain(westWorker.phone!);
  // Out of remit: cannot be retried, and nothing is revealed.
  const outOfScope = await postForm(
    server,
    "/admin/outbox",
    { intent: "retry", id: westRow.id },
    { cookie: eastCookie },
  );
  expect(outOfScope.status).toBe(404);

  const cityPage = await (
    await getPage(server, "/admin/outbox", { cookie: await sessionCookieFor(cityAdmin.id) })
  ).text();
  expect(cityPage).toContain(westWorker.phone!);

  // Workers may not look.
  expect((await getPage(server, "/admin/outbox", { cookie: await sessionCookieFor(worker.id) })).status).toBe(403);

  const retried = await postForm(server, "/admin/outbox", { intent: "retry", id: failed.id }, { cookie: eastCookie });
  expect(retried.status).toBe(200);
  const row = await prisma.outboxMessage.findUniqueOrThrow({ where: { id: failed.id } });
  expect(row.status).toBe("pending");
  expect(row.nextAttemptAt.getTime()).toBeLessThanOrEqual(Date.now());
  expect(await prisma.auditLog.count({ where: { action: "outbox.retry", entityId: failed.id } })).toBe(1);
  // A sent message is not retried.
  await deliverDue(); // the outbox adapter "sends" the west SMS
  const again = await postForm(
    server,
    "/admin/outbox",
    { intent: "retry", id: westRow.id },
    {
      cookie: await sessionCookieFor(cityAdmin.id),
    },
  );
  expect(again.status).toBe(409);
});
