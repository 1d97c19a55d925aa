import type { Browser } from "playwright-core";
import { afterAll, beforeAll, expect, test } from "vitest";
import { createUser } from "~/seed/factories.server";
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
import { makeContest, orgTree } from "../contests/fixture";

let server: TestServer;
let browser: Browser;
beforeAll(async () => ({ server, browser } = await startBrowserAndServer()));
afterAll(() => stopBrowserAndServer({ server, browser }));

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 73, 72, 68, 82]);

test("on a phone: a worker submits an entry → the organiser assigns a judge → the judge scores it → results are published", async () => {
  const tree = await orgTree("浏览器");
  const contest = await makeContest(tree.unionA.id, { phase: "submission", judgesPerEntry: 1 });
  const worker = await createUser({ name: "孔师傅", employerId: tree.entA.id });
  const judge = await createUser({ name: "评委许", phone: "13811112222", employerId: tree.entB.id });

  // 1. The worker submits an entry with a photo.
  const w = await newPage(browser);
  await logInAs(w.context, server.url, worker.id);
  await gotoInteractive(w.page, `${server.url}/contests/${contest.id}`);
  await w.page.getByRole("link", { name: "提交作品" }).click();
  // An empty title is caught in the browser before anything is sent.
  await w.page.getByRole("button", { name: "提交", exact: true }).click();
  await w.page.getByText("此项为必填项").first().waitFor();
  expect(await prisma.entry.count({ where: { contestId: contest.id } })).toBe(0);
  await w.page.getByLabel("标题").fill("液压支架快速换向阀");
  await w.page.getByLabel("存在的问题").fill("换向阀更换需要两小时。");
  await w.page.getByLabel("解决方案").fill("改为快插式结构。");
  await w.page
    .locator('input[name="attachments"]')
    .setInputFiles({ name: "阀门照片.png", mimeType: "image/png", buffer: PNG });
  // With JavaScript the photo is uploaded at once (with progress) and listed as uploaded.
  await w.page.getByRole("list", { name: "已上传" }).getByText("阀门照片.png").waitFor();
  expect(await overflowsHorizontally(w.page)).toBe(false);
  await w.page.getByRole("button", { name: "提交", exact: true }).click();
  await w.page.getByText("已提交，感谢参与！").waitFor();
  await w.page.getByText("液压支架快速换向阀").waitFor();
  await w.page.getByRole("link", { name: "申请入会" }).waitFor();
  assertNoConsoleErrors(w.errors);
  const stored = await prisma.entry.findFirstOrThrow({
    where: { contestId: contest.id },
    include: { attachments: { include: { file: true } } },
  });
  expect(stored.attachments.map((a) => a.file.name)).toEqual(["阀门照片.png"]);

  // Entries close; judging opens.
  const now = Date.now();
  await prisma.contest.update({
    where: { id: contest.id },
    data: {
      submissionClosesAt: new Date(now - 60_000),
      judgingOpensAt: new Date(now - 30_000),
      judgingClosesAt: new Date(now + 86400_000),
    },
  });

  // 2. The organiser invites the judge and assigns automatically.
  const o = await newPage(browser);
  await logInAs(o.context, server.url, tree.organiser.id);
  await gotoInteractive(o.page, `${server.url}/organise/${contest.id}/judges`);
  await o.page.getByLabel("邀请评委（手机号）").fill("13811112222");
  await o.page.getByRole("button", { name: "邀请" }).click();
  await o.page.getByText("评委已邀请。").waitFor();
  await o.page.getByRole("button", { name: "自动分配" }).click();
  await o.page.getByText("已新增 1 项分配。").waitFor();
  await o.page.getByText("(1/1)").waitFor();
  expect(await overflowsHorizontally(o.page)).toBe(false);

  // 3. The judge scores every criterion and submits.
  const j = await newPage(browser);
  await logInAs(j.context, server.url, judge.id);
  await gotoInteractive(j.page, `${server.url}/judging`);
  await j.page.getByRole("link", { name: "液压支架快速换向阀" }).click();
  await j.page.getByText("匿名评审").waitFor();
  expect(await j.page.content()).not.toContain("孔师傅");
  for (const [i, c] of contest.criteria.entries()) {
    await j.page.getByLabel(`${c.name} 得分`).fill(String(c.maxPoints - (i === 0 ? 2 : 0)));
  }
  await j.page.getByRole("button", { name: "提交评分" }).click();
  await j.page.getByText("评分已提交并锁定。").waitFor();
  await j.page.getByText("加权总分：98").waitFor();
  expect(await overflowsHorizontally(j.page)).toBe(false);
  assertNoConsoleErrors(j.errors);

  // 4. The organiser sees the score, keeps the pre-filled first prize and publishes.
  await gotoInteractive(o.page, `${server.url}/organise/${contest.id}/results`);
  await o.page.getByRole("cell", { name: "液压支架快速换向阀" }).waitFor();
  expect(await o.page.getByLabel("奖项").inputValue()).toBe(contest.tiers.find((t) => t.key === "first")!.id);
  await o.page.getByRole("button", { name: "公布结果" }).click();
  await o.page.getByText("结果已公布。").waitFor();
  assertNoConsoleErrors(o.errors);

  // 5. Anyone sees the award list.
  const p = await newPage(browser);
  await gotoInteractive(p.page, `${server.url}/contests/${contest.id}`);
  await p.page.getByText("获奖名单").waitFor();
  await p.page.getByRole("cell", { name: "一等奖" }).waitFor();
  await p.page.getByText("孔师傅").waitFor();
  expect(await overflowsHorizontally(p.page)).toBe(false);
  assertNoConsoleErrors(p.errors);
});
