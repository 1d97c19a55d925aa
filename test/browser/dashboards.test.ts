// The dashboards on a 360 px phone (issue #12, items 8 and 15): the key column of every figure table
// stays in view while the figures scroll sideways, headers do not wrap a character per line, and
// without JavaScript the charts (server-drawn SVG) and their tables are there to read.
import { afterAll, beforeAll, expect, test } from "vitest";
import type { Browser, Page } from "playwright-core";
import { DEMO_PHONES } from "~/seed/foundation.server";
import { prisma } from "~/utils/db.server";
import { seededDemo } from "../helpers/seeded-db";
import type { TestServer } from "../helpers/server";
import {
  assertNoConsoleErrors,
  gotoInteractive,
  logInAs,
  newPage,
  overflowsHorizontally,
  startBrowserAndServer,
  stopBrowserAndServer,
} from "../helpers/browser";

let server: TestServer;
let browser: Browser;
let cityStaff: string;
let centerStaff: string;
beforeAll(async () => {
  await seededDemo();
  cityStaff = (await prisma.user.findUniqueOrThrow({ where: { phone: DEMO_PHONES.cityStaff } })).id;
  centerStaff = (await prisma.user.findUniqueOrThrow({ where: { phone: DEMO_PHONES.centerStaff } })).id;
  ({ server, browser } = await startBrowserAndServer());
});
afterAll(() => stopBrowserAndServer({ server, browser }));

/**
 * For each scroll region's table: scrolled fully to the right, is its first column still on screen,
 * and does any header cell wrap to more than two lines? Returns what is wrong, by table.
 */
async function tableProblems(page: Page) {
  return page.evaluate(() => {
    const problems: string[] = [];
    let scrolls = 0;
    for (const region of document.querySelectorAll<HTMLElement>(".table-scroll")) {
      const table = region.querySelector("table")!;
      if (region.scrollWidth > region.clientWidth + 1) scrolls += 1;
      region.scrollLeft = region.scrollWidth;
      const name = region.getAttribute("aria-label") ?? region.getAttribute("aria-labelledby") ?? "?";
      for (const row of table.querySelectorAll("tr")) {
        const first = row.firstElementChild!.getBoundingClientRect();
        if (first.left < -1 || first.right > window.innerWidth + 1)
          problems.push(`${name}: key column off screen (${Math.round(first.left)}–${Math.round(first.right)})`);
      }
      for (const th of table.querySelectorAll("thead th")) {
        const lineHeight = parseFloat(getComputedStyle(th).lineHeight) || 20;
        const padding = parseFloat(getComputedStyle(th).paddingTop) + parseFloat(getComputedStyle(th).paddingBottom);
        if (th.getBoundingClientRect().height - padding > lineHeight * 2.5)
          problems.push(`${name}: header "${th.textContent}" wraps`);
      }
    }
    return { problems, scrolls };
  });
}

test("the conversion and center dashboards at 360 px: key columns pinned, headers whole, no page overflow", async () => {
  const { page, context, errors } = await newPage(browser);
  await logInAs(context, server.url, cityStaff);
  await gotoInteractive(page, `${server.url}/union/dashboard?period=365`);
  expect(await page.locator(".table-scroll").count()).toBeGreaterThanOrEqual(10);
  const dashboard = await tableProblems(page);
  expect(dashboard.problems).toEqual([]);
  expect(dashboard.scrolls).toBeGreaterThan(0); // some tables are wider than the phone: the check means something
  expect(await overflowsHorizontally(page)).toBe(false);
  assertNoConsoleErrors(errors);

  const center = await newPage(browser);
  await logInAs(center.context, server.url, centerStaff);
  await gotoInteractive(center.page, `${server.url}/center`);
  await center.page.getByTestId("center-stats").waitFor();
  const centerTables = await tableProblems(center.page);
  expect(centerTables.problems).toEqual([]);
  expect(centerTables.scrolls).toBe(1);
  expect(await overflowsHorizontally(center.page)).toBe(false);
  assertNoConsoleErrors(center.errors);
});

test("without JavaScript the dashboard shows its charts and tables", async () => {
  const { page, context } = await newPage(browser, { javaScript: false, width: 1280 });
  await logInAs(context, server.url, cityStaff);
  await page.goto(`${server.url}/union/dashboard?period=365`);
  for (const chart of ["funnel", "county", "monthly", "ttc"]) {
    const svg = page.locator(`[data-chart="${chart}"] svg`).first();
    await svg.waitFor();
    const box = await svg.boundingBox();
    expect(box!.width, chart).toBeGreaterThan(200);
    expect(box!.height, chart).toBeGreaterThan(40);
  }
  // The funnel's bars are drawn to scale: views (the largest stage) fill the width.
  const bars = page.locator('[data-chart="funnel"] rect[fill="#c01f18"]');
  expect(await bars.count()).toBe(6);
  await expect(page.getByTestId("table-funnel").getByRole("table").isVisible()).resolves.toBe(true);
  await expect(page.getByText("环节转化率：到达上一环节的人中").isVisible()).resolves.toBe(true);
});
