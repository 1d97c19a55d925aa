// The self-assessment through the real server: figures filled in from the portal's data (and not
// overwritable), bad scores and evidence refused with a message and nothing written, the deadline,
// scope between unions and counties, and the way up from draft to a confirmed grade, audited.
import { afterAll, beforeAll, beforeEach, expect, test } from "vitest";
import { computeFigures } from "~/domain/assessment/figures.server";
import { startSubmission } from "~/domain/assessment/submissions.server";
import { createUser } from "~/seed/factories.server";
import { prisma } from "~/utils/db.server";
import { getPage, postForm, sessionCookieFor, startServer, type TestServer } from "../helpers/server";
import { makeActivity } from "../membership/fixtures";
import { makeAssessment, PNG, type Assessment } from "./fixtures";

let server: TestServer;
let a: Assessment;
let cookie: Record<"unionA" | "unionB" | "countyA" | "countyB" | "city", string>;
beforeAll(async () => {
  server = await startServer();
});
// A fresh assessment (round, unions, staff) for each test: they move its one submission per union through its
// states, so a shared one made the tests depend on their order.
beforeEach(async () => {
  a = await makeAssessment();
  const [unionA, unionB, countyA, countyB, city] = await Promise.all(
    [a.unionStaffA, a.unionStaffB, a.staffA, a.staffB, a.cityStaff].map((u) => sessionCookieFor(u.id)),
  );
  cookie = { unionA, unionB, countyA, countyB, city };
});
afterAll(() => server.close());

function form(
  fields: Record<string, string>,
  files: Record<string, { bytes: Buffer; name: string; type: string }> = {},
) {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) f.append(k, v);
  for (const [k, file] of Object.entries(files))
    f.append(k, new Blob([new Uint8Array(file.bytes)], { type: file.type }), file.name);
  return f;
}

test("auto-filled figures are the portal's own counts, shown with their source, and cannot be overwritten", async () => {
  // Two activities held by a center under county A's joint union this year, with attendance.
  const center = await prisma.organisation.create({
    data: {
      kind: "center",
      name: "联合工会职工之家",
      parentId: a.jointA.id,
      path: `${a.jointA.path}ctr-${a.jointA.id}/`,
      countyId: a.countyA.id,
    },
  });
  for (let i = 0; i < 2; i++) {
    const activity = await makeActivity(center.id, a.countyA.id);
    const w = await createUser();
    await prisma.registration.create({
      data: {
        activityId: activity.id,
        userId: w.id,
        status: "confirmed",
        checkinCode: `C${i}`,
        attendedAt: new Date(),
      },
    });
  }
  // A third, only planned (future), and one of another union: neither counts.
  await prisma.activity.update({
    where: { id: (await makeActivity(center.id, a.countyA.id)).id },
    data: { startsAt: new Date(Date.now() + 5 * 86_400_000) },
  });
  await makeActivity(a.centerA.id, a.countyA.id);
  const id = await startSubmission(a.round.id, a.jointA.id);
  const figures = await computeFigures(a.jointA.id, a.round.id, 2026);
  expect(figures).toMatchObject({ activities: 2, attendance: 2, members: 0, satisfaction: null });

  const page = await (await getPage(server, `/assessment/submissions/${id}`, { cookie: cookie.unionA })).text();
  expect(page).toContain("数据：2");
  expect(page).toContain("来源：本平台活动（本年度本会及所属阵地已举办的活动）");
  expect(page).toContain("得分 10"); // 2 activities × 5 points, capped at 20

  const res = await postForm(
    server,
    `/assessment/submissions/${id}`,
    form({ intent: "save", [`score_${a.items.activities.id}`]: "20" }),
    { cookie: cookie.unionA },
  );
  expect(res.status).toBe(400);
  expect(await res.text()).toContain("「通过平台开展的活动」由平台数据自动填入，不能手工修改。");
  expect(await prisma.assessmentScore.count({ where: { submissionId: id } })).toBe(0);
});

