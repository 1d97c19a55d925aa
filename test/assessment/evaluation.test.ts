// Members rate their union: one answer per member and round even when several arrive at once,
// anonymous to the union's own staff (a summary only from 5 answers, never the answers themselves),
// and the satisfaction rate feeds the "members satisfied" item.
import { afterAll, beforeAll, expect, test } from "vitest";
import { computeFigures } from "~/domain/assessment/figures.server";
import { createRound, createScheme, openRound } from "~/domain/assessment/schemes.server";
import { startSubmission } from "~/domain/assessment/submissions.server";
import { createUser } from "~/seed/factories.server";
import { prisma } from "~/utils/db.server";
import { getPage, postForm, sessionCookieFor, startServer, type TestServer } from "../helpers/server";
import { makeAssessment, type Assessment } from "./fixtures";

let server: TestServer;
let a: Assessment;
beforeAll(async () => {
  server = await startServer();
  a = await makeAssessment();
});
afterAll(() => server.close());

let n = 0;
async function member(unionId: string) {
  const user = await createUser();
  await prisma.membership.create({
    data: {
      userId: user.id,
      unionId,
      number: `T${Date.now()}${n++}`,
      since: new Date(),
      verifyToken: `tok-${Date.now()}-${n++}`,
    },
  });
  return { user, cookie: await sessionCookieFor(user.id) };
}
const answer = (r: number, comment = "") => ({
  services: String(r),
  activities: String(r),
  rights: String(r),
  openness: String(r),
  comment,
});

test("parallel answers from one member: exactly one is kept, the others get a message and a 409", async () => {
  const m = await member(a.jointA.id);
  const replies = await Promise.all(
    Array.from({ length: 6 }, () => postForm(server, `/me/evaluation/${a.round.id}`, answer(5), { cookie: m.cookie })),
  );
  const statuses = replies.map((r) => r.status).sort();
  expect(statuses).toEqual([200, 409, 409, 409, 409, 409]);
  const refused = replies.find((r) => r.status === 409)!;
  expect(await refused.text()).toContain("您已评价过本轮，每位会员每轮只能评价一次。");
  expect(await prisma.evaluationReceipt.count({ where: { roundId: a.round.id, userId: m.user.id } })).toBe(1);
  expect(await prisma.memberEvaluation.count({ where: { roundId: a.round.id, unionId: a.jointA.id } })).toBe(1);
  // The answer itself carries nothing that leads back to the member.
  const stored = await prisma.memberEvaluation.findFirstOrThrow({ where: { roundId: a.round.id } });
  expect(Object.keys(stored).sort()).toEqual(["average", "comment", "countyId", "id", "ratings", "roundId", "unionId"]);
  // A later visit says thanks instead of offering the form again.
  expect(await (await getPage(server, `/me/evaluation/${a.round.id}`, { cookie: m.cookie })).text()).toContain(
    "感谢您的评价！",
  );
});

test("bad ratings and non-members are refused", async () => {
  const m = await member(a.jointA.id);
  const bad = await postForm(
    server,
    `/me/evaluation/${a.round.id}`,
    { ...answer(5), rights: "6" },
    { cookie: m.cookie },
  );
  expect(bad.status).toBe(400);
  expect(await bad.text()).toContain("请为每一项选择 1 到 5 分。");
  const outsider = await createUser();
  const res = await postForm(server, `/me/evaluation/${a.round.id}`, answer(4), {
    cookie: await sessionCookieFor(outsider.id),
  });
  expect(res.status).toBe(403);
  expect(await res.text()).toContain("只有工会会员可以评价。");
});

test("the union's staff see no summary below 5 answers and never individual answers; reviewers above see them from 5", async () => {
  const id = await startSubmission(a.round.id, a.jointB.id);
  const unionStaff = await sessionCookieFor(a.unionStaffB.id);
  const county = await sessionCookieFor(a.staffB.id);
  for (let i = 0; i < 4; i++)
    await postForm(server, `/me/evaluation/${a.round.id}`, answer(i < 3 ? 5 : 2, `意见${i}：食堂要改进`), {
      cookie: (await member(a.jointB.id)).cookie,
    });
  let page = await (await getPage(server, `/assessment/submissions/${id}`, { cookie: unionStaff })).text();
  expect(page).toContain("已有 4 名会员评价；不足 5 人时不显示汇总");
  expect(page).not.toContain("满意率");
  expect(await (await getPage(server, `/assessment/submissions/${id}/answers`, { cookie: county })).text()).toContain(
    "不足 5 名会员评价，不显示。",
  );

  await postForm(server, `/me/evaluation/${a.round.id}`, answer(4, "意见4：活动很好"), {
    cookie: (await member(a.jointB.id)).cookie,
  });
  page = await (await getPage(server, `/assessment/submissions/${id}`, { cookie: unionStaff })).text();
  expect(page).toContain("5 名会员评价，满意率 80%");
  expect(page).not.toContain("食堂要改进");
  expect(page).not.toContain("/answers");
  const own = await getPage(server, `/assessment/submissions/${id}/answers`, { cookie: unionStaff });
  expect(own.status).toBe(403);
  expect(await own.text()).toContain("工会本单位的工作人员不能查看逐条评价");
  const above = await (await getPage(server, `/assessment/submissions/${id}/answers`, { cookie: county })).text();
  expect(above).toContain("食堂要改进");
  // Another county's staff see nothing of it.
  expect(
    (await getPage(server, `/assessment/submissions/${id}/answers`, { cookie: await sessionCookieFor(a.staffA.id) }))
      .status,
  ).toBe(403);
});

test("the satisfaction rate feeds the 'members satisfied' item (4 of 5 satisfied → 80 % → 20 of 25 points)", async () => {
  const scheme = await createScheme({
    key: `sat-${a.city.id}`,
    year: 2026,
    unionKinds: ["joint"],
    name: "满意度方案",
    items: [
      {
        kind: "rigid",
        scoring: "points",
        name: "有会员满意的工作绩效",
        maxPoints: 25,
        autoSource: "satisfaction",
        autoPer: 0.25,
      },
    ],
  });
  const round = await createRound(
    { year: 2026, name: "满意度轮次", deadline: new Date(Date.now() + 86_400_000), schemeIds: [scheme.id] },
    a.cityStaff.id,
  );
  await openRound(round.id, a.cityStaff.id);
  for (const r of [5, 5, 4, 4, 3])
    await postForm(server, `/me/evaluation/${round.id}`, answer(r), { cookie: (await member(a.jointA.id)).cookie });
  expect((await computeFigures(a.jointA.id, round.id, 2026)).satisfaction).toBe(80);
  const id = await startSubmission(round.id, a.jointA.id);
  const page = await (
    await getPage(server, `/assessment/submissions/${id}`, { cookie: await sessionCookieFor(a.unionStaffA.id) })
  ).text();
  expect(page).toContain("数据：80");
  expect(page).toContain("得分 20");
});
