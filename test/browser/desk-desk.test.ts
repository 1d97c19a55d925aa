// At the desk and on the worker's phone (issue #12 items 4–7): the attendee list with a manual
// promotion, approval mode end to end, the confirm steps without JavaScript, and how a cancelled
// activity's registration looks.
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, expect, test } from "vitest";
import { cancelActivity } from "~/domain/activities/manage.server";
import { signUp } from "~/domain/activities/registration.server";
import { createUser } from "~/seed/factories.server";
import { prisma } from "~/utils/db.server";
import { makeActivity, makeCenter } from "../activities/helpers";
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
import { makeContest, orgTree, submittedEntry } from "../contests/fixture";

let server: TestServer;
let browser: Browser;
beforeAll(async () => ({ server, browser } = await startBrowserAndServer()));
afterAll(() => stopBrowserAndServer({ server, browser }));

test("the attendee list shows the waiting list in order; staff promote one with a reason and the worker is told", async () => {
  const { center, staff } = await makeCenter("名单页");
  const activity = await makeActivity(center, { title: "职工乒乓球赛", capacity: 1 });
  const [seated, first, second] = [
    await createUser({ name: "有座位" }),
    await createUser({ name: "候补甲" }),
    await createUser({ name: "候补乙" }),
  ];
  for (const w of [seated, first, second]) await signUp({ activityId: activity.id, userId: w.id, answers: {} });

  const s = await newPage(browser);
  await logInAs(s.context, server.url, staff.id);
  await gotoInteractive(s.page, `${server.url}/center/activities/${activity.id}/attendees`);
  const list = s.page.getByTestId("attendee-list");
  await expect(list.getByRole("listitem").allTextContents()).resolves.toEqual([
    expect.stringContaining("有座位"),
    expect.stringContaining("候补甲"),
    expect.stringContaining("候补乙"),
  ]);
  await s.page.getByRole("link", { name: "候补（2）" }).click();
  await list.getByText("有座位").waitFor({ state: "detached" });
  expect(await list.getByRole("listitem").count()).toBe(2);
  const row = list.getByRole("listitem").filter({ hasText: "候补乙" });
  await row.getByText("候补第 2 位").waitFor();
  await row.getByRole("link", { name: "递补为正式…" }).click();
  await s.page.getByRole("heading", { name: "递补为正式名额" }).waitFor();
  await s.page.getByLabel("原因（会告知本人）").fill("班组长，负责组织");
  await s.page.getByRole("button", { name: "确认递补" }).click();
  await s.page.getByText("已递补为正式名额，并已通知本人。").waitFor();
  await list.getByRole("listitem").filter({ hasText: "候补乙" }).getByText("报名成功").waitFor();
  expect(await overflowsHorizontally(s.page)).toBe(false);
  expect(await prisma.notification.count({ where: { userId: second.id, kind: "activities.notify.promoted" } })).toBe(1);
  assertNoConsoleErrors(s.errors);
});

test("approval mode: the worker's sign-up waits for approval; once staff approve it, the QR appears", async () => {
  const { center, staff } = await makeCenter("审核页");
  const activity = await makeActivity(center, { title: "技能培训班", approvalRequired: true });
  const worker = await createUser({ name: "申请人" });

  const w = await newPage(browser);
  await logInAs(w.context, server.url, worker.id);
  await gotoInteractive(w.page, `${server.url}/activities/${activity.id}`);
  await w.page.getByText("本活动报名需主办方审核").waitFor();
  await w.page.getByRole("button", { name: "提交报名申请" }).click();
  await w.page.getByText("报名申请已提交，请等待主办方审核。").waitFor();
  await expect(w.page.getByTestId("registration-status").textContent()).resolves.toBe("待审核");
  await expect(w.page.getByTestId("checkin-code").count()).resolves.toBe(0);

  const s = await newPage(browser);
  await logInAs(s.context, server.url, staff.id);
  await gotoInteractive(s.page, `${server.url}/center/activities/${activity.id}/attendees?show=pending`);
  await s.page.getByRole("listitem").filter({ hasText: "申请人" }).getByRole("button", { name: "通过" }).click();
  await s.page.getByText("已通过审核，该职工获得正式名额。").waitFor();
  await s.page.getByRole("link", { name: "待审核（0）" }).waitFor();

  await gotoInteractive(w.page, `${server.url}/activities/${activity.id}/registration`);
  await expect(w.page.getByTestId("registration-status").textContent()).resolves.toBe("报名成功");
  await w.page.getByTestId("checkin-code").waitFor();
  assertNoConsoleErrors(w.errors);
  assertNoConsoleErrors(s.errors);
});

