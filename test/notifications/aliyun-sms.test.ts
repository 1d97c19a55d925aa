// Issue #10 items 3 and 5: the Aliyun SMS adapter against a local fake of SendSms that checks the
// signature, driven by the real delivery worker: a code is sent with its template and parameters,
// a provider error or timeout leaves the message pending with the failure recorded and retried with
// backoff, a wrong key fails for good, and a sent code's digits are removed from the database.
import { afterAll, afterEach, beforeAll, expect, test } from "vitest";
import { backoffMs, deliverDue, LEASE_MS, MAX_ATTEMPTS } from "~/domain/notifications/delivery.server";
import { sendToAddress } from "~/domain/notifications/notify.server";
import { prisma } from "~/utils/db.server";
import { startFakeAliyun } from "./fake-aliyun";

const KEY_ID = "LTAI-test-key";
const SECRET = "test-secret/with+odd=chars";
let fake: Awaited<ReturnType<typeof startFakeAliyun>>;

beforeAll(async () => {
  fake = await startFakeAliyun(KEY_ID, SECRET);
  Object.assign(process.env, {
    SMS_PROVIDER: "aliyun",
    ALIYUN_SMS_ACCESS_KEY_ID: KEY_ID,
    ALIYUN_SMS_ACCESS_KEY_SECRET: SECRET,
    ALIYUN_SMS_SIGN_NAME: "星光职工",
    ALIYUN_SMS_TEMPLATE_CODE_LOGIN: "SMS_100001",
    ALIYUN_SMS_TEMPLATES: JSON.stringify({ "activities.notify.promoted": "SMS_100002" }),
    ALIYUN_SMS_ENDPOINT: fake.url,
  });
});
afterEach(() => {
  fake.setMode("ok");
  process.env.ALIYUN_SMS_ACCESS_KEY_SECRET = SECRET;
  delete process.env.ALIYUN_SMS_TIMEOUT_MS;
});
afterAll(async () => {
  await fake.close();
  for (const k of Object.keys(process.env))
    if (k.startsWith("ALIYUN_SMS_") || k === "SMS_PROVIDER") delete process.env[k];
});

const queueCode = (phone: string, code = "482913") =>
  prisma.$transaction((tx) =>
    sendToAddress(tx, { channel: "sms", recipient: phone, locale: "zh-CN" }, { kind: "code.login", params: { code } }),
  );
const row = (id: string) => prisma.outboxMessage.findUniqueOrThrow({ where: { id } });

test("a login code goes out signed, with its template and the code as the template's parameter", async () => {
  const message = await queueCode("13900000001");
  const report = await deliverDue();
  expect(report.sent).toBe(1);

  const call = fake.received.at(-1)!;
  expect(call.signatureValid).toBe(true);
  expect(call.query).toMatchObject({
    Action: "SendSms",
    Version: "2017-05-25",
    SignatureMethod: "HMAC-SHA1",
    SignatureVersion: "1.0",
    PhoneNumbers: "13900000001",
    SignName: "星光职工",
    TemplateCode: "SMS_100001",
    OutId: message.id,
  });
  expect(JSON.parse(call.query.TemplateParam)).toEqual({ code: "482913" });

  const sent = await row(message.id);
  expect(sent.status).toBe("sent");
  expect(sent.providerRef).toMatch(/^biz-/);
  expect(sent.params).toBe("{}"); // the code no longer sits in the database
});

test("a provider error is recorded and retried after the backoff; the message is not lost", async () => {
  fake.setMode("throttled");
  const message = await queueCode("13900000002", "111222");
  const now = new Date();
  expect(await deliverDue(now)).toMatchObject({ retrying: 1, sent: 0 });
  let state = await row(message.id);
  expect(state).toMatchObject({ status: "pending", attempts: 1 });
  expect(state.lastError).toContain("isv.BUSINESS_LIMIT_CONTROL");
  expect(state.params).toContain("111222"); // kept for the retry
  expect(state.nextAttemptAt.getTime()).toBe(now.getTime() + backoffMs(1));

  // Not due yet: nothing is sent again before the backoff.
  const calls = fake.received.length;
  await deliverDue(new Date(now.getTime() + backoffMs(1) - 1000));
  expect(fake.received.length).toBe(calls);

  fake.setMode("ok");
  expect(await deliverDue(new Date(now.getTime() + backoffMs(1)))).toMatchObject({ sent: 1 });
  state = await row(message.id);
  expect(state).toMatchObject({ status: "sent", attempts: 2, lastError: null, params: "{}" });
});

