// Cookies are read and written by one module (app/utils/cookies.server.ts, the `cookie` package):
// a malformed Cookie header is read leniently instead of failing the page.
import { afterAll, beforeAll, expect, test } from "vitest";
import { createUser } from "~/seed/factories.server";
import { getPage, sessionCookieFor, startServer, type TestServer } from "../helpers/server";

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server.close());

test("a badly percent-encoded cookie is ignored, not a 500", async () => {
  // decodeURIComponent("%E0%A4%A") throws; the hand-written parser let that escape as a 500.
  const page = await getPage(server, "/login", { headers: { Cookie: "xg_locale=%E0%A4%A; xg_session=%" } });
  expect(page.status).toBe(200);
  expect(await page.text()).toContain('<html lang="zh-CN"');
});

test("the cookies that matter are found among others, quoted or not", async () => {
  const session = await sessionCookieFor((await createUser({ name: "饼干" })).id);
  const page = await getPage(server, "/me/profile", {
    headers: { Cookie: `theme=dark; xg_locale="en"; ${session}; other=1` },
  });
  expect(page.status).toBe(200);
  const html = await page.text();
  expect(html).toContain('<html lang="en"');
  expect(html).toContain("饼干");
});
