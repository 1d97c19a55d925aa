// Bad input on both engines (issue #13): NUL characters, huge or malformed query strings and ids.
// PostgreSQL refuses NUL in text and is stricter than SQLite about what it is given, so each
// loader route is visited by the role it is for, with odd ids and query strings: a NUL is a 400 at
// the edge (app/server/body.js), anything else a page or a 4xx — never a 500, nothing logged.
// Run with XG_TEST_PG_URL to cover PostgreSQL.
import { afterAll, beforeAll, expect, test, vi } from "vitest";
import { fillParams, routeFiles, visitorFor, type DemoUser } from "../helpers/routes";
import { seededDemo } from "../helpers/seeded-db";
import { getPage, postForm, sessionCookieFor, startServer, type TestServer } from "../helpers/server";

let server: TestServer;
let ids: Record<string, string>;
let cookies: Record<DemoUser, string>;
const logged: unknown[][] = [];
beforeAll(async () => {
  const demo = await seededDemo();
  ids = demo.ids;
  cookies = Object.fromEntries(
    await Promise.all(Object.entries(demo.users).map(async ([who, id]) => [who, await sessionCookieFor(id)])),
  ) as Record<DemoUser, string>;
  // Development mode makes Remix log every unexpected error (test mode stays silent).
  process.env.NODE_ENV = "development";
  server = await startServer();
  process.env.NODE_ENV = "test";
  for (const level of ["error", "warn"] as const)
    vi.spyOn(console, level).mockImplementation((...args: unknown[]) => {
      logged.push([level, ...args]);
    });
});
afterAll(async () => {
  vi.restoreAllMocks();
  await server?.close();
});

const loaderRoutes = () => routeFiles().filter((r) => r.hasLoader && !r.url.includes("$locale"));
const cookieFor = (file: string) => {
  const who = visitorFor(file);
  return who ? cookies[who] : undefined;
};

/** Ids no record has: long, malformed percent-encoding, quotes, emoji, a path climb, spaces. */
const ODD_IDS = [
  "x".repeat(2000),
  "%E0%A4%A",
  "%C3%28",
  "%FF%FE",
  "'%22;--%20DROP",
  "..%2F..%2Fetc",
  "%F0%9F%98%80",
  "%20%20",
  "1e309",
  "-1",
];
/** Query strings: long text, malformed encodings, impossible dates and numbers, repeated keys. */
const ODD_QUERIES = [
  `q=${"%E9%95%B7".repeat(1400)}`,
  "q=%E0%A4%A&status=%FF&county=%C3%28&category=%F0%9F%98%80",
  "page=1e309&page=-1&page=NaN&from=2026-02-30&to=9999-99-99&limit=99999999999999999999",
  `county=${"x".repeat(3000)}&center=${"'".repeat(200)}&sort=%22%3B--`,
  "q=&q=&q=&from=&to=&page=",
];

test("a NUL in a URL's path or query string, or in a form, is a 400 on every route, on both engines", async () => {
  const problems: string[] = [];
  for (const route of loaderRoutes()) {
    const cookie = cookieFor(route.file);
    const url = fillParams(route.url, ids);
    const paths = [`${url}?q=%00`, `${url}?a=1&page=2%00`];
    if (route.url.includes("$")) paths.push(fillParams(route.url, {}, "id%00x"));
    for (const path of paths) {
      const response = await getPage(server, path, { cookie });
      await response.text();
      if (response.status !== 400) problems.push(`GET ${path}: ${response.status}`);
    }
  }
  for (const route of routeFiles().filter((r) => r.hasAction && !r.url.includes("$locale"))) {
    const path = fillParams(route.url, ids);
    const response = await postForm(server, path, { intent: "x\0y", q: "a\0" }, { cookie: cookieFor(route.file) });
    await response.text();
    // Upload routes stream their body to the action (only its text fields are checked there).
    if (response.status !== 400 && !path.startsWith("/files/upload")) problems.push(`POST ${path}: ${response.status}`);
  }
  expect(problems.join("\n")).toBe("");
  expect(logged).toEqual([]);
}, 300_000);

test("odd ids and query strings on every page, for the role it is for: never a 500, nothing logged", async () => {
  const problems: string[] = [];
  for (const route of loaderRoutes()) {
    const cookie = cookieFor(route.file);
    const paths = ODD_QUERIES.map((q) => `${fillParams(route.url, ids)}?${q}`);
    if (route.url.includes("$")) for (const id of ODD_IDS) paths.push(fillParams(route.url, {}, id));
    for (const path of paths) {
      const before = logged.length;
      const response = await getPage(server, path, { cookie });
      await response.text();
      if (response.status >= 500 || logged.length > before)
        problems.push(`GET ${path.slice(0, 120)}: ${response.status} ${logged.slice(before).join(" ").slice(0, 300)}`);
    }
  }
  expect(problems.join("\n")).toBe("");
}, 600_000); // ~600 requests: about a minute on an idle machine, more when it is shared

test("a query string beyond the server's header limit is refused by Node, not the app", async () => {
  const response = await getPage(server, `/activities?q=${"x".repeat(20_000)}`);
  expect(response.status).toBe(431);
});
