import { afterAll, beforeAll, expect, test } from "vitest";
import { autoAssign } from "~/domain/contests/judging.server";
import { createUser } from "~/seed/factories.server";
import { prisma } from "~/utils/db.server";
import { getPage, postForm, sessionCookieFor, startServer, type TestServer } from "../helpers/server";
import { fullMarks, makeContest, orgTree, submittedEntry } from "./fixture";

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server.close());

async function judgingSetup(phase: "judging" | "submission" | "closed" = "judging") {
  const tree = await orgTree();
  const contest = await makeContest(tree.unionA.id, { phase, judgesPerEntry: 1 });
  const author = await createUser({ name: "作者甲", employerId: tree.entA.id });
  const entry = await submittedEntry(contest.id, author, tree.unionA.id);
  const judge = await createUser({ name: "评委乙", employerId: tree.entB.id });
  await prisma.contestJudge.create({ data: { contestId: contest.id, userId: judge.id } });
  const assignment = await prisma.assignment.create({
    data: { contestId: contest.id, entryId: entry.id, judgeId: judge.id },
  });
  return { ...tree, contest, author, entry, judge, assignment, cookie: await sessionCookieFor(judge.id) };
}

test("a judge saves a draft, submits, and is locked out until the organiser reopens; every change is audited", async () => {
  const s = await judgingSetup();
  const path = `/judging/${s.contest.id}/${s.entry.id}`;
  const [c0, c1] = s.contest.criteria;
  const draft = await postForm(
    server,
    path,
    { intent: "save", [`points.${c0.id}`]: "12.5", [`comment.${c0.id}`]: "有新意" },
    { cookie: s.cookie },
  );
  expect(draft.status).toBe(200);
  expect((await prisma.score.findMany({ where: { assignmentId: s.assignment.id } })).map((x) => x.points)).toEqual([
    12.5,
  ]);

  // Submitting with a criterion left empty is refused, nothing changes.
  const incomplete = await postForm(
    server,
    path,
    { intent: "submit", [`points.${c0.id}`]: "15" },
    { cookie: s.cookie },
  );
  expect(incomplete.status).toBe(400);
  expect((await prisma.assignment.findUniqueOrThrow({ where: { id: s.assignment.id } })).status).toBe("assigned");

  const submit = await postForm(
    server,
    path,
    { intent: "submit", ...fullMarks(s.contest.criteria) },
    { cookie: s.cookie },
  );
  expect(submit.status).toBe(200);
  expect((await prisma.assignment.findUniqueOrThrow({ where: { id: s.assignment.id } })).status).toBe("submitted");

  const afterLock = await postForm(server, path, { intent: "save", [`points.${c1.id}`]: "1" }, { cookie: s.cookie });
  expect(afterLock.status).toBe(409);
  expect(
    (await prisma.score.findFirstOrThrow({ where: { assignmentId: s.assignment.id, criterionId: c1.id } })).points,
  ).toBe(c1.maxPoints);

  const organiserCookie = await sessionCookieFor(s.organiser.id);
  const reopen = await postForm(
    server,
    `/organise/${s.contest.id}/judges`,
    { intent: "reopen", assignmentId: s.assignment.id },
    { cookie: organiserCookie },
  );
  expect(reopen.status).toBe(200);
  const changed = await postForm(
    server,
    path,
    { intent: "save", ...fullMarks(s.contest.criteria), [`points.${c1.id}`]: "10" },
    { cookie: s.cookie },
  );
  expect(changed.status).toBe(200);

  const log = await prisma.auditLog.findMany({ where: { action: "score.change" }, orderBy: { id: "asc" } });
  // c0 draft; submit: c0 changed + 4 new + the submission itself; reopen; c1 changed.
  expect(log).toHaveLength(1 + 6 + 1 + 1);
  expect(JSON.parse(log[0].after!)).toMatchObject({ points: 12.5, comment: "有新意" });
  expect(log[0].before).toBeNull();
  expect(log[1].actorId).toBe(s.judge.id);
  expect(JSON.parse(log[1].before!)).toMatchObject({ points: 12.5 });
  const reopenRow = log.find((l) => l.actorId === s.organiser.id)!;
  expect(JSON.parse(reopenRow.after!)).toMatchObject({ status: "assigned", reopened: true });
  const last = log.at(-1)!;
  expect(JSON.parse(last.before!)).toMatchObject({ points: c1.maxPoints });
  expect(JSON.parse(last.after!)).toMatchObject({ points: 10 });

  // The organiser sees the audit trail on the results page.
  const page = await (await getPage(server, `/organise/${s.contest.id}/results`, { cookie: organiserCookie })).text();
  expect(page).toContain(`评委乙 · `);
  expect(page).toContain(`${c1.name}：20 → 10`);
  expect(page).toContain("组织者钱 · ");
  expect(page).toContain("退回重评");
});

