// Issue #12 item 12: the user menu closes after navigating from it, focus moves to the new page's
// content (not left next to 退出), and Escape closes it back to its button.
import { afterAll, beforeAll, expect, test } from "vitest";
import type { Browser } from "playwright-core";
import { createUser } from "~/seed/factories.server";
import type { TestServer } from "../helpers/server";
import { gotoInteractive, logInAs, newPage, startBrowserAndServer, stopBrowserAndServer } from "../helpers/browser";

let server: TestServer;
let browser: Browser;
beforeAll(async () => {
  ({ server, browser } = await startBrowserAndServer());
});
afterAll(() => stopBrowserAndServer({ server, browser }));

test("on a phone, the user menu closes after a navigation from it and focus goes to the page", async () => {
  const worker = await createUser({ name: "菜单测试员" });
  const { page, context, errors } = await newPage(browser);
  await logInAs(context, server.url, worker.id);
  await gotoInteractive(page, server.url + "/activities");
  const menu = page.locator("details:has([data-testid=user-menu])");

  await page.getByTestId("user-menu").click();
  await expect.poll(() => menu.evaluate((d) => (d as HTMLDetailsElement).open)).toBe(true);
  await menu.getByRole("link", { name: "我的活动" }).click();
  await page.waitForURL(/\/me\/activities$/);
  await page.getByRole("heading", { level: 1, name: "我的活动" }).waitFor();
  await expect.poll(() => menu.evaluate((d) => (d as HTMLDetailsElement).open)).toBe(false);
  expect(await page.evaluate(() => document.activeElement?.id)).toBe("main");

  // Escape closes it too, with focus back on its button.
  await page.getByTestId("user-menu").click();
  await expect.poll(() => menu.evaluate((d) => (d as HTMLDetailsElement).open)).toBe(true);
  await page.keyboard.press("Escape");
  await expect.poll(() => menu.evaluate((d) => (d as HTMLDetailsElement).open)).toBe(false);
  expect(await page.evaluate(() => document.activeElement?.getAttribute("data-testid"))).toBe("user-menu");
  expect(errors).toEqual([]);
  await context.close();
});
