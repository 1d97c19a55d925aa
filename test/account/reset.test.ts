// Issue #10: a forgotten password — by SMS code for phone accounts, by an e-mailed link for e-mail
// accounts — sets a new password and ends every session; the answer never says whether an
// address has an account.
import { afterAll, beforeAll, expect, test } from "vitest";
import { createUser, DEFAULT_PASSWORD } from "~/seed/factories.server";
import { prisma } from "~/utils/db.server";
import { getPage, postForm, sessionCookieFor, startServer, type TestServer } from "../helpers/server";
import { cookieFrom, freshPhone, lastCode, lastMessage, wrongCode } from "./helpers";

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server.close());

test("reset by SMS: code, new password, every old session ended, logged in with the new password", async () => {
  const user = await createUser({ phone: freshPhone() });
  const oldCookies = [await sessionCookieFor(user.id), await sessionCookieFor(user.id)];
  const sent = await postForm(server, "/forgot-password", { intent: "send", identifier: user.phone! });
  expect(sent.status).toBe(200);
  expect((await lastMessage(user.phone!)).kind).toBe("code.reset");
  const code = await lastCode(user.phone!);
  const reset = (fields: Record<string, string>) =>
    postForm(server, "/forgot-password", {
      intent: "reset",
      identifier: user.phone!,
      password: "NewSecret9",
      confirmPassword: "NewSecret9",
      ...fields,
    });

  const weak = await reset({ code, password: "short", confirmPassword: "short" });
  expect(weak.status).toBe(400);
  expect(await weak.text()).toContain("密码至少 8 位");
  const wrong = await reset({ code: wrongCode(code) });
  expect(wrong.status).toBe(400);
  expect(await wrong.text()).toContain("验证码不正确");
  expect(await prisma.session.count({ where: { userId: user.id } })).toBe(2);

  const ok = await reset({ code });
  expect(ok.status).toBe(302);
  expect(ok.headers.get("location")).toBe("/me/security?reset=1");
  const fresh = cookieFrom(ok)!;
  for (const cookie of oldCookies) expect((await getPage(server, "/me/profile", { cookie })).status).toBe(302);
  expect(await prisma.session.count({ where: { userId: user.id } })).toBe(1);
  const page = await getPage(server, "/me/security?reset=1", { cookie: fresh });
  expect(await page.text()).toContain("密码已设置，其他设备上的登录已退出");
  expect((await postForm(server, "/login", { identifier: user.phone!, password: DEFAULT_PASSWORD })).status).toBe(401);
  expect((await postForm(server, "/login", { identifier: user.phone!, password: "NewSecret9" })).status).toBe(302);
});

test("reset by e-mail link: the link sets a new password once; an unknown e-mail gets the same answer and no mail", async () => {
  const user = await createUser({ phone: null, email: `reset-${Date.now()}@example.test` });
  const old = await sessionCookieFor(user.id);
  const ask = (identifier: string) =>
    postForm(server, "/forgot-password", { intent: "send", identifier }, { headers: { "Accept-Language": "en" } });
  const known = await ask(user.email!.toUpperCase());
  const unknownEmail = `nobody-${Date.now()}@example.test`;
  const unknown = await ask(unknownEmail);
  expect([known.status, unknown.status]).toEqual([200, 200]);
  const sentence = "If this e-mail belongs to an account, a reset link was sent.";
  expect(await known.text()).toContain(sentence);
  expect(await unknown.text()).toContain(sentence);
  expect(await prisma.outboxMessage.count({ where: { recipient: unknownEmail } })).toBe(0);

  const mail = await lastMessage(user.email!);
  expect(mail).toMatchObject({ kind: "link.resetEmail", channel: "email", locale: "en", userId: user.id });
  const link = { pathname: mail.params.link };
  expect(link.pathname).toMatch(/^\/reset-password\/[\w-]{40,}$/);
  const form = await getPage(server, link.pathname);
  expect(form.status).toBe(200);
  expect(await form.text()).toContain("设置新密码");

  const mismatch = await postForm(server, link.pathname, { password: "MailReset7", confirmPassword: "MailReset8" });
  expect(mismatch.status).toBe(400);
  expect(await mismatch.text()).toContain("两次输入的密码不一致");
  const ok = await postForm(server, link.pathname, {
    password: "MailReset7",
    confirmPassword: "MailReset8".replace("8", "7"),
  });
  expect(ok.status).toBe(302);
  expect(cookieFrom(ok)).not.toBeNull();
  expect((await getPage(server, "/me/profile", { cookie: old })).status).toBe(302);
  expect((await postForm(server, "/login", { identifier: user.email!, password: "MailReset7" })).status).toBe(302);

  // Used once: the link now says so, and posting to it again changes nothing.
  const reused = await getPage(server, link.pathname);
  expect(await reused.text()).toContain("链接无效或已过期");
  const replay = await postForm(server, link.pathname, { password: "Replay1234", confirmPassword: "Replay1234" });
  expect(replay.status).toBe(410);
  expect((await postForm(server, "/login", { identifier: user.email!, password: "Replay1234" })).status).toBe(401);
});

test("an expired reset link is refused", async () => {
  const user = await createUser({ phone: null, email: `expired-${Date.now()}@example.test` });
  await postForm(server, "/forgot-password", { intent: "send", identifier: user.email! });
  const link = { pathname: (await lastMessage(user.email!)).params.link };
  await prisma.verificationCode.updateMany({ where: { target: user.email! }, data: { expiresAt: new Date(0) } });
  const page = await getPage(server, link.pathname);
  expect(await page.text()).toContain("链接无效或已过期");
  const post = await postForm(server, link.pathname, { password: "Expired123", confirmPassword: "Expired123" });
  expect(post.status).toBe(410);
});
