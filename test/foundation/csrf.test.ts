// Cross-site request forgery: the server refuses every mutating request whose Origin is not
// our own (or missing), before any action runs. Checked here for every route that has an action.
import { afterAll, beforeAll, expect, test } from "vitest";
import { createOrg, createUser, grantRole } from "~/seed/factories.server";
import { prisma } from "~/utils/db.server";
import { fillParams, routeFiles } from "../helpers/routes";
import { getPage, postForm, sessionCookieFor, startServer, type TestServer } from "../helpers/server";

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server.close());

/** Routes that export an action, as URLs with an id that matches nothing. */
function mutatingRouteUrls() {
  return routeFiles()
    .filter((r) => r.hasAction)
    .map((r) => fillParams(r.url, {}, "dummy-id"));
}

async function tableCounts() {
  const [users, sessions, orgs, grants, audits, notifications, files] = await Promise.all([
    prisma.user.count(),
    prisma.session.count(),
    prisma.organisation.count(),
    prisma.roleGrant.count(),
    prisma.auditLog.count(),
    prisma.notification.count(),
    prisma.storedFile.count(),
  ]);
  return { users, sessions, orgs, grants, audits, notifications, files };
}

test("the route scan finds the known mutating routes", () => {
  const urls = mutatingRouteUrls();
  expect(urls).toEqual(
    expect.arrayContaining([
      "/login",
      "/logout",
      "/register",
      "/locale",
      "/files/upload",
      "/me/profile",
      "/admin/orgs/dummy-id",
    ]),
  );
});

test("every route with an action refuses a POST from another site, or with no Origin, with 403 and no change", async () => {
  const city = await createOrg({ kind: "city", name: "CSRF 市总" });
  const admin = await createUser({ name: "CSRF 管理员" });
  await grantRole(admin.id, "admin", city.id);
  const cookie = await sessionCookieFor(admin.id);
  const before = await tableCounts();
  const urls = mutatingRouteUrls();
  expect(urls.length).toBeGreaterThan(10);
  for (const url of urls) {
    const fields = { intent: "update", name: "forged", locale: "en", everywhere: "1" };
    for (const origin of ["https://evil.example", null]) {
      const response = await postForm(server, url, fields, { cookie, origin });
      expect(response.status, `${url} with Origin ${origin}`).toBe(403);
    }
    // The single-fetch form of the same submission (what Remix's <Form> sends with JavaScript).
    const data = await postForm(server, `${url === "/" ? "/_root" : url}.data`, fields, {
      cookie,
      origin: "https://evil.example",
    });
    expect(data.status, `${url}.data`).toBe(403);
  }
  expect(await tableCounts()).toEqual(before);
  expect(await prisma.user.findUniqueOrThrow({ where: { id: admin.id } })).toMatchObject({
    name: "CSRF 管理员",
    locale: null,
  });
});

test("the refusal is a friendly page in the user's language; the same POST from our own site goes through", async () => {
  const user = await createUser();
  const cookie = await sessionCookieFor(user.id);
  const forged = await postForm(
    server,
    "/logout",
    {},
    { cookie, origin: "https://evil.example", headers: { "Accept-Language": "en" } },
  );
  expect(forged.status).toBe(403);
  expect(await forged.text()).toContain("came from another site");
  // A Referer from another site is no better than an Origin.
  const referer = await postForm(
    server,
    "/logout",
    {},
    { cookie, origin: null, headers: { Referer: "https://evil.example/page" } },
  );
  expect(referer.status).toBe(403);
  expect(await prisma.session.count({ where: { userId: user.id } })).toBe(1);

  const genuine = await postForm(server, "/logout", {}, { cookie });
  expect(genuine.status).toBe(302);
  expect(await prisma.session.count({ where: { userId: user.id } })).toBe(0);
  // Reading pages never needs an Origin.
  expect((await getPage(server, "/login")).status).toBe(200);
});
