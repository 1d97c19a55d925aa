// A phone-sized Chromium takes a self-assessment from draft to a confirmed grade: the union's staff
// fill it in without JavaScript (draft, then evidence and submit), the county accepts it, the city
// confirms it, and the grade and level show.
import { afterAll, beforeAll, expect, test } from "vitest";
import type { Browser } from "playwright-core";
import { prisma } from "~/utils/db.server";
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
import { makeAssessment, PNG } from "../assessment/fixtures";

let server: TestServer;
let browser: Browser;
beforeAll(async () => ({ server, browser } = await startBrowserAndServer()));
afterAll(() => stopBrowserAndServer({ server, browser }));

test("self-assessment: draft → evidence and submit (no JavaScript) → county accepts → city confirms the grade", async () => {
  const a = await makeAssessment();

  // The union's staff, without JavaScript.
  const u = await newPage(browser, { javaScript: false });
  await logInAs(u.context, server.url, a.unionStaffA.id);
  await u.page.goto(`${server.url}/assessment`);
  await u.page.getByRole("button", { name: "填写自评" }).click();
  await u.page.getByTestId("submission-status").getByText("草稿").waitFor();
  expect(await overflowsHorizontally(u.page)).toBe(false);
  await u.page.locator(`select[name="score_${a.items.chair.id}"]`).selectOption("40");
  await u.page.locator(`input[name="score_${a.items.rules.id}"]`).fill("50");
  await u.page.getByRole("button", { name: "保存草稿" }).click();
  await u.page.getByText("草稿已保存。").waitFor();
  expect(await u.page.locator(`input[name="score_${a.items.rules.id}"]`).inputValue()).toBe("50");
  await u.page
    .locator(`input[name="evidence_${a.items.chair.id}"]`)
    .setInputFiles({ name: "选举批复.png", mimeType: "image/png", buffer: PNG });
  await u.page.locator(`input[name="score_${a.items.extra.id}"]`).fill("20");
  await u.page.getByRole("button", { name: "提交自评" }).click();
  await u.page.getByText("自评已提交，等待县级工会审核。").waitFor();
  await u.page.getByTestId("submission-status").getByText("已提交").waitFor();
  await u.page.getByRole("link", { name: "选举批复.png" }).waitFor();
  assertNoConsoleErrors(u.errors);
  const sub = await prisma.assessmentSubmission.findFirstOrThrow({
    where: { roundId: a.round.id, unionId: a.jointA.id },
  });

  // County staff accept it.
  const c = await newPage(browser);
  await logInAs(c.context, server.url, a.staffA.id);
  await gotoInteractive(c.page, `${server.url}/assessment`);
  await c.page.getByRole("link", { name: a.jointA.name }).click();
  await c.page.getByRole("button", { name: "审核通过" }).click();
  await c.page.getByText("已审核通过。").waitFor();
  await c.page.getByTestId("submission-status").getByText("县级已审核").waitFor();
  expect(await overflowsHorizontally(c.page)).toBe(false);
  assertNoConsoleErrors(c.errors);

  // City staff confirm: rigid 40 + 50 = 90 ≥ 85 → 达标; flexible 20 ≥ 20 → 二级.
  const city = await newPage(browser);
  await logInAs(city.context, server.url, a.cityStaff.id);
  await gotoInteractive(city.page, `${server.url}/assessment/submissions/${sub.id}`);
  await city.page.getByRole("button", { name: "确认分数并定档定级" }).click();
  await city.page.getByText("已确认：达标 · 二级").waitFor();
  await city.page.getByTestId("result").getByText("考评结果：达标 · 二级").waitFor();
  await city.page.getByTestId("submission-status").getByText("已确认").waitFor();
  expect(await overflowsHorizontally(city.page)).toBe(false);
  assertNoConsoleErrors(city.errors);
  expect(await prisma.assessmentSubmission.findUniqueOrThrow({ where: { id: sub.id } })).toMatchObject({
    status: "confirmed",
    grade: "pass",
    level: "two",
    rigidTotal: 90,
    flexibleTotal: 20,
  });
});
