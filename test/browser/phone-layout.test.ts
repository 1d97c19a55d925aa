// Every page of the app, opened on a 360 px phone in both languages by the user it is meant for,
// over the Linfen demo data: it loads, fits the screen (no sideways scrolling) and logs no errors,
// Content-Security-Policy violations included (test/helpers/browser.ts reports them).
// The page list comes from app/routes, so a new page is checked without touching this file.
import { afterAll, beforeAll, expect, test } from "vitest";
import type { Browser } from "playwright-core";
import { fillParams, routeFiles, seedDemoForRoutes, visitorFor } from "../helpers/routes";
import type { TestServer } from "../helpers/server";
import {
  logInAs,
  newPage,
  overflowsHorizontally,
  startBrowserAndServer,
  stopBrowserAndServer,
} from "../helpers/browser";

let server: TestServer;
let browser: Browser;
let demo: Awaited<ReturnType<typeof seedDemoForRoutes>>;
beforeAll(async () => {
  demo = await seedDemoForRoutes();
  ({ server, browser } = await startBrowserAndServer());
});
afterAll(() => stopBrowserAndServer({ server, browser }));

/** Pages whose purpose is an error answer. */
const ERROR_PAGES = new Set(["forbidden.tsx", "problem.tsx", "$.tsx"]);

// Pages that only exist with a query: the attendee confirm step needs what it confirms.
const PAGE_QUERY: Record<string, string> = {
  "center+/activities.$activityId_.attendees_.$registrationId.tsx": "?do=remove",
};

for (const locale of ["zh-CN", "en"]) {
  test(`every page loads, fits a 360 px phone and logs no error — ${locale}`, async () => {
    const pages = routeFiles().filter((r) => r.isPage && r.file !== "_auth+/logout.tsx");
    expect(pages.length).toBeGreaterThan(25);
    const problems: string[] = [];
    for (const route of pages) {
      const who = visitorFor(route.file);
      const { page, context, errors } = await newPage(browser, { locale });
      if (who) await logInAs(context, server.url, demo.users[who]);
      const url =
        route.file === "$.tsx" ? "/no-such-page" : fillParams(route.url, demo.ids) + (PAGE_QUERY[route.file] ?? "");
      const response = await page.goto(server.url + url);
      const status = response?.status() ?? 0;
      const label = `${url} (${route.file}) as ${who ?? "visitor"}`;
      if (!ERROR_PAGES.has(route.file) && status >= 400) problems.push(`${label}: status ${status}`);
      if (new URL(page.url()).pathname === "/login" && who) problems.push(`${label}: sent to log in`);
      if (await overflowsHorizontally(page)) problems.push(`${label}: wider than the screen`);
      // A 4xx answer shows in the console as a failed resource; anything else is a real error.
      const real = errors.filter((e) => !(ERROR_PAGES.has(route.file) && /status of 40[034]/.test(e)));
      if (real.length) problems.push(`${label}: console ${real.join(" | ").slice(0, 300)}`);
      if (locale === "en" && (await page.locator("html").getAttribute("lang")) !== "en")
        problems.push(`${label}: not in English`);
      await context.close();
    }
    expect(problems.join("\n")).toBe("");
  }, 180_000);
}
