// Issue #10, item 1: log in with phone + SMS code (the password stays), codes single use and
// bounded in tries even under parallel guesses, the same answer for any number.
import { afterAll, beforeAll, expect, test } from "vitest";
import { MAX_TRIES } from "~/domain/account/codes.server";
import { createUser, DEFAULT_PASSWORD } from "~/seed/factories.server";
import { prisma } from "~/utils/db.server";
import { getPage, postForm, startServer, type TestServer } from "../helpers/server";
import { cookieFrom, freshPhone, lastCode, lastMessage, wrongCode } from "./helpers";

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server.close());

const sendLoginCode = (phone: string, headers: Record<string, string> = {}) =>
  postForm(server, "/login", { intent: "sendCode", phone }, { headers });
const codeLogin = (phone: string, code: string) =>
  postForm(server, "/login", { intent: "codeLogin", phone, code, redirectTo: "/me/activities" });

test("a worker logs in with phone + SMS code; the code works once; the password log-in still works", async () => {
  const user = await createUser({ phone: freshPhone() });
  const sent = await sendLoginCode(user.phone!);
  expect(sent.status).toBe(200);
  expect(await sent.text()).toContain(`验证码已发送至 ${user.phone}`);
  const message = await lastMessage(user.phone!);
  expect(message).toMatchObject({ kind: "code.login", channel: "sms", locale: "zh-CN" });
  // Only a hash is stored.
  const row = await prisma.verificationCode.findFirstOrThrow({ where: { target: user.phone! } });
  expect(row.codeHash).not.toContain(message.params.code);

  const ok = await codeLogin(user.phone!, message.params.code);
  expect(ok.status).toBe(302);
  expect(ok.headers.get("location")).toBe("/me/activities");
  const cookie = cookieFrom(ok)!;
  expect((await getPage(server, "/me/profile", { cookie })).status).toBe(200);

  const again = await codeLogin(user.phone!, message.params.code);
  expect(again.status).toBe(400);
  expect(await again.text()).toContain("验证码已使用");
  expect(cookieFrom(again)).toBeNull();

  const byPassword = await postForm(server, "/login", { identifier: user.phone!, password: DEFAULT_PASSWORD });
  expect(byPassword.status).toBe(302);
});

test("sending a code says the same for a registered and an unknown number; the unknown one cannot log in", async () => {
  const user = await createUser({ phone: freshPhone() });
  const unknown = freshPhone();
  const text = (html: string, phone: string) =>
    (html.match(/如果该号码可以接收短信[^<]*/) ?? [""])[0].replace(phone, "PHONE");
  const a = await sendLoginCode(user.phone!);
  const b = await sendLoginCode(unknown);
  expect([a.status, b.status]).toEqual([200, 200]);
  expect(text(await a.text(), user.phone!)).toBe(text(await b.text(), unknown));
  // Both get a code; proving the unknown number tells its holder there is no account.
  const refused = await codeLogin(unknown, await lastCode(unknown));
  expect(refused.status).toBe(400);
  expect(await refused.text()).toContain("该手机号还没有账号");
  expect(await prisma.user.count({ where: { phone: unknown } })).toBe(0);
});

test("wrong, expired and non-mainland: translated field messages with a 4xx, never a session", async () => {
  const user = await createUser({ phone: freshPhone() });
  await sendLoginCode(user.phone!);
  const code = await lastCode(user.phone!);

  const wrong = await codeLogin(user.phone!, wrongCode(code));
  expect(wrong.status).toBe(400);
  expect(await wrong.text()).toContain("验证码不正确");

  const malformed = await codeLogin(user.phone!, "12ab");
  expect(malformed.status).toBe(400);
  expect(await malformed.text()).toContain("请输入 6 位数字验证码");

  // Expiry without waiting: the row's expiry is moved into the past.
  await prisma.verificationCode.updateMany({
    where: { target: user.phone! },
    data: { expiresAt: new Date(Date.now() - 1000) },
  });
  const expired = await codeLogin(user.phone!, code);
  expect(expired.status).toBe(400);
  expect(await expired.text()).toContain("验证码已过期");

  const hongKong = await sendLoginCode("85291234567", { "Accept-Language": "en" });
  expect(hongKong.status).toBe(400);
  expect(await hongKong.text()).toContain("Enter an 11-digit mainland China mobile number");
  expect(await prisma.outboxMessage.count({ where: { recipient: "85291234567" } })).toBe(0);

  const never = await codeLogin(freshPhone(), "123456");
  expect(never.status).toBe(400);
  expect(await never.text()).toContain("请先获取验证码");
});

test(`30 parallel wrong guesses: at most ${MAX_TRIES} are evaluated, then even the right code is refused`, async () => {
  const user = await createUser({ phone: freshPhone() });
  await sendLoginCode(user.phone!);
  const code = await lastCode(user.phone!);
  const guesses = await Promise.all(
    Array.from({ length: 30 }, () =>
      codeLogin(user.phone!, wrongCode(code)).then(async (r) => [r.status, await r.text()] as const),
    ),
  );
  const evaluated = guesses.filter(([, html]) => html.includes("验证码不正确"));
  const refused = guesses.filter(([status, html]) => status === 429 && html.includes("错误次数过多"));
  expect(evaluated.length).toBeLessThanOrEqual(MAX_TRIES);
  expect(evaluated.length + refused.length).toBe(30);
  const row = await prisma.verificationCode.findFirstOrThrow({ where: { target: user.phone! } });
  expect(row.attempts).toBe(MAX_TRIES);

  const right = await codeLogin(user.phone!, code);
  expect(right.status).toBe(429);
  expect(await right.text()).toContain("错误次数过多");
  expect(cookieFrom(right)).toBeNull();
});

test("sending again within a minute and past the daily cap of a number: 429 with a translated message, nothing sent", async () => {
  const phone = freshPhone();
  expect((await sendLoginCode(phone)).status).toBe(200);
  const soon = await sendLoginCode(phone, { "Accept-Language": "en" });
  expect(soon.status).toBe(429);
  expect(await soon.text()).toContain("you can ask for a new code once a minute");
  expect(await prisma.outboxMessage.count({ where: { recipient: phone } })).toBe(1);

  // The day's earlier sends to another number, as the throttle stores them (10 in the last 24 h).
  const busy = freshPhone();
  const hoursAgo = new Date(Date.now() - 2 * 3600_000);
  await prisma.loginAttempt.createMany({
    data: Array.from({ length: 10 }, () => ({ key: `code:to:${busy}`, success: false, createdAt: hoursAgo })),
  });
  const capped = await sendLoginCode(busy);
  expect(capped.status).toBe(429);
  expect(await capped.text()).toContain("今日发送次数已达上限");
  expect(await prisma.outboxMessage.count({ where: { recipient: busy } })).toBe(0);

  // And per client network: 30 a day from one address, whatever the numbers.
  const ipKey = "code:ip:127.0.0.1";
  const already = await prisma.loginAttempt.count({ where: { key: ipKey } });
  await prisma.loginAttempt.createMany({
    data: Array.from({ length: 30 - already }, () => ({ key: ipKey, success: false, createdAt: hoursAgo })),
  });
  const fromBusyNetwork = await sendLoginCode(freshPhone());
  expect(fromBusyNetwork.status).toBe(429);
  expect(await fromBusyNetwork.text()).toContain("今日发送次数已达上限");
  await prisma.loginAttempt.deleteMany({ where: { key: ipKey } });
});
