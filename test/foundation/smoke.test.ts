import { afterAll, beforeAll, expect, test } from "vitest";
import { createUser } from "~/seed/factories.server";
import { prisma } from "~/utils/db.server";
import { getPage, postForm, sessionCookieFor, startServer, type TestServer } from "../helpers/server";

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server.close());

test("the home page renders in Chinese by default and in English when the browser asks", async () => {
  const zh = await (await getPage(server, "/")).text();
  expect(zh).toContain('<html lang="zh-CN"');
  expect(zh).toContain("近期活动");
  const en = await (await getPage(server, "/", { headers: { "Accept-Language": "en-US,en;q=0.9" } })).text();
  expect(en).toContain('<html lang="en"');
  expect(en).toContain("Upcoming activities");
});

test("a signed-in user sees their name; a forged-origin post is refused with 403", async () => {
  const user = await createUser({ name: "烟雾测试" });
  const cookie = await sessionCookieFor(user.id);
  expect(await (await getPage(server, "/", { cookie })).text()).toContain("烟雾测试");
  const forged = await postForm(server, "/logout", {}, { cookie, origin: "https://evil.example" });
  expect(forged.status).toBe(403);
  expect(await prisma.session.count({ where: { userId: user.id } })).toBe(1);
});

test("a route that answers before reading its form still answers, and the connection stays usable", async () => {
  // /login redirects a signed-in user without reading the form. The unread rest of the body used
  // to reset the connection (the browser shows a network error) or hold the answer back until the
  // server's keep-alive timeout. Bodies over the form cap are refused with 413 before this point
  // (test/security/body-limits.test.ts), so these stay just under it.
  const user = await createUser({ name: "大表单测试" });
  const cookie = await sessionCookieFor(user.id);
  // Several in a row, as the unread bytes of one request spoil the next on the same connection.
  for (const kilobytes of [8, 40, 90]) {
    const body = new URLSearchParams({ phone: "13800000000", password: "x".repeat(kilobytes * 1024) });
    const response = await fetch(`${server.url}/login`, {
      method: "POST",
      body,
      headers: { Cookie: cookie, Origin: server.url },
      redirect: "manual",
      signal: AbortSignal.timeout(30_000),
    });
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe("/");
    await response.text();
  }
  expect((await getPage(server, "/", { cookie })).status).toBe(200);
});
