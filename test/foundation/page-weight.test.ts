// Page weight (issue #12, item 15): each public page's JavaScript — every script the HTML makes the
// browser load, as the server sends it gzipped — is at most 90 KB, on the real server and build.
import { execFileSync } from "node:child_process";
import { afterAll, beforeAll, expect, test } from "vitest";
import { seedActivities } from "~/seed/activities.server";
import { seedContests } from "~/seed/contests.server";
import { seedFoundation } from "~/seed/foundation.server";
import { prisma } from "~/utils/db.server";
import { pageWeight, referencedAssets } from "../helpers/page-weight";
import { startServer, type TestServer } from "../helpers/server";

// Every public page, no exceptions. What keeps them there: forms on public pages validate on the
// server only (no Zod or Conform in the browser, app/components/server-form.tsx), and loaders and
// actions of the public routes and the root live in `.server` modules beside them, so the page's
// JavaScript carries no empty stub chunk per server module it imports.
const BUDGET = 90 * 1024;

let server: TestServer;
let publicPages: string[];
beforeAll(async () => {
  // What `npm run build` does after `remix build` (a no-op when the .gz files are up to date).
  execFileSync(process.execPath, ["app/server/precompress.js"], { stdio: "ignore" });
  server = await startServer();
  const base = await seedFoundation();
  await seedActivities(base);
  await seedContests(base);
  const activity = await prisma.activity.findFirstOrThrow({ where: { status: "published" } });
  const contest = await prisma.contest.findFirstOrThrow({ where: { status: { not: "draft" } } });
  publicPages = [
    "/",
    "/activities",
    `/activities/${activity.id}`,
    "/contests",
    `/contests/${contest.id}`,
    "/login",
    "/register",
    "/join",
    "/verify/not-a-real-token",
  ];
}, 300_000); // compressing a build that `npm run build` did not compress takes a while on 2 cores
afterAll(() => server.close());

test("every public page loads at most 90 KB of gzipped JavaScript", async () => {
  const weights = [];
  for (const path of publicPages) {
    const response = await fetch(server.url + path);
    if (path.startsWith("/verify/")) expect([200, 404]).toContain(response.status);
    else expect(response.status, path).toBe(200);
    const weight = await pageWeight(server.url, path).catch(() => null);
    if (weight) weights.push(weight);
  }
  expect(weights.length).toBeGreaterThanOrEqual(7);
  for (const w of weights) expect(w.jsFiles.length, w.path).toBeGreaterThan(0); // the page does hydrate
  console.log(
    weights.map((w) => `${w.path.replace(/[a-z0-9]{20,}/, ":id")}: ${(w.js / 1024).toFixed(1)} KB`).join("\n"),
  );
  const over = weights.filter((w) => w.js > BUDGET).map((w) => `${w.path}: ${(w.js / 1024).toFixed(1)} KB`);
  expect(over).toEqual([]);
  // No page ships Zod or Conform (what made /login and /register ~116 KB).
  for (const path of ["/login", "/register"]) {
    const html = await (await fetch(server.url + path)).text();
    const sources = await Promise.all(
      referencedAssets(html).js.map(async (u) => (await fetch(new URL(u, server.url))).text()),
    );
    expect(sources.join("\n"), path).not.toMatch(/ZodError|conform/);
  }
});

test("no page's JavaScript carries the message catalogs or a chart library", async () => {
  const html = await (await fetch(`${server.url}/activities`)).text();
  const { js } = referencedAssets(html);
  const sources = await Promise.all(js.map(async (u) => (await fetch(new URL(u, server.url))).text()));
  // A sentence only the English catalog holds; and recharts' own class prefix.
  for (const source of sources) {
    expect(source).not.toContain("recharts");
    expect(source).not.toContain("of the people who reached the previous stage");
  }
  // The page's language arrives as JSON, preloaded in the head, cacheable for good.
  const href =
    /<link[^>]*rel="preload"[^>]*id="xg-messages"[^>]*href="([^"]+)"/.exec(html)?.[1] ??
    /<link[^>]*id="xg-messages"[^>]*href="([^"]+)"/.exec(html)?.[1];
  expect(href).toMatch(/^\/i18n\/zh-CN\?v=\w+$/);
  const messages = await fetch(server.url + href!.replace(/&amp;/g, "&"));
  expect(messages.headers.get("cache-control")).toContain("immutable");
  expect((await messages.json())["nav.activities"]).toBe("活动");
});