test("without JavaScript, cancelling a seat and withdrawing an entry each ask once more before acting", async () => {
  const { center } = await makeCenter("确认页");
  const activity = await makeActivity(center, { title: "读书会" });
  const tree = await orgTree("确认");
  const contest = await makeContest(tree.unionA.id, { phase: "submission" });
  const worker = await createUser({ name: "确认者", employerId: tree.entA.id });
  await signUp({ activityId: activity.id, userId: worker.id, answers: {} });
  const entry = await submittedEntry(contest.id, { ...worker, employerId: tree.entA.id }, tree.unionA.id, {
    title: "节能照明改造",
  });

  const n = await newPage(browser, { javaScript: false });
  await logInAs(n.context, server.url, worker.id);
  await n.page.goto(`${server.url}/activities/${activity.id}/registration`);
  await n.page.getByRole("link", { name: "取消报名" }).click();
  await n.page.getByText("取消后，您的名额会立即让给候补名单中的下一位").waitFor();
  // Changing one's mind keeps the seat.
  await n.page.getByRole("link", { name: "保留报名" }).click();
  await n.page.getByRole("link", { name: "取消报名" }).waitFor();
  expect((await prisma.registration.findFirstOrThrow({ where: { userId: worker.id } })).status).toBe("confirmed");
  await n.page.getByRole("link", { name: "取消报名" }).click();
  await n.page.getByRole("button", { name: "确定取消报名" }).click();
  await n.page.getByText("已取消报名。").first().waitFor();
  expect((await prisma.registration.findFirstOrThrow({ where: { userId: worker.id } })).status).toBe("cancelled");

  await n.page.goto(`${server.url}/me/entries`);
  await n.page.getByRole("link", { name: "撤回" }).click();
  await n.page.getByText("确定撤回这件作品吗？").waitFor();
  expect((await prisma.entry.findUniqueOrThrow({ where: { id: entry.id } })).status).toBe("submitted");
  await n.page.getByRole("button", { name: "确定撤回" }).click();
  await n.page.getByText("已撤回。").waitFor();
  expect((await prisma.entry.findUniqueOrThrow({ where: { id: entry.id } })).status).toBe("withdrawn");
  assertNoConsoleErrors(n.errors);
});

test("a cancelled activity's registration no longer looks valid: no 'Confirmed', no QR", async () => {
  const { center } = await makeCenter("取消页");
  const activity = await makeActivity(center, { title: "春季长跑" });
  const worker = await createUser({ name: "被取消者" });
  await signUp({ activityId: activity.id, userId: worker.id, answers: {} });
  await cancelActivity(activity.id);

  const w = await newPage(browser);
  await logInAs(w.context, server.url, worker.id);
  await gotoInteractive(w.page, `${server.url}/activities/${activity.id}/registration`);
  await expect(w.page.getByTestId("registration-status").textContent()).resolves.toBe("活动已取消，报名无效");
  await expect(w.page.getByText("报名成功").count()).resolves.toBe(0);
  await expect(w.page.getByTestId("checkin-code").count()).resolves.toBe(0);
  await expect(w.page.locator('[role="img"] svg').count()).resolves.toBe(0);
  await expect(w.page.getByRole("link", { name: "取消报名" }).count()).resolves.toBe(0);
  assertNoConsoleErrors(w.errors);
});
