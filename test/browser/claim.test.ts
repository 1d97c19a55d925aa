// Issue #10: a walk-in registered at the door follows the join invitation's QR on a 360 px phone:
// claim page (phone prefilled) → SMS code → password → the join application, attributed to the
// activity → submitted.
import { afterAll, beforeAll, expect, test } from "vitest";
import type { Browser } from "playwright-core";
import { createUser, grantRole } from "~/seed/factories.server";
import { prisma } from "~/utils/db.server";
import { lastCode } from "../account/helpers";
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
import { makeActivity, makeCity } from "../membership/fixtures";

let server: TestServer;
let browser: Browser;
beforeAll(async () => ({ server, browser } = await startBrowserAndServer()));
afterAll(() => stopBrowserAndServer({ server, browser }));

test("door QR → claim the walk-in account with an SMS code → join application with the activity → submitted", async () => {
  const c = await makeCity();
  const activity = await makeActivity(c.centerA.id, c.countyA.id);
  const staff = await createUser({ name: "签到员" });
  await grantRole(staff.id, "center_staff", c.centerA.id);
  const phone = "13766660001";

  // At the door: staff register the walk-in; the invitation's QR carries the claim link.
  const s = await newPage(browser);
  await logInAs(s.context, server.url, staff.id);
  await gotoInteractive(s.page, `${server.url}/center/activities/${activity.id}/checkin`);
  await s.page.locator("#walkin-name").fill("钱多多");
  await s.page.locator("#walkin-phone").fill(phone);
  await s.page.getByRole("button", { name: "报名并签到" }).click();
  const qr = s.page.locator("[data-invite-url]");
  await qr.waitFor();
  const inviteUrl = (await qr.getAttribute("data-invite-url"))!;
  expect(new URL(inviteUrl).pathname).toBe("/claim");
  assertNoConsoleErrors(s.errors);

  // The worker's phone opens the QR's link.
  const w = await newPage(browser);
  await gotoInteractive(w.page, `${server.url}${new URL(inviteUrl).pathname}${new URL(inviteUrl).search}`);
  await w.page.getByRole("heading", { name: "领取您的账号" }).waitFor();
  expect(await w.page.getByLabel("手机号").inputValue()).toBe(phone);
  expect(await overflowsHorizontally(w.page)).toBe(false);
  await w.page.getByRole("button", { name: "获取验证码" }).click();
  await w.page.getByText(`验证码已发送至 ${phone}`).waitFor();
  await w.page.getByLabel("短信验证码").fill(await lastCode(phone));
  await w.page.getByLabel("密码", { exact: true }).fill("Claimed2026");
  await w.page.getByLabel("确认密码").fill("Claimed2026");
  await w.page.getByRole("button", { name: "领取账号并继续" }).click();

  // Straight on to the application, which knows where they came from.
  await w.page.getByText(`您是通过活动「${activity.title}」来到这里的。`).waitFor();
  expect(await overflowsHorizontally(w.page)).toBe(false);
  await w.page.locator("#county-picker").selectOption(c.countyA.id);
  await w.page.getByRole("button", { name: "显示该地单位" }).click();
  await w.page.waitForURL(/county=/);
  await w.page.locator("html[data-hydrated]").waitFor({ state: "attached" });
  await w.page.getByLabel("性别").selectOption("female");
  await w.page.getByLabel("出生日期").fill("1995-03-08");
  await w.page.getByLabel("工作单位").selectOption({ label: c.shop.name });
  await w.page.getByLabel("用工形式").selectOption("flexible");
  await w.page.locator('input[name="isMigrant"][value="no"]').check();
  await w.page.locator('input[name="consentSensitive"]').check();
  await w.page.getByRole("button", { name: "提交入会申请" }).click();
  await w.page.getByText("入会申请已提交，请等待工会审核。").waitFor();

  const user = await prisma.user.findUniqueOrThrow({ where: { phone } });
  expect(user.unclaimed).toBe(false);
  const application = await prisma.membershipApplication.findFirstOrThrow({ where: { userId: user.id } });
  expect(application).toMatchObject({ status: "pending", lastSourceType: "activity", lastActivityId: activity.id });
  assertNoConsoleErrors(w.errors);
});
