// Accounts and sessions over real HTTP: registration, log-in, cookies, log-out, expiry,
// sliding refresh, revocation and persisted rate limiting.
import { afterAll, beforeAll, expect, test } from "vitest";
import { createUser, DEFAULT_PASSWORD } from "~/seed/factories.server";
import { prisma } from "~/utils/db.server";
import {
  loginAccountKey,
  MAX_FAILURES_PER_ACCOUNT,
  MAX_FAILURES_PER_IP,
  reserveLogin,
} from "~/utils/rate-limit.server";
import { SESSION_COOKIE, SESSION_TTL_MS, sessionIdFromToken } from "~/utils/session.server";
import { codeFor } from "../account/helpers";
import { rawQuery } from "../helpers/raw-db";
import { getPage, postForm, sessionCookieFor, startServer, type TestServer } from "../helpers/server";

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server.close());

let phoneCounter = 0;
const freshPhone = () =>
  `137${String(Date.now() % 1e6).padStart(6, "0")}${String(phoneCounter++ % 100).padStart(2, "0")}`;

const cookieFrom = (response: Response) => {
  const header = response.headers.get("set-cookie") ?? "";
  const match = header.match(new RegExp(`${SESSION_COOKIE}=([^;]*)`));
  return match ? `${SESSION_COOKIE}=${match[1]}` : null;
};

test("registering with a phone number creates the account, logs in and lands on the profile with a welcome", async () => {
  const phone = freshPhone();
  const response = await postForm(server, "/register", {
    name: "注册测试",
    phone,
    code: await codeFor("register", phone),
    password: "Secret123",
    confirmPassword: "Secret123",
  });
  expect(response.status).toBe(302);
  expect(response.headers.get("location")).toBe("/me/profile?welcome=1");
  const user = await prisma.user.findUniqueOrThrow({ where: { phone } });
  expect(user.name).toBe("注册测试");
  expect(user.passwordHash).toMatch(/^\$argon2id\$/);
  const cookie = cookieFrom(response)!;
  const profile = await getPage(server, "/me/profile?welcome=1", { cookie });
  expect(profile.status).toBe(200);
  const html = await profile.text();
  expect(html).toContain("注册成功");
  expect(html).toContain("尚未入会");
});

test("a taken phone, a weak password and a bad phone each get a 400 with field messages and write nothing", async () => {
  const existing = await createUser({ phone: freshPhone(), email: `dup-${Date.now()}@example.test` });
  const before = await prisma.user.count();
  const attempt = async (fields: Record<string, string>) =>
    postForm(server, "/register", { name: "重复", password: "Secret123", confirmPassword: "Secret123", ...fields });

  // A taken number is said so only to whoever proves it with its code (issue 10; no enumeration).
  const dupPhone = await attempt({ phone: existing.phone!, code: await codeFor("register", existing.phone!) });
  expect(dupPhone.status).toBe(400);
  expect(await dupPhone.text()).toContain("该手机号已有账号");

  const weakPhone = freshPhone();
  const weak = await postForm(server, "/register", {
    name: "弱密码",
    phone: weakPhone,
    code: await codeFor("register", weakPhone),
    password: "abcdefgh",
    confirmPassword: "abcdefgh",
  });
  expect(weak.status).toBe(400);
  expect(await weak.text()).toContain("密码至少 8 位");

  const badPhone = await postForm(
    server,
    "/register",
    { name: "Bad", phone: "12345", code: "123456", password: "Secret123", confirmPassword: "Secret123" },
    { headers: { "Accept-Language": "en" } },
  );
  expect(badPhone.status).toBe(400);
  expect(await badPhone.text()).toContain("Enter an 11-digit mainland China mobile number");

  expect(await prisma.user.count()).toBe(before);
});

