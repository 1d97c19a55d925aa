// Issue #12, what a user notices: organisations named in the reader's language, user data in the
// other language marked with `lang`, dashboard trend labels as dates people write, and the
// confirmation of cancelling a seat in a native dialog with JavaScript (the step page without).
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, expect, test } from "vitest";
import { createOrg, createUser, grantRole } from "~/seed/factories.server";
import { prisma } from "~/utils/db.server";
import { recordFunnelStep } from "~/utils/funnel.server";
import { formatCalendarDate, toLocalDateKey } from "~/utils/time";
import {
  assertNoConsoleErrors,
  gotoInteractive,
  logInAs,
  newPage,
  startBrowserAndServer,
  stopBrowserAndServer,
} from "../helpers/browser";
import type { TestServer } from "../helpers/server";

let server: TestServer;
let browser: Browser;
let activityId: string;
let county: { id: string };
beforeAll(async () => {
  ({ server, browser } = await startBrowserAndServer());
  county = await createOrg({ kind: "county", name: "语言县总工会", nameEn: "Yuyan County Federation" });
  const center = await createOrg({
    kind: "center",
    name: "语言县职工文化活动中心",
    nameEn: "Yuyan Workers' Culture Centre",
    parentId: county.id,
  });
  const startsAt = new Date(Date.now() + 3 * 86400_000);
  const activity = await prisma.activity.create({
    data: {
      centerId: center.id,
      countyId: county.id,
      title: "职工书法讲座",
      description: "欢迎报名。",
      category: "lecture",
      address: "语言县图书馆",
      startsAt,
      endsAt: new Date(startsAt.getTime() + 7200_000),
      signupOpensAt: new Date(Date.now() - 86400_000),
      signupClosesAt: new Date(startsAt.getTime() - 3600_000),
      capacity: 20,
      status: "published",
    },
  });
  activityId = activity.id;
});
afterAll(() => stopBrowserAndServer({ server, browser }));

test("English page: the centre's English name, and the Chinese title marked lang=zh-CN", async () => {
  const { page, errors } = await newPage(browser, { locale: "en" });
  await gotoInteractive(page, `${server.url}/activities/${activityId}`);
  const title = page.getByRole("heading", { level: 1, name: "职工书法讲座" });
  expect(await title.getAttribute("lang")).toBe("zh-CN");
  await page.getByText("Yuyan Workers' Culture Centre").first().waitFor();
  expect(await page.getByText("语言县职工文化活动中心").count()).toBe(0);
  // In the list too, and the Chinese page marks nothing Chinese.
  await gotoInteractive(page, `${server.url}/activities`);
  expect(await page.locator('a[href$="' + activityId + '"] [lang="zh-CN"]').count()).toBe(1);
  const zh = await newPage(browser, { locale: "zh-CN" });
  await gotoInteractive(zh.page, `${server.url}/activities/${activityId}`);
  expect(await zh.page.getByRole("heading", { level: 1 }).getAttribute("lang")).toBeNull();
  await zh.page.getByText("语言县职工文化活动中心").first().waitFor();
  assertNoConsoleErrors([...errors, ...zh.errors]);
  await zh.context.close();
  await page.context().close();
});

test("cancelling a seat asks in a dialog with JavaScript (Esc keeps it) and on a step page without", async () => {
  const worker = await createUser({ name: "钱书法" });
  // Without JavaScript: signing up and asking to cancel goes to the confirm step page.
  const noJs = await newPage(browser, { javaScript: false });
  await logInAs(noJs.context, server.url, worker.id);
  await noJs.page.goto(`${server.url}/activities/${activityId}`);
  await noJs.page.getByRole("button", { name: "立即报名" }).click();
  await noJs.page.getByRole("link", { name: "取消报名" }).click();
  await noJs.page.getByTestId("cancel-confirm").waitFor();
  expect(noJs.page.url()).toContain("confirm=cancel");
  await noJs.context.close();

  // With JavaScript: the same question in a modal dialog, on the registration page itself.
  const { page, context, errors } = await newPage(browser);
  await logInAs(context, server.url, worker.id);
  await gotoInteractive(page, `${server.url}/activities/${activityId}/registration`);
  const dialog = page.getByTestId("cancel-dialog");
  await page.getByRole("link", { name: "取消报名" }).click();
  await dialog.waitFor({ state: "visible" });
  expect(page.url()).not.toContain("confirm=");
  expect(await dialog.getAttribute("aria-labelledby")).toBeTruthy();
  // Focus starts on "keep", inside the dialog; Esc closes it and nothing changes.
  expect(await page.evaluate(() => document.activeElement?.closest("dialog") !== null)).toBe(true);
  await page.keyboard.press("Escape");
  await dialog.waitFor({ state: "hidden" });
  const status = async () =>
    (await prisma.registration.findFirstOrThrow({ where: { userId: worker.id, activityId } })).status;
  expect(await status()).toBe("confirmed");
  // Asked again and confirmed: the registration is cancelled.
  await page.getByRole("link", { name: "取消报名" }).click();
  await dialog.getByRole("button", { name: "确定取消报名" }).click();
  await expect.poll(status, { timeout: 30_000 }).toBe("cancelled");
  await dialog.waitFor({ state: "hidden" });
  assertNoConsoleErrors(errors);
  await context.close();
});

test("the dashboard's trend rows are dates as people write them, in each language", async () => {
  const staff = await createUser({ name: "趋势员" });
  await grantRole(staff.id, "union_staff", county.id);
  await recordFunnelStep({ step: "view", sourceType: "direct", countyId: county.id });
  const today = toLocalDateKey();
  const monday = new Date(
    Date.parse(`${today}T00:00:00Z`) - ((new Date(`${today}T00:00:00Z`).getUTCDay() + 6) % 7) * 86_400_000,
  )
    .toISOString()
    .slice(0, 10);
  for (const locale of ["en", "zh-CN"] as const) {
    const { page, context, errors } = await newPage(browser, { locale, width: 1280 });
    await logInAs(context, server.url, staff.id);
    await gotoInteractive(page, `${server.url}/union/dashboard?period=30`);
    await page.getByText(formatCalendarDate(monday, locale), { exact: true }).first().waitFor();
    expect(await page.getByText(monday, { exact: true }).count()).toBe(0); // no ISO week label
    assertNoConsoleErrors(errors);
    await context.close();
  }
});
