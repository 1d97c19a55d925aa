import type { Browser } from "playwright-core";
import { afterAll, beforeAll, expect, test } from "vitest";
import { createOrg, createUser, grantRole } from "~/seed/factories.server";
import { prisma } from "~/utils/db.server";
import {
  assertNoConsoleErrors,
  gotoInteractive,
  logInAs,
  newPage,
  overflowsHorizontally,
  startBrowserAndServer,
  stopBrowserAndServer,
} from "../helpers/browser";
import type { TestServer } from "../helpers/server";

let server: TestServer;
let browser: Browser;
beforeAll(async () => ({ server, browser } = await startBrowserAndServer()));
afterAll(() => stopBrowserAndServer({ server, browser }));

test("on a phone: browse → sign up with an answer → see the QR → staff checks in by code → the join invitation is shown", async () => {
  const county = await createOrg({ kind: "county", name: "浏览器县总工会" });
  const center = await createOrg({ kind: "center", name: "浏览器县职工文化活动中心", parentId: county.id });
  const staff = await createUser({ name: "签到员" });
  await grantRole(staff.id, "center_staff", center.id);
  const worker = await createUser({ name: "赵铁柱" });
  const startsAt = new Date(Date.now() + 3 * 86400_000);
  const activity = await prisma.activity.create({
    data: {
      centerId: center.id,
      countyId: county.id,
      title: "职工拔河比赛",
      description: "**团队协作**，欢迎报名。",
      category: "sports_culture",
      address: "浏览器县体育场",
      startsAt,
      endsAt: new Date(startsAt.getTime() + 7200_000),
      signupOpensAt: new Date(Date.now() - 86400_000),
      signupClosesAt: new Date(startsAt.getTime() - 3600_000),
      capacity: 20,
      status: "published",
      questions: {
        create: [
          { position: 0, kind: "single", label: "所在班组", options: JSON.stringify(["一班", "二班"]), required: true },
        ],
      },
    },
  });

  const w = await newPage(browser);
  await logInAs(w.context, server.url, worker.id);
  await gotoInteractive(w.page, `${server.url}/activities`);
  await w.page.getByRole("link", { name: "职工拔河比赛" }).click();
  await w.page.getByText("团队协作").waitFor();
  expect(await overflowsHorizontally(w.page)).toBe(false);
  await w.page.getByLabel("二班").check();
  await w.page.getByRole("button", { name: "立即报名" }).click();
  await w.page.getByText("报名成功！").waitFor();
  await w.page.locator('[role="img"] svg').waitFor();
  const code = (await w.page.getByTestId("checkin-code").textContent())!.trim();
  expect(code).toMatch(/^[A-Z2-9]{6}$/);
  await expect(
    w.page.getByTestId("join-invite").getByRole("link", { name: "申请入会" }).getAttribute("href"),
  ).resolves.toBe(`/join/go?from=activity:${activity.id}`);
  expect(await overflowsHorizontally(w.page)).toBe(false);

  const s = await newPage(browser);
  await logInAs(s.context, server.url, staff.id);
  await gotoInteractive(s.page, `${server.url}/center/activities/${activity.id}/checkin`);
  await s.page.getByLabel("签到码").fill(code.toLowerCase());
  await s.page.getByRole("button", { name: "签到", exact: true }).first().click();
  await s.page.getByText("赵铁柱 签到成功。").waitFor();
  await s.page.getByText("赵铁柱 还不是工会会员").waitFor();
  await s.page.getByText("已签到 1 人").waitFor();
  expect(await overflowsHorizontally(s.page)).toBe(false);

  await gotoInteractive(w.page, `${server.url}/me/activities`);
  await w.page.getByText("感谢参加活动！欢迎加入工会").waitFor();
  expect(await overflowsHorizontally(w.page)).toBe(false);
  const reg = await prisma.registration.findFirstOrThrow({ where: { activityId: activity.id } });
  expect(JSON.parse(reg.answers)).toEqual({
    [(await prisma.activityQuestion.findFirstOrThrow({ where: { activityId: activity.id } })).id]: "二班",
  });
  expect(reg.attendedAt).not.toBeNull();
  assertNoConsoleErrors(w.errors);
  assertNoConsoleErrors(s.errors);
});