test("a provider that does not answer times out, and the message waits for its retry", async () => {
  fake.setMode("hang");
  process.env.ALIYUN_SMS_TIMEOUT_MS = "300";
  const message = await queueCode("13900000003");
  expect(await deliverDue()).toMatchObject({ retrying: 1 });
  const state = await row(message.id);
  expect(state.status).toBe("pending");
  expect(state.lastError).toContain("timed out");
});

test("a wrong access key secret is refused by the signature check and not retried", async () => {
  process.env.ALIYUN_SMS_ACCESS_KEY_SECRET = "not-the-secret";
  const message = await queueCode("13900000004");
  expect(await deliverDue()).toMatchObject({ failed: 1 });
  expect(fake.received.at(-1)!.signatureValid).toBe(false);
  const state = await row(message.id);
  expect(state.status).toBe("failed");
  expect(state.lastError).toContain("SignatureDoesNotMatch");
  expect(state.params).toBe("{}");
});

test("retries are bounded: after the last attempt the message is failed, with its last error", async () => {
  fake.setMode("throttled");
  const message = await prisma.$transaction((tx) =>
    sendToAddress(
      tx,
      { channel: "sms", recipient: "13900000005", locale: "zh-CN" },
      { kind: "activities.notify.promoted", params: { title: "羽毛球赛" } },
    ),
  );
  let now = new Date();
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
    await deliverDue(now);
    now = new Date(now.getTime() + backoffMs(attempt));
  }
  const state = await row(message.id);
  expect(state).toMatchObject({ status: "failed", attempts: MAX_ATTEMPTS });
  expect(state.lastError).toContain("BUSINESS_LIMIT_CONTROL");
  expect(JSON.parse(fake.received.at(-1)!.query.TemplateParam)).toEqual({ title: "羽毛球赛" });
});

test("a kind without a template fails at once with a reason an admin can act on", async () => {
  const message = await prisma.$transaction((tx) =>
    sendToAddress(
      tx,
      { channel: "sms", recipient: "13900000006", locale: "zh-CN" },
      { kind: "activities.notify.cancelled", params: { title: "x" } },
    ),
  );
  await deliverDue();
  const state = await row(message.id);
  expect(state.status).toBe("failed");
  expect(state.lastError).toContain("ALIYUN_SMS_TEMPLATE_ACTIVITIES_NOTIFY_CANCELLED");
});

test("two workers at once send each message once", async () => {
  const before = fake.received.length;
  const messages = await Promise.all(Array.from({ length: 6 }, (_, i) => queueCode(`1380000000${i}`)));
  const reports = await Promise.all([deliverDue(), deliverDue(), deliverDue()]);
  expect(reports.reduce((n, r) => n + r.sent, 0)).toBe(6);
  const phones = fake.received.slice(before).map((c) => c.query.PhoneNumbers);
  expect(phones.sort()).toEqual(messages.map((m) => m.recipient).sort());
});

test("a message left 'sending' by a crashed worker is not sent again within its lease, and is after it", async () => {
  const message = await queueCode("13900000007");
  const now = new Date();
  // As if a worker claimed it and died before marking it (its lease runs to now + LEASE_MS).
  await prisma.outboxMessage.update({
    where: { id: message.id },
    data: { status: "sending", attempts: 1, nextAttemptAt: new Date(now.getTime() + LEASE_MS) },
  });
  const before = fake.received.length;
  await deliverDue(new Date(now.getTime() + LEASE_MS - 1000));
  expect(fake.received.length).toBe(before);
  expect(await deliverDue(new Date(now.getTime() + LEASE_MS))).toMatchObject({ sent: 1 });
  expect(await row(message.id)).toMatchObject({ status: "sent", attempts: 2 });
});