test("log-in: a wrong password and an unknown account are the same 401, and success sets an HttpOnly SameSite=Lax cookie", async () => {
  const user = await createUser({ phone: freshPhone() });
  const wrong = await postForm(server, "/login", { identifier: user.phone!, password: "nope-nope-1" });
  expect(wrong.status).toBe(401);
  expect(await wrong.text()).toContain("账号或密码不正确");
  expect(cookieFrom(wrong)).toBeNull();

  const unknown = await postForm(server, "/login", { identifier: "nobody@example.test", password: DEFAULT_PASSWORD });
  expect(unknown.status).toBe(401);
  expect(await unknown.text()).toContain("账号或密码不正确");

  const ok = await postForm(server, "/login", {
    identifier: user.email!,
    password: DEFAULT_PASSWORD,
    redirectTo: "/me/profile",
  });
  expect(ok.status).toBe(302);
  expect(ok.headers.get("location")).toBe("/me/profile");
  const setCookie = ok.headers.get("set-cookie")!;
  expect(setCookie).toMatch(/HttpOnly/i);
  expect(setCookie).toMatch(/SameSite=Lax/i);
  expect(setCookie).not.toMatch(/Secure/i);
  // Only the SHA-256 of the token is stored, never the token itself.
  const token = cookieFrom(ok)!.split("=")[1];
  expect(await prisma.session.findUnique({ where: { id: token } })).toBeNull();
  expect(await prisma.session.findUnique({ where: { id: sessionIdFromToken(token) } })).not.toBeNull();
});

test("with COOKIE_SECURE=true the session cookie is also Secure", async () => {
  const user = await createUser({ phone: freshPhone() });
  process.env.COOKIE_SECURE = "true";
  try {
    const ok = await postForm(server, "/login", { identifier: user.phone!, password: DEFAULT_PASSWORD });
    expect(ok.status).toBe(302);
    expect(ok.headers.get("set-cookie")).toMatch(/;\s*Secure/i);
  } finally {
    process.env.COOKIE_SECURE = "false";
  }
});

test("a log-in redirect never leaves the site", async () => {
  const user = await createUser({ phone: freshPhone() });
  const ok = await postForm(server, "/login", {
    identifier: user.phone!,
    password: DEFAULT_PASSWORD,
    redirectTo: "//evil.example/x",
  });
  expect(ok.headers.get("location")).toBe("/");
});

test("log-out ends this session only; log out everywhere ends them all", async () => {
  const user = await createUser();
  const phoneCookie = await sessionCookieFor(user.id);
  const laptopCookie = await sessionCookieFor(user.id);
  const third = await sessionCookieFor(user.id);

  const out = await postForm(server, "/logout", {}, { cookie: phoneCookie });
  expect(out.status).toBe(302);
  expect(out.headers.get("set-cookie")).toMatch(/Max-Age=0/);
  expect((await getPage(server, "/me/profile", { cookie: phoneCookie })).status).toBe(302);
  expect((await getPage(server, "/me/profile", { cookie: laptopCookie })).status).toBe(200);

  await postForm(server, "/logout", { everywhere: "1" }, { cookie: laptopCookie });
  expect(await prisma.session.count({ where: { userId: user.id } })).toBe(0);
  expect((await getPage(server, "/me/profile", { cookie: third })).status).toBe(302);
});

test("an expired session sends the user to log in with an 'expired' notice, and its row is removed", async () => {
  const user = await createUser();
  const cookie = await sessionCookieFor(user.id);
  const id = sessionIdFromToken(cookie.split("=")[1]);
  await prisma.session.update({ where: { id }, data: { expiresAt: new Date(Date.now() - 1000) } });
  const response = await getPage(server, "/me/profile", { cookie });
  expect(response.status).toBe(302);
  const location = new URL(response.headers.get("location")!, server.url);
  expect(location.pathname).toBe("/login");
  expect(location.searchParams.get("expired")).toBe("1");
  expect(location.searchParams.get("redirectTo")).toBe("/me/profile");
  expect(await prisma.session.findUnique({ where: { id } })).toBeNull();
  const login = await (await getPage(server, location.pathname + location.search)).text();
  expect(login).toContain("登录已过期");
});

test("a session used in the second half of its life slides forward and the cookie is refreshed", async () => {
  const user = await createUser();
  const cookie = await sessionCookieFor(user.id);
  const id = sessionIdFromToken(cookie.split("=")[1]);
  const soon = new Date(Date.now() + 2 * 24 * 60 * 60 * 1000);
  await prisma.session.update({ where: { id }, data: { expiresAt: soon } });
  const response = await getPage(server, "/", { cookie });
  expect(response.status).toBe(200);
  const session = await prisma.session.findUniqueOrThrow({ where: { id } });
  expect(session.expiresAt.getTime()).toBeGreaterThan(Date.now() + SESSION_TTL_MS - 60_000);
  expect(response.headers.get("set-cookie")).toContain(cookie);

  // Early in its life a session is left alone (no write, no cookie).
  const fresh = await sessionCookieFor(user.id);
  const untouched = await getPage(server, "/", { cookie: fresh });
  expect(untouched.headers.get("set-cookie") ?? "").not.toContain(SESSION_COOKIE);
});