test("scores out of range and evidence of the wrong type are refused with a message; nothing is written", async () => {
  const id = await startSubmission(a.round.id, a.jointA.id);
  const range = await postForm(
    server,
    `/assessment/submissions/${id}`,
    form({ intent: "save", [`score_${a.items.rules.id}`]: "61" }),
    { cookie: cookie.unionA },
  );
  expect(range.status).toBe(400);
  expect(await range.text()).toContain("分数须在 0 到 60 之间。");
  const passFail = await postForm(
    server,
    `/assessment/submissions/${id}`,
    form({ intent: "save", [`score_${a.items.chair.id}`]: "20" }),
    { cookie: cookie.unionA },
  );
  expect(passFail.status).toBe(400);
  expect(await passFail.text()).toContain("该项只能选择达到或未达到。");
  const badType = await postForm(
    server,
    `/assessment/submissions/${id}`,
    form(
      { intent: "save", [`score_${a.items.rules.id}`]: "50" },
      {
        [`evidence_${a.items.chair.id}`]: {
          bytes: Buffer.from("MZ not really a picture"),
          name: "photo.png",
          type: "image/png",
        },
      },
    ),
    { cookie: cookie.unionA },
  );
  expect(badType.status).toBe(400);
  expect(await badType.text()).toContain("文件类型不受支持");
  const big = Buffer.concat([PNG, Buffer.alloc(11 * 1024 * 1024)]);
  const tooLarge = await postForm(
    server,
    `/assessment/submissions/${id}`,
    form({ intent: "save" }, { [`evidence_${a.items.chair.id}`]: { bytes: big, name: "scan.png", type: "image/png" } }),
    { cookie: cookie.unionA },
  );
  expect(tooLarge.status).toBe(413);
  expect(await tooLarge.text()).toContain("文件过大：每个文件不超过 10 MB");
  const missing = await postForm(
    server,
    `/assessment/submissions/${id}`,
    form({ intent: "submit", [`score_${a.items.rules.id}`]: "50", [`score_${a.items.chair.id}`]: "40" }),
    { cookie: cookie.unionA },
  );
  expect(missing.status).toBe(400);
  expect(await missing.text()).toContain("该项须上传佐证材料。");
  expect(await prisma.assessmentScore.count({ where: { submissionId: id } })).toBe(0);
  expect(await prisma.assessmentFile.count({ where: { submissionId: id } })).toBe(0);
  expect((await prisma.assessmentSubmission.findUniqueOrThrow({ where: { id } })).status).toBe("draft");
});

test("union staff see only their own union's submission; a county only its own unions", async () => {
  const idA = await startSubmission(a.round.id, a.jointA.id);
  const idB = await startSubmission(a.round.id, a.jointB.id);
  const other = await getPage(server, `/assessment/submissions/${idB}`, { cookie: cookie.unionA });
  expect(other.status).toBe(403);
  expect(await other.text()).toContain("无权访问");
  const post = await postForm(server, `/assessment/submissions/${idB}`, form({ intent: "save" }), {
    cookie: cookie.unionA,
  });
  expect(post.status).toBe(403);
  expect((await getPage(server, `/assessment/submissions/${idA}`, { cookie: cookie.countyB })).status).toBe(403);
  expect((await getPage(server, `/assessment/submissions/${idA}`, { cookie: cookie.countyA })).status).toBe(200);
  // A union's staff cannot review or confirm their own submission.
  expect(
    (await postForm(server, `/assessment/submissions/${idA}`, { intent: "accept" }, { cookie: cookie.unionA })).status,
  ).toBe(403);
  expect(
    (await postForm(server, `/assessment/submissions/${idA}`, { intent: "confirm" }, { cookie: cookie.countyA }))
      .status,
  ).toBe(403);
  // The overview of county B's staff names no union of county A, and they cannot ask for county A.
  const overview = await getPage(server, `/assessment?round=${a.round.id}`, { cookie: cookie.countyB });
  expect(overview.status).toBe(200);
  const html = await overview.text();
  expect(html).not.toContain(a.countyA.name);
  expect(
    (await getPage(server, `/assessment?round=${a.round.id}&county=${a.countyA.id}`, { cookie: cookie.countyB }))
      .status,
  ).toBe(403);
  expect(
    (
      await getPage(server, `/assessment/export?round=${a.round.id}&table=coverage&format=csv&county=${a.countyA.id}`, {
        cookie: cookie.countyB,
      })
    ).status,
  ).toBe(403);
  // A worker with no staff role has no business here.
  const worker = await createUser();
  expect((await getPage(server, "/assessment", { cookie: await sessionCookieFor(worker.id) })).status).toBe(403);
});