test("scores out of range, or not in half points, are refused with a field message and nothing is written", async () => {
  const s = await judgingSetup();
  const [c0] = s.contest.criteria;
  for (const bad of ["21", "-1", "3.3", "abc"]) {
    const res = await postForm(
      server,
      `/judging/${s.contest.id}/${s.entry.id}`,
      { intent: "save", [`points.${c0.id}`]: bad },
      { cookie: s.cookie },
    );
    expect(res.status, bad).toBe(400);
  }
  const page = await postForm(
    server,
    `/judging/${s.contest.id}/${s.entry.id}`,
    { intent: "save", [`points.${c0.id}`]: "21" },
    { cookie: s.cookie },
  );
  expect(await page.text()).toContain("分数须在 0 到满分之间");
  expect(await prisma.score.count({ where: { assignmentId: s.assignment.id } })).toBe(0);
  expect(await prisma.auditLog.count({ where: { entityId: { in: [s.assignment.id] } } })).toBe(0);
});

test("scoring is refused outside the judging phase", async () => {
  for (const phase of ["submission", "closed"] as const) {
    const s = await judgingSetup(phase);
    const res = await postForm(
      server,
      `/judging/${s.contest.id}/${s.entry.id}`,
      { intent: "save", ...fullMarks(s.contest.criteria) },
      { cookie: s.cookie },
    );
    expect(res.status, phase).toBe(403);
    expect(await prisma.score.count({ where: { assignmentId: s.assignment.id } })).toBe(0);
  }
});

test("an unassigned judge cannot see or score the entry; a judge who declared a conflict cannot score it", async () => {
  const s = await judgingSetup();
  const other = await createUser({ name: "未分配评委" });
  await prisma.contestJudge.create({ data: { contestId: s.contest.id, userId: other.id } });
  const otherCookie = await sessionCookieFor(other.id);
  expect((await getPage(server, `/judging/${s.contest.id}/${s.entry.id}`, { cookie: otherCookie })).status).toBe(404);
  const post = await postForm(
    server,
    `/judging/${s.contest.id}/${s.entry.id}`,
    { intent: "save", ...fullMarks(s.contest.criteria) },
    { cookie: otherCookie },
  );
  expect(post.status).toBe(404);

  const noReason = await postForm(
    server,
    `/judging/${s.contest.id}/${s.entry.id}`,
    { intent: "conflict", reason: "" },
    { cookie: s.cookie },
  );
  expect(noReason.status).toBe(400);
  const declare = await postForm(
    server,
    `/judging/${s.contest.id}/${s.entry.id}`,
    { intent: "conflict", reason: "作者是我的亲属" },
    { cookie: s.cookie },
  );
  // Back to the list: the entry is closed to this judge from now on.
  expect(declare.status).toBe(302);
  expect(declare.headers.get("location")).toBe("/judging?declared=1");
  const scoreAfter = await postForm(
    server,
    `/judging/${s.contest.id}/${s.entry.id}`,
    { intent: "save", ...fullMarks(s.contest.criteria) },
    { cookie: s.cookie },
  );
  expect(scoreAfter.status).toBe(403);
  expect(await prisma.score.count({ where: { assignmentId: s.assignment.id } })).toBe(0);

  // The organiser's automatic assignment gives the entry to someone else, never back to the declared judge.
  await autoAssign(s.contest.id);
  const rows = await prisma.assignment.findMany({
    where: { entryId: s.entry.id },
    select: { judgeId: true, status: true },
  });
  expect(rows).toEqual(
    expect.arrayContaining([
      { judgeId: s.judge.id, status: "conflict" },
      { judgeId: other.id, status: "assigned" },
    ]),
  );
  const note = await prisma.notification.findFirstOrThrow({ where: { userId: other.id } });
  expect(note).toMatchObject({ kind: "contests.notify.assigned", link: "/judging" });
  expect(JSON.parse(note.params)).toMatchObject({ n: 1, contest: s.contest.title });
});