test("a revoked session (its row deleted) no longer signs anyone in", async () => {
  const user = await createUser({ name: "撤销测试" });
  const cookie = await sessionCookieFor(user.id);
  expect(await (await getPage(server, "/", { cookie })).text()).toContain("撤销测试");
  await prisma.session.deleteMany({ where: { userId: user.id } });
  expect(await (await getPage(server, "/", { cookie })).text()).not.toContain("撤销测试");
  expect((await getPage(server, "/me/notifications", { cookie })).status).toBe(302);
});

test("an account is locked after repeated failures, even with the right password, and the lock is read from the database", async () => {
  const user = await createUser({ phone: freshPhone() });
  for (let i = 0; i < MAX_FAILURES_PER_ACCOUNT; i++) {
    const r = await postForm(server, "/login", { identifier: user.phone!, password: `wrong-${i}-x1` });
    expect(r.status).toBe(401);
  }
  const locked = await postForm(server, "/login", { identifier: user.phone!, password: DEFAULT_PASSWORD });
  expect(locked.status).toBe(429);
  expect(await locked.text()).toContain("该账号登录失败次数过多");
  expect(cookieFrom(locked)).toBeNull();
  // Persisted: the failures are rows, and a fresh read of the table (as a restarted server would do) still blocks.
  const accountKey = loginAccountKey(user.id, user.phone!);
  expect(await prisma.loginAttempt.count({ where: { key: accountKey, success: false } })).toBe(
    MAX_FAILURES_PER_ACCOUNT,
  );
  expect(await reserveLogin(accountKey, "203.0.113.9")).toMatchObject({ allowed: false, key: accountKey });
  // …and another connection to the database (another process, a restarted server) sees them too.
  const [row] = await rawQuery<{ n: number | string }>(
    `SELECT COUNT(*) AS "n" FROM "LoginAttempt" WHERE "key" = $1 AND "success" = $2`,
    [accountKey, false],
  );
  expect(Number(row.n)).toBe(MAX_FAILURES_PER_ACCOUNT);
  // Once the failures age out of the window, log-in works again.
  await prisma.loginAttempt.updateMany({
    where: { key: accountKey },
    data: { createdAt: new Date(Date.now() - 60 * 60 * 1000) },
  });
  expect((await postForm(server, "/login", { identifier: user.phone!, password: DEFAULT_PASSWORD })).status).toBe(302);
});

test("a network is throttled after many failures across accounts; the count lives in LoginAttempt", async () => {
  // The test server sees 127.0.0.1; other tests' attempts count too, so fill up to the limit from the table.
  const ipKey = "login:ip:127.0.0.1";
  const existing = await prisma.loginAttempt.count({
    where: { key: ipKey, success: false, createdAt: { gte: new Date(Date.now() - 15 * 60 * 1000) } },
  });
  for (let i = existing; i < MAX_FAILURES_PER_IP; i++) {
    await postForm(server, "/login", { identifier: `nobody${i}@example.test`, password: "whatever1" });
  }
  const user = await createUser({ phone: freshPhone() });
  const blocked = await postForm(server, "/login", { identifier: user.phone!, password: DEFAULT_PASSWORD });
  expect(blocked.status).toBe(429);
  expect(await blocked.text()).toContain("此网络登录失败次数过多");
  const ipRows = await prisma.loginAttempt.findMany({ where: { key: ipKey, success: false }, select: { key: true } });
  expect(ipRows.length).toBe(MAX_FAILURES_PER_IP);
  // Clear the network's failures (as the window passing would) so nothing else is affected.
  await prisma.loginAttempt.deleteMany({ where: { key: ipKey } });
  expect((await postForm(server, "/login", { identifier: user.phone!, password: DEFAULT_PASSWORD })).status).toBe(302);
});
