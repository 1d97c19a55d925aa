// Issue #10: signed in, a new password needs the current one or a fresh code and ends the other
// sessions; the log-in phone and e-mail change only to an address just proven (the profile no
// longer sets them, so nobody can put another person's e-mail on their account).
import { afterAll, beforeAll, expect, test } from "vitest";
import { createUser, DEFAULT_PASSWORD } from "~/seed/factories.server";
import { prisma } from "~/utils/db.server";
import { getPage, postForm, sessionCookieFor, startServer, type TestServer } from "../helpers/server";
import { freshPhone, lastCode, lastMessage, wrongCode } from "./helpers";

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server.close());

const security = (cookie: string, fields: Record<string, string>) =>
  postForm(server, "/me/security", fields, { cookie });
const signedIn = async (cookie: string) => (await getPage(server, "/me/profile", { cookie })).status === 200;

test("change password with the current password: other sessions end, this one stays", async () => {
  const user = await createUser({ phone: freshPhone() });
  const [mine, other] = [await sessionCookieFor(user.id), await sessionCookieFor(user.id)];
  const change = (currentPassword: string) =>
    security(mine, {
      intent: "changePassword",
      currentPassword,
      password: "Changed123",
      confirmPassword: "Changed123",
    });

  const wrong = await change("not-my-password1");
  expect(wrong.status).toBe(400);
  expect(await wrong.text()).toContain("当前密码不正确");
  const none = await security(mine, {
    intent: "changePassword",
    password: "Changed123",
    confirmPassword: "Changed123",
  });
  expect(none.status).toBe(400);
  expect(await none.text()).toContain("请填写当前密码或验证码");
  expect(await signedIn(other)).toBe(true);

  const ok = await change(DEFAULT_PASSWORD);
  expect(ok.status).toBe(200);
  expect(await ok.text()).toContain("密码已修改，其他设备上的登录已退出");
  expect(await signedIn(mine)).toBe(true);
  expect(await signedIn(other)).toBe(false);
  expect((await postForm(server, "/login", { identifier: user.phone!, password: "Changed123" })).status).toBe(302);
});

test("change password with a fresh code sent to the account's phone", async () => {
  const user = await createUser({ phone: freshPhone() });
  const [mine, other] = [await sessionCookieFor(user.id), await sessionCookieFor(user.id)];
  expect((await security(mine, { intent: "sendPasswordCode" })).status).toBe(200);
  expect(await lastMessage(user.phone!)).toMatchObject({ kind: "code.reset", userId: user.id });
  const code = await lastCode(user.phone!);
  const ok = await security(mine, {
    intent: "changePassword",
    code,
    password: "ByCode2026",
    confirmPassword: "ByCode2026",
  });
  expect(ok.status).toBe(200);
  expect(await signedIn(other)).toBe(false);
  expect(await signedIn(mine)).toBe(true);
  expect((await postForm(server, "/login", { identifier: user.phone!, password: "ByCode2026" })).status).toBe(302);
});

test("change phone: only with the code sent to the new number; a taken number is refused; the profile cannot set it", async () => {
  const user = await createUser({ phone: freshPhone() });
  const cookie = await sessionCookieFor(user.id);
  const next = freshPhone();

  // The old hole: the profile form no longer changes the phone or e-mail.
  const other = await createUser({ phone: freshPhone(), email: `victim-${Date.now()}@example.test` });
  await postForm(
    server,
    "/me/profile",
    { name: "改名", isMigrant: "no", phone: next, email: other.email! },
    { cookie },
  );
  expect(await prisma.user.findUniqueOrThrow({ where: { id: user.id } })).toMatchObject({
    name: "改名",
    phone: user.phone,
    email: user.email,
  });

  expect((await security(cookie, { intent: "sendPhoneCode", phone: next })).status).toBe(200);
  expect(await lastMessage(next)).toMatchObject({ kind: "code.changePhone", userId: user.id });
  const code = await lastCode(next);
  const wrong = await security(cookie, { intent: "changePhone", phone: next, code: wrongCode(code) });
  expect(wrong.status).toBe(400);
  expect(await wrong.text()).toContain("验证码不正确");
  // Another account cannot use the code this account asked for.
  const intruder = await sessionCookieFor(other.id);
  expect((await security(intruder, { intent: "changePhone", phone: next, code })).status).toBe(400);
  expect(await prisma.user.findUniqueOrThrow({ where: { id: other.id } })).toMatchObject({ phone: other.phone });

  const ok = await security(cookie, { intent: "changePhone", phone: next, code });
  expect(ok.status).toBe(200);
  expect(await ok.text()).toContain("登录手机号已更换");
  expect(await prisma.user.findUniqueOrThrow({ where: { id: user.id } })).toMatchObject({ phone: next });

  // A number another account uses: its holder proves it, then learns it is taken; nothing changes.
  await security(cookie, { intent: "sendPhoneCode", phone: other.phone! });
  const taken = await security(cookie, {
    intent: "changePhone",
    phone: other.phone!,
    code: await lastCode(other.phone!),
  });
  expect(taken.status).toBe(400);
  expect(await taken.text()).toContain("该手机号已注册");
  expect(await prisma.user.findUniqueOrThrow({ where: { id: user.id } })).toMatchObject({ phone: next });
});

test("change e-mail: it takes effect only when the link sent to it is opened and confirmed; another's e-mail never lands", async () => {
  const user = await createUser({ phone: freshPhone(), email: null });
  const cookie = await sessionCookieFor(user.id);
  const address = `mine-${Date.now()}@example.test`;
  const sent = await security(cookie, { intent: "sendEmailLink", email: address.toUpperCase() });
  expect(sent.status).toBe(200);
  expect(await sent.text()).toContain(`验证链接已发送至 ${address}`);
  expect(await prisma.user.findUniqueOrThrow({ where: { id: user.id } })).toMatchObject({ email: null });
  const mail = await lastMessage(address);
  expect(mail).toMatchObject({ kind: "link.verifyEmail", channel: "email", userId: user.id });
  const path = mail.params.link;

  // Opening the link only asks (a mail scanner's GET changes nothing).
  const page = await getPage(server, path);
  expect(await page.text()).toContain(`将 ${address} 设为您账号的登录邮箱`);
  expect(await prisma.user.findUniqueOrThrow({ where: { id: user.id } })).toMatchObject({ email: null });
  const confirmed = await postForm(server, path, {});
  expect(confirmed.status).toBe(200);
  expect(await confirmed.text()).toContain(`登录邮箱已更换为 ${address}`);
  expect(await prisma.user.findUniqueOrThrow({ where: { id: user.id } })).toMatchObject({ email: address });
  expect((await postForm(server, path, {})).status).toBe(410);

  // Someone else's e-mail: the link goes to its holder; even confirmed, the address stays theirs.
  const other = await createUser({ phone: freshPhone(), email: `owner-${Date.now()}@example.test` });
  await security(cookie, { intent: "sendEmailLink", email: other.email! });
  const theirs = (await lastMessage(other.email!)).params.link;
  const refused = await postForm(server, theirs, {});
  expect(refused.status).toBe(409);
  expect(await refused.text()).toContain("该邮箱已注册");
  expect(await prisma.user.findUniqueOrThrow({ where: { id: user.id } })).toMatchObject({ email: address });

  const bad = await security(cookie, { intent: "sendEmailLink", email: "not-an-email" });
  expect(bad.status).toBe(400);
  expect(await bad.text()).toContain("请输入有效的邮箱地址");
});