test("hand assignment refuses a judge from the entry's own enterprise or union, and a co-author", async () => {
  const s = await judgingSetup();
  const cookie = await sessionCookieFor(s.organiser.id);
  const colleague = await createUser({ name: "同事", employerId: s.entA.id });
  const coAuthor = await createUser({ name: "合作者" });
  await prisma.entryAuthor.create({ data: { entryId: s.entry.id, userId: coAuthor.id, name: "合作者", position: 1 } });
  for (const u of [colleague, coAuthor]) {
    await prisma.contestJudge.create({ data: { contestId: s.contest.id, userId: u.id } });
    const res = await postForm(
      server,
      `/organise/${s.contest.id}/judges`,
      { intent: "assign", entryId: s.entry.id, judgeId: u.id },
      { cookie },
    );
    expect(res.status).toBe(400);
    expect(await res.text()).toContain("利益冲突");
  }
  expect(await prisma.assignment.count({ where: { entryId: s.entry.id } })).toBe(1);
});

test("only organisers over the contest's organisation may manage it", async () => {
  const s = await judgingSetup();
  const stranger = await createUser();
  const cookie = await sessionCookieFor(stranger.id);
  expect((await getPage(server, `/organise/${s.contest.id}/judges`, { cookie })).status).toBe(403);
  const res = await postForm(
    server,
    `/organise/${s.contest.id}/judges`,
    { intent: "reopen", assignmentId: s.assignment.id },
    { cookie },
  );
  expect(res.status).toBe(403);
  // The judge is not an organiser either.
  expect(
    (await postForm(server, `/organise/${s.contest.id}/results`, { intent: "publish" }, { cookie: s.cookie })).status,
  ).toBe(403);
  expect((await prisma.contest.findUniqueOrThrow({ where: { id: s.contest.id } })).status).toBe("published");
});