test("draft → submitted → adjusted and accepted by the county → confirmed by the city: grade and level, every step audited", async () => {
  const id = await startSubmission(a.round.id, a.jointA.id);
  const url = `/assessment/submissions/${id}`;
  const draft = await postForm(
    server,
    url,
    form({ intent: "save", [`score_${a.items.rules.id}`]: "55", [`note_${a.items.rules.id}`]: "制度汇编已印发" }),
    { cookie: cookie.unionA },
  );
  expect(draft.status).toBe(200);
  expect(await draft.text()).toContain("草稿已保存。");
  const submit = await postForm(
    server,
    url,
    form(
      {
        intent: "submit",
        [`score_${a.items.rules.id}`]: "55",
        [`score_${a.items.chair.id}`]: "40",
        [`score_${a.items.extra.id}`]: "12.5",
      },
      { [`evidence_${a.items.chair.id}`]: { bytes: PNG, name: "选举批复.png", type: "image/png" } },
    ),
    { cookie: cookie.unionA },
  );
  expect(submit.status).toBe(200);
  expect(await submit.text()).toContain("自评已提交，等待县级工会审核。");
  const again = await postForm(server, url, form({ intent: "save", [`score_${a.items.rules.id}`]: "60" }), {
    cookie: cookie.unionA,
  });
  expect(again.status).toBe(409);
  expect(await again.text()).toContain("该自评已提交或已审核，不能再修改。");

  // The evidence is readable by the county, not by another union's staff.
  const file = await prisma.assessmentFile.findFirstOrThrow({ where: { submissionId: id } });
  expect((await getPage(server, `/assessment/files/${file.fileId}`, { cookie: cookie.countyA })).status).toBe(200);
  expect((await getPage(server, `/assessment/files/${file.fileId}`, { cookie: cookie.unionB })).status).toBe(403);

  const noReason = await postForm(
    server,
    url,
    { intent: "adjust", itemId: a.items.rules.id, score: "50", reason: "" },
    { cookie: cookie.countyA },
  );
  expect(noReason.status).toBe(400);
  expect(await noReason.text()).toContain("请填写理由。");
  const tooHigh = await postForm(
    server,
    url,
    { intent: "adjust", itemId: a.items.rules.id, score: "70", reason: "x" },
    { cookie: cookie.countyA },
  );
  expect(tooHigh.status).toBe(400);
  expect(await tooHigh.text()).toContain("分数须在 0 到 60 之间。");
  expect(
    (
      await postForm(
        server,
        url,
        { intent: "adjust", itemId: a.items.rules.id, score: "42", reason: "缺少女职工委员会制度" },
        { cookie: cookie.countyA },
      )
    ).status,
  ).toBe(200);
  expect((await postForm(server, url, { intent: "accept" }, { cookie: cookie.countyA })).status).toBe(200);
  const confirm = await postForm(server, url, { intent: "confirm" }, { cookie: cookie.city });
  expect(confirm.status).toBe(200);
  // rigid 40 + 42 = 82: at least 70 but under 85 → 基本达标.
  const sub = await prisma.assessmentSubmission.findUniqueOrThrow({ where: { id } });
  expect(sub).toMatchObject({ status: "confirmed", rigidTotal: 82, grade: "basic" });
  expect(await confirm.text()).toContain("已确认：基本达标");
  const actions = (
    await prisma.auditLog.findMany({
      where: { OR: [{ entityId: id }, { entityId: { startsWith: `${id}:` } }] },
      select: { action: true },
    })
  ).map((l) => l.action);
  expect(actions).toEqual(
    expect.arrayContaining([
      "assessment.save",
      "assessment.submit",
      "assessment.score.review",
      "assessment.accept",
      "assessment.confirm",
    ]),
  );
  // The city changes a score after confirmation: the grade follows at once.
  expect(
    (
      await postForm(
        server,
        url,
        { intent: "adjust", itemId: a.items.rules.id, score: "60", reason: "现场核实制度齐全" },
        { cookie: cookie.city },
      )
    ).status,
  ).toBe(200);
  expect(await prisma.assessmentSubmission.findUniqueOrThrow({ where: { id } })).toMatchObject({
    rigidTotal: 100,
    grade: "pass",
  });
});

test("nothing can be saved or submitted after the deadline", async () => {
  const late = await makeAssessment({ deadline: new Date(Date.now() + 60_000) });
  const id = await startSubmission(late.round.id, late.jointA.id);
  await prisma.assessmentRound.update({
    where: { id: late.round.id },
    data: { deadline: new Date(Date.now() - 1000) },
  });
  const res = await postForm(
    server,
    `/assessment/submissions/${id}`,
    form({ intent: "submit", [`score_${late.items.rules.id}`]: "10" }),
    { cookie: await sessionCookieFor(late.unionStaffA.id) },
  );
  expect(res.status).toBe(409);
  expect(await res.text()).toContain("已过截止时间，不能再保存或提交。");
  expect((await prisma.assessmentSubmission.findUniqueOrThrow({ where: { id } })).status).toBe("draft");
});

test("a save refused part-way through storing its evidence keeps none of the files it stored", async () => {
  const b = await makeAssessment();
  const id = await startSubmission(b.round.id, b.jointA.id);
  // One upload left in the staff member's daily quota: the first item's file is stored, the
  // second item's is refused, and the save as a whole fails.
  await prisma.storedFile.deleteMany({ where: { ownerId: b.unionStaffA.id } });
  await prisma.storedFile.createMany({
    data: Array.from({ length: 199 }, (_, i) => ({
      storage: "local",
      key: `quota-filler/${id}/${i}`,
      name: "f.png",
      contentType: "image/png",
      size: 1,
      purpose: "assessment_evidence",
      ownerId: b.unionStaffA.id,
    })),
  });
  const evidence = { bytes: PNG, name: "证明.png", type: "image/png" };
  const res = await postForm(
    server,
    `/assessment/submissions/${id}`,
    form(
      { intent: "save" },
      { [`evidence_${b.items.chair.id}`]: evidence, [`evidence_${b.items.rules.id}`]: evidence },
    ),
    { cookie: await sessionCookieFor(b.unionStaffA.id) },
  );
  expect(res.status).toBe(400);
  expect(await res.text()).toContain("已达到每日上传上限");
  expect(await prisma.storedFile.count({ where: { ownerId: b.unionStaffA.id } })).toBe(199);
  expect(await prisma.assessmentFile.count({ where: { submissionId: id } })).toBe(0);
  await prisma.storedFile.deleteMany({ where: { key: { startsWith: `quota-filler/${id}/` } } });
});
