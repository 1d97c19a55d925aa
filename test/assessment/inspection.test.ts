// Inspection groups visit and confirm the unions they are assigned; counties nominate excellent
// unions, the city confirms them, and the public page lists the confirmed ones.
import { afterAll, beforeAll, expect, test } from "vitest";
import { createGroup } from "~/domain/assessment/inspection.server";
import { acceptSubmission, startSubmission } from "~/domain/assessment/submissions.server";
import { createUser } from "~/seed/factories.server";
import { prisma } from "~/utils/db.server";
import { getPage, postForm, sessionCookieFor, startServer, type TestServer } from "../helpers/server";
import { makeAssessment, PNG, type Assessment } from "./fixtures";

let server: TestServer;
let a: Assessment;
beforeAll(async () => {
  server = await startServer();
  a = await makeAssessment();
});
afterAll(() => server.close());

async function submitted(unionId: string, staffId: string, scores: Record<string, string>) {
  const id = await startSubmission(a.round.id, unionId);
  const f = new FormData();
  f.append("intent", "submit");
  for (const [k, v] of Object.entries(scores)) f.append(k, v);
  f.append(`evidence_${a.items.chair.id}`, new Blob([new Uint8Array(PNG)], { type: "image/png" }), "chair.png");
  expect(
    (await postForm(server, `/assessment/submissions/${id}`, f, { cookie: await sessionCookieFor(staffId) })).status,
  ).toBe(200);
  return id;
}

test("an inspection group visits its county's unions with photos and confirms or changes scores; other counties are not theirs", async () => {
  const leader = await createUser({ name: "督查组长" });
  await createGroup(
    { roundId: a.round.id, name: "第一包联督查组", leaderId: leader.id, memberIds: [], targetOrgIds: [a.countyA.id] },
    a.cityStaff.id,
  );
  await expect(
    createGroup(
      { roundId: a.round.id, name: "重复", leaderId: leader.id, memberIds: [], targetOrgIds: [a.countyA.id] },
      a.cityStaff.id,
    ),
  ).rejects.toMatchObject({ key: "assessment.error.targetTaken" });
  const cookie = await sessionCookieFor(leader.id);
  const idA = await submitted(a.jointA.id, a.unionStaffA.id, {
    [`score_${a.items.chair.id}`]: "40",
    [`score_${a.items.rules.id}`]: "30",
    [`score_${a.items.extra.id}`]: "5",
  });
  const idB = await startSubmission(a.round.id, a.jointB.id);
  expect((await getPage(server, `/assessment/submissions/${idB}`, { cookie })).status).toBe(403);
  expect(await (await getPage(server, "/assessment", { cookie })).text()).toContain(a.jointA.name);

  const visit = new FormData();
  visit.append("intent", "visit");
  visit.append("visitedOn", "2026-11-20");
  visit.append("findings", "制度上墙，台账不全");
  visit.append("photos", new Blob([new Uint8Array(PNG)], { type: "image/png" }), "现场.png");
  const res = await postForm(server, `/assessment/submissions/${idA}`, visit, { cookie });
  expect(res.status).toBe(200);
  expect(await res.text()).toContain("走访已记录。");
  const stored = await prisma.inspectionVisit.findFirstOrThrow({
    where: { submissionId: idA },
    include: { photos: true },
  });
  expect(stored.photos).toHaveLength(1);
  expect(
    (
      await getPage(server, `/assessment/files/${stored.photos[0].fileId}`, {
        cookie: await sessionCookieFor(a.unionStaffA.id),
      })
    ).status,
  ).toBe(200);
  const badDate = await postForm(
    server,
    `/assessment/submissions/${idA}`,
    { intent: "visit", visitedOn: "2026-13-45", findings: "x" },
    { cookie },
  );
  expect(badDate.status).toBe(400);
  expect(await badDate.text()).toContain("请输入正确的日期。");
  // Someone outside the group cannot record a visit, even the county's own staff.
  const outsider = await postForm(
    server,
    `/assessment/submissions/${idA}`,
    { intent: "visit", visitedOn: "2026-11-20", findings: "x" },
    { cookie: await sessionCookieFor(a.staffA.id) },
  );
  expect(outsider.status).toBe(403);
  expect(await outsider.text()).toContain("您不是负责该工会的督查组成员。");

  await acceptSubmission(idA, a.staffA.id);
  expect(
    (
      await postForm(
        server,
        `/assessment/submissions/${idA}`,
        { intent: "adjust", itemId: a.items.rules.id, score: "20", reason: "台账不全" },
        { cookie },
      )
    ).status,
  ).toBe(200);
  const confirm = await postForm(server, `/assessment/submissions/${idA}`, { intent: "confirm" }, { cookie });
  expect(confirm.status).toBe(200);
  // 40 + 20 = 60 < 70 → 未达标, and a union below the standard is not rated.
  expect(await prisma.assessmentSubmission.findUniqueOrThrow({ where: { id: idA } })).toMatchObject({
    status: "confirmed",
    grade: "fail",
    level: "none",
    rigidTotal: 60,
  });
  expect(
    await prisma.auditLog.count({
      where: {
        actorId: leader.id,
        action: { in: ["assessment.score.confirm", "assessment.confirm", "assessment.visit"] },
      },
    }),
  ).toBe(3);
});