test("once results are published, scores, reopening and the scoring method are fixed; blind review stays on once judging opens", async () => {
  const s = await judgingSetup();
  const organiser = await sessionCookieFor(s.organiser.id);
  const path = `/judging/${s.contest.id}/${s.entry.id}`;
  // Publishing while a judge has not submitted is refused during the judging phase.
  const early = await postForm(
    server,
    `/organise/${s.contest.id}/results`,
    { intent: "publish" },
    { cookie: organiser, headers: { "Accept-Language": "en" } },
  );
  expect(early.status).toBe(409);
  expect(await early.text()).toContain("1 score sheet is not submitted yet");
  expect((await prisma.contest.findUniqueOrThrow({ where: { id: s.contest.id } })).status).toBe("published");

  expect(
    (await postForm(server, path, { intent: "submit", ...fullMarks(s.contest.criteria) }, { cookie: s.cookie })).status,
  ).toBe(200);
  expect(
    (await postForm(server, `/organise/${s.contest.id}/results`, { intent: "publish" }, { cookie: organiser })).status,
  ).toBe(200);

  const reopen = await postForm(
    server,
    `/organise/${s.contest.id}/judges`,
    { intent: "reopen", assignmentId: s.assignment.id },
    { cookie: organiser },
  );
  expect(reopen.status).toBe(409);
  expect((await prisma.assignment.findUniqueOrThrow({ where: { id: s.assignment.id } })).status).toBe("submitted");

  const c = await prisma.contest.findUniqueOrThrow({ where: { id: s.contest.id } });
  const local = (d: Date) => new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(0, 16);
  const settings = {
    title: c.title,
    description: c.description,
    eligibility: c.eligibility,
    judgesPerEntry: "1",
    scoreMethod: c.scoreMethod,
    blindReview: "on",
    submissionOpensAt: local(c.submissionOpensAt),
    submissionClosesAt: local(c.submissionClosesAt),
    judgingOpensAt: local(c.judgingOpensAt),
    judgingClosesAt: local(c.judgingClosesAt),
    resultsAt: local(c.resultsAt),
  };
  const method = await postForm(
    server,
    `/organise/${s.contest.id}/edit`,
    { ...settings, scoreMethod: "trimmed" },
    { cookie: organiser },
  );
  expect(method.status).toBe(409);
  expect(await method.text()).toContain("计分方式不能再修改");
  const { blindReview: _, ...unblind } = settings;
  const blind = await postForm(server, `/organise/${s.contest.id}/edit`, unblind, { cookie: organiser });
  expect(blind.status).toBe(409);
  expect(await blind.text()).toContain("不能关闭匿名评审");
  expect(await prisma.contest.findUniqueOrThrow({ where: { id: s.contest.id } })).toMatchObject({
    scoreMethod: c.scoreMethod,
    blindReview: true,
  });
  // Other settings may still change.
  expect(
    (
      await postForm(
        server,
        `/organise/${s.contest.id}/edit`,
        { ...settings, title: "更正后的标题" },
        { cookie: organiser },
      )
    ).status,
  ).toBe(302);
});

test("a declared conflict cannot be removed, so automatic assignment never hands the entry back to that judge", async () => {
  const s = await judgingSetup();
  const declared = await postForm(
    server,
    `/judging/${s.contest.id}/${s.entry.id}`,
    { intent: "conflict", reason: "是作者的亲属" },
    { cookie: s.cookie },
  );
  expect(declared.status).toBeLessThan(400);
  expect((await prisma.assignment.findUniqueOrThrow({ where: { id: s.assignment.id } })).status).toBe("conflict");
  const organiser = await sessionCookieFor(s.organiser.id);
  const remove = await postForm(
    server,
    `/organise/${s.contest.id}/judges`,
    { intent: "remove", assignmentId: s.assignment.id },
    { cookie: organiser },
  );
  expect(remove.status).toBe(409);
  await autoAssign(s.contest.id);
  const rows = await prisma.assignment.findMany({ where: { entryId: s.entry.id, judgeId: s.judge.id } });
  expect(rows.map((r) => r.status)).toEqual(["conflict"]);
});

test("inviting a judge by a malformed phone number is a 400 with the same phone message as every other form, and adds no judge", async () => {
  const s = await judgingSetup();
  const cookie = await sessionCookieFor(s.organiser.id);
  const res = await postForm(
    server,
    `/organise/${s.contest.id}/judges`,
    { intent: "invite", phone: "1391234" },
    { cookie },
  );
  expect(res.status).toBe(400);
  expect(await res.text()).toContain("请输入 11 位中国大陆手机号（以 1 开头）");
  expect(await prisma.contestJudge.count({ where: { contestId: s.contest.id } })).toBe(1);
  // An unknown intent is refused, not guessed at.
  expect((await postForm(server, `/organise/${s.contest.id}/judges`, { intent: "nonsense" }, { cookie })).status).toBe(
    400,
  );
});