test("excellent unions: only confirmed unions meeting the standard, nominated by the county, confirmed by the city, then public", async () => {
  const idB = await submitted(a.jointB.id, a.unionStaffB.id, {
    [`score_${a.items.chair.id}`]: "40",
    [`score_${a.items.rules.id}`]: "55",
    [`score_${a.items.extra.id}`]: "30",
  });
  const county = await sessionCookieFor(a.staffB.id);
  const city = await sessionCookieFor(a.cityStaff.id);
  const early = await postForm(
    server,
    "/assessment/excellent",
    { intent: "nominate", roundId: a.round.id, unionId: a.jointB.id, reason: "好" },
    { cookie: county },
  );
  expect(early.status).toBe(409);
  expect(await early.text()).toContain("只有考评已确认为达标的工会才能推荐。");
  await acceptSubmission(idB, a.staffB.id);
  expect(
    (await postForm(server, `/assessment/submissions/${idB}`, { intent: "confirm" }, { cookie: city })).status,
  ).toBe(200);
  // County A's staff cannot nominate county B's union.
  expect(
    (
      await postForm(
        server,
        "/assessment/excellent",
        { intent: "nominate", roundId: a.round.id, unionId: a.jointB.id, reason: "好" },
        { cookie: await sessionCookieFor(a.staffA.id) },
      )
    ).status,
  ).toBe(403);
  expect(
    (
      await postForm(
        server,
        "/assessment/excellent",
        { intent: "nominate", roundId: a.round.id, unionId: a.jointB.id, reason: "职工之家建设扎实" },
        { cookie: county },
      )
    ).status,
  ).toBe(200);
  const again = await postForm(
    server,
    "/assessment/excellent",
    { intent: "nominate", roundId: a.round.id, unionId: a.jointB.id, reason: "再推" },
    { cookie: county },
  );
  expect(again.status).toBe(409);
  const nomination = await prisma.excellentUnion.findFirstOrThrow({ where: { unionId: a.jointB.id } });
  expect(await (await getPage(server, "/excellent?year=2026")).text()).not.toContain(a.jointB.name);
  expect(
    (await postForm(server, "/assessment/excellent", { intent: "confirm", id: nomination.id }, { cookie: county }))
      .status,
  ).toBe(403);
  expect(
    (await postForm(server, "/assessment/excellent", { intent: "confirm", id: nomination.id }, { cookie: city }))
      .status,
  ).toBe(200);
  const pub = await (await getPage(server, `/excellent?year=2026&county=${a.countyB.id}`)).text();
  expect(pub).toContain(a.jointB.name);
  expect(pub).toContain("职工之家建设扎实");
});
