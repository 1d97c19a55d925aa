// Issue #11 items 7–11: co-authors consent before they count and judges cannot be listed; conflicts
// cover co-authors' employers and unions; awards are locked at publication and corrected only by
// an audited, reasoned action shown publicly; results stay within the scale and are explained and
// exportable; entrants and judges are told what concerns them, hand assignments in one notice per
// round; the score log pages through all of its entries.
import { afterAll, beforeAll, expect, test } from "vitest";
import { autoAssign } from "~/domain/contests/judging.server";
import { createEnterprise, createUser } from "~/seed/factories.server";
import { prisma } from "~/utils/db.server";
import { getPage, postForm, sessionCookieFor, startServer, type TestServer } from "../helpers/server";
import { makeContest, orgTree, submittedEntry } from "./fixture";

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server.close());

function entryForm(fields: Record<string, string>) {
  const form = new FormData();
  const base = {
    intent: "submit",
    category: "invention",
    title: "皮带纠偏装置",
    problem: "跑偏",
    solution: "立辊",
    benefit: "少停机",
  };
  for (const [k, v] of Object.entries({ ...base, ...fields })) form.append(k, v);
  return form;
}

/** A submitted score sheet giving `total` (0–100) on every criterion, written as the scoring path would. */
async function sheet(
  contest: { id: string; criteria: { id: string; maxPoints: number }[] },
  entryId: string,
  judgeId: string,
  total: number,
) {
  const a = await prisma.assignment.create({
    data: {
      contestId: contest.id,
      entryId,
      judgeId,
      status: "submitted",
      submittedAt: new Date(),
      notifiedAt: new Date(),
    },
  });
  await prisma.score.createMany({
    data: contest.criteria.map((c) => ({ assignmentId: a.id, criterionId: c.id, points: (c.maxPoints * total) / 100 })),
  });
  return a;
}

test("co-authors are invited and count only once they accept; a judge of the contest cannot be listed or accept", async () => {
  const tree = await orgTree("i");
  const contest = await makeContest(tree.unionA.id, { phase: "submission", judgesPerEntry: 1 });
  const worker = await createUser({ name: "申报人甲", employerId: tree.entA.id });
  const judge = await createUser({ name: "评委丁", employerId: tree.entC.id });
  await prisma.contestJudge.create({ data: { contestId: contest.id, userId: judge.id } });
  const mate = await createUser({ name: "队友乙", employerId: tree.entB.id });
  const cookie = await sessionCookieFor(worker.id);

  // Listing a judge is refused with a field message; nothing is written.
  const refused = await postForm(server, `/contests/${contest.id}/enter`, entryForm({ coAuthors: judge.phone! }), {
    cookie,
  });
  expect(refused.status).toBe(400);
  expect(await refused.text()).toContain(`${judge.phone} 是本竞赛的评委，不能列为合作者`);
  expect(await prisma.entry.count({ where: { contestId: contest.id } })).toBe(0);

  // A registered co-author is invited (and told), not yet an author.
  const ok = await postForm(server, `/contests/${contest.id}/enter`, entryForm({ coAuthors: mate.phone! }), { cookie });
  expect(ok.status).toBe(302);
  const entry = await prisma.entry.findFirstOrThrow({ where: { contestId: contest.id } });
  expect(await prisma.entryAuthor.findFirstOrThrow({ where: { entryId: entry.id, userId: mate.id } })).toMatchObject({
    status: "invited",
  });
  const invite = await prisma.notification.findFirstOrThrow({ where: { userId: mate.id } });
  expect(invite).toMatchObject({ kind: "judging.notify.coAuthorInvited", link: `/contests/${contest.id}` });
  const mateCookie = await sessionCookieFor(mate.id);
  const page = await (await getPage(server, `/contests/${contest.id}`, { cookie: mateCookie })).text();
  expect(page).toContain("申报人甲 邀请你作为《皮带纠偏装置》的合作者");

  const accepted = await postForm(
    server,
    `/contests/${contest.id}`,
    { intent: "accept", entryId: entry.id },
    {
      cookie: mateCookie,
    },
  );
  expect(accepted.status).toBe(200);
  expect((await prisma.entryAuthor.findFirstOrThrow({ where: { entryId: entry.id, userId: mate.id } })).status).toBe(
    "accepted",
  );
  expect(
    await prisma.notification.count({ where: { userId: worker.id, kind: "judging.notify.coAuthorAccepted" } }),
  ).toBe(1);
  // Answering twice is refused.
  expect(
    (
      await postForm(
        server,
        `/contests/${contest.id}`,
        { intent: "decline", entryId: entry.id },
        { cookie: mateCookie },
      )
    ).status,
  ).toBe(404);

  // Someone invited who then becomes a judge of the contest cannot accept.
  const other = await createUser({ name: "队友丙" });
  await prisma.entryAuthor.create({
    data: { entryId: entry.id, userId: other.id, name: other.name, position: 5, status: "invited" },
  });
  await prisma.contestJudge.create({ data: { contestId: contest.id, userId: other.id } });
  const judgeAccepts = await postForm(
    server,
    `/contests/${contest.id}`,
    { intent: "accept", entryId: entry.id },
    {
      cookie: await sessionCookieFor(other.id),
    },
  );
  expect(judgeAccepts.status).toBe(403);
  expect(await judgeAccepts.text()).toContain("你是本竞赛的评委，不能成为参赛作品的合作者");
});

test("conflicts cover every accepted co-author's employer and union; an unanswered invitation does not", async () => {
  const tree = await orgTree("k");
  const contest = await makeContest(tree.unionA.id, { phase: "judging", judgesPerEntry: 1 });
  const submitterA = await createUser({ employerId: tree.entA.id });
  const teamB = await createUser({ employerId: tree.entB.id });
  const withAccepted = await submittedEntry(contest.id, submitterA, tree.unionA.id, { title: "已接受的队友" });
  await prisma.entryAuthor.create({
    data: { entryId: withAccepted.id, userId: teamB.id, name: "乙", position: 1, status: "accepted" },
  });
  const withInvited = await submittedEntry(contest.id, submitterA, tree.unionA.id, { title: "未回复的邀请" });
  await prisma.entryAuthor.create({
    data: { entryId: withInvited.id, userId: teamB.id, name: "乙", position: 1, status: "invited" },
  });
  // A judge from the co-author's employer (entB), and one from another enterprise of the same union.
  const judgeSameEmployer = await createUser({ name: "同厂评委", employerId: tree.entB.id });
  const entB2 = await createEnterprise({ name: "乙公司二厂k", countyId: tree.county.id, unionId: tree.unionB.id });
  const judgeSameUnion = await createUser({ name: "同会评委", employerId: entB2.id });
  for (const j of [judgeSameEmployer, judgeSameUnion])
    await prisma.contestJudge.create({ data: { contestId: contest.id, userId: j.id } });
  const cookie = await sessionCookieFor(tree.organiser.id);

  for (const judge of [judgeSameEmployer, judgeSameUnion]) {
    const res = await postForm(
      server,
      `/organise/${contest.id}/judges`,
      { intent: "assign", entryId: withAccepted.id, judgeId: judge.id },
      { cookie },
    );
    expect(res.status, judge.name).toBe(400);
  }
  const plan = await autoAssign(contest.id);
  expect(plan.added.filter((p) => p.entryId === withAccepted.id)).toEqual([]);
  // The invitation nobody answered keeps no judge away.
  expect(plan.added.filter((p) => p.entryId === withInvited.id)).toHaveLength(1);
});

test("awards are locked at publication; a correction needs a reason, is audited and shows 'corrected on' publicly; entrants are told results are out", async () => {
  const tree = await orgTree("w");
  const contest = await makeContest(tree.unionA.id, { phase: "closed", judgesPerEntry: 1 });
  const author = await createUser({ name: "获奖人", employerId: tree.entA.id });
  const mate = await createUser({ name: "获奖队友" });
  const entry = await submittedEntry(contest.id, author, tree.unionA.id, { title: "智能巡检机器人" });
  await prisma.entryAuthor.create({
    data: { entryId: entry.id, userId: mate.id, name: mate.name, position: 1, status: "accepted" },
  });
  const judge = await createUser({ employerId: tree.entB.id });
  await sheet(contest, entry.id, judge.id, 90);
  const tier = (key: string) => contest.tiers.find((t) => t.key === key)!.id;
  const cookie = await sessionCookieFor(tree.organiser.id);
  const path = `/organise/${contest.id}/results`;

  const publish = await postForm(server, path, { intent: "publish", [`award.${entry.id}`]: tier("first") }, { cookie });
  expect(publish.status).toBe(200);
  for (const who of [author.id, mate.id])
    expect(
      await prisma.notification.findFirst({ where: { userId: who, kind: "judging.notify.resultsOut" } }),
    ).not.toBeNull();

  // A plain save after publication changes nothing.
  const silent = await postForm(server, path, { intent: "save", [`award.${entry.id}`]: tier("third") }, { cookie });
  expect(silent.status).toBe(409);
  expect((await prisma.entry.findUniqueOrThrow({ where: { id: entry.id } })).awardTierId).toBe(tier("first"));
  const before = await (await getPage(server, `/contests/${contest.id}`)).text();
  expect(before).toContain("<td>一等奖");
  expect(before).not.toMatch(/已于 [^<]+ 更正/);

  const noReason = await postForm(
    server,
    path,
    { intent: "correct", entryId: entry.id, tierId: tier("third"), reason: " " },
    { cookie },
  );
  expect(noReason.status).toBe(400);
  expect(await noReason.text()).toContain("请填写更正理由");
  expect((await prisma.entry.findUniqueOrThrow({ where: { id: entry.id } })).awardTierId).toBe(tier("first"));

  const correct = await postForm(
    server,
    path,
    { intent: "correct", entryId: entry.id, tierId: tier("third"), reason: "评分录入错误，复核后更正" },
    { cookie },
  );
  expect(correct.status).toBe(200);
  const log = await prisma.auditLog.findFirstOrThrow({ where: { action: "award.correct", entityId: entry.id } });
  expect(log.actorId).toBe(tree.organiser.id);
  expect(JSON.parse(log.before!)).toEqual({ awardTierId: tier("first") });
  expect(JSON.parse(log.after!)).toEqual({ awardTierId: tier("third"), reason: "评分录入错误，复核后更正" });
  const after = await (await getPage(server, `/contests/${contest.id}`)).text();
  expect(after).toContain("<td>三等奖");
  expect(after).not.toContain("<td>一等奖");
  expect(after).toMatch(/已于 [^<]+ 更正/);
  // The organiser's page lists the correction with its reason.
  expect(await (await getPage(server, path, { cookie })).text()).toContain("理由：评分录入错误，复核后更正");
});

test("results stay within the scale, a judge with fewer than 3 sheets is not normalised, and the page and export explain every number", async () => {
  const tree = await orgTree("s");
  const contest = await makeContest(tree.unionA.id, { phase: "closed", judgesPerEntry: 3 });
  await prisma.contest.update({ where: { id: contest.id }, data: { normalizeScores: true } });
  const author = await createUser({ employerId: tree.entA.id });
  const entries = [];
  for (const title of ["作品一", "作品二", "作品三"])
    entries.push(await submittedEntry(contest.id, author, tree.unionA.id, { title }));
  const strict = await createUser({ name: "严格评委" });
  const even = await createUser({ name: "平稳评委" });
  const once = await createUser({ name: "单份评委" });
  // The strict judge's 100 lies far above their own mean: plain z-scores would put it above 100.
  for (const [i, total] of [100, 40, 40].entries()) await sheet(contest, entries[i].id, strict.id, total);
  for (const e of entries) await sheet(contest, e.id, even.id, 95);
  await sheet(contest, entries[0].id, once.id, 100);
  const cookie = await sessionCookieFor(tree.organiser.id);

  const csv = await getPage(server, `/organise/${contest.id}/export?format=csv`, { cookie });
  expect(csv.status).toBe(200);
  const [header, ...lines] = (await csv.text())
    .replace(/^\uFEFF/, "")
    .trim()
    .split("\r\n");
  const cols = header.split(",");
  const rows = lines.map((l) => l.split(","));
  const col = (label: string) => {
    const i = cols.indexOf(label);
    expect(i, label).toBeGreaterThanOrEqual(0);
    return i;
  };
  for (const label of cols.filter((c) => /得分$|原始分|标准化|中位数/.test(c)))
    for (const r of rows) if (r[col(label)] !== "") expect(Number(r[col(label)]), label).toBeLessThanOrEqual(100);
  const first = rows.find((r) => r.includes("作品一"))!;
  // The single-sheet judge keeps their raw 100 and has no normalised value.
  expect(first[col("单份评委（原始分）")]).toBe("100");
  expect(first[col("单份评委（标准化）")]).toBe("");
  expect(Number(first[col("严格评委（标准化）")])).toBe(100);
  expect(cols).toEqual(expect.arrayContaining(["中位数", "计分方法", "“经济效益”得分率"]));
  const exportLog = await prisma.auditLog.findFirstOrThrow({ where: { action: "export", entityId: contest.id } });
  expect(exportLog.actorId).toBe(tree.organiser.id);

  const html = await (await getPage(server, `/organise/${contest.id}/results`, { cookie })).text();
  for (const text of [
    "已启用标准化",
    "少于 3 份的评委不做标准化",
    "同分时依次比较：中位数",
    "奖项名额按类别分别计算",
    "原始 → 标准化",
  ])
    expect(html).toContain(text);
});

test("hand assignments reach a judge as one notification per round; a reopened sheet is announced; the score log pages through every entry", async () => {
  const tree = await orgTree("n");
  const contest = await makeContest(tree.unionA.id, { phase: "judging", judgesPerEntry: 1 });
  const author = await createUser({ employerId: tree.entA.id });
  const judge = await createUser({ name: "评委戊", employerId: tree.entB.id });
  await prisma.contestJudge.create({ data: { contestId: contest.id, userId: judge.id } });
  const entries = [];
  for (const title of ["一", "二", "三"])
    entries.push(await submittedEntry(contest.id, author, tree.unionA.id, { title }));
  const cookie = await sessionCookieFor(tree.organiser.id);
  const judges = `/organise/${contest.id}/judges`;

  for (const e of entries)
    expect(
      (await postForm(server, judges, { intent: "assign", entryId: e.id, judgeId: judge.id }, { cookie })).status,
    ).toBe(200);
  expect(await prisma.notification.count({ where: { userId: judge.id } })).toBe(0);
  expect(await (await getPage(server, judges, { cookie })).text()).toContain("有 3 项分配尚未通知评委");
  expect((await postForm(server, judges, { intent: "notify" }, { cookie })).status).toBe(200);
  expect((await postForm(server, judges, { intent: "notify" }, { cookie })).status).toBe(200);
  const notes = await prisma.notification.findMany({ where: { userId: judge.id } });
  expect(notes).toHaveLength(1);
  expect(notes[0]).toMatchObject({ kind: "contests.notify.assigned", link: "/judging" });
  expect(JSON.parse(notes[0].params)).toMatchObject({ n: 3 });

  const a = await prisma.assignment.findFirstOrThrow({ where: { entryId: entries[0].id, judgeId: judge.id } });
  await prisma.assignment.update({ where: { id: a.id }, data: { status: "submitted", submittedAt: new Date() } });
  expect((await postForm(server, judges, { intent: "reopen", assignmentId: a.id }, { cookie })).status).toBe(200);
  const reopened = await prisma.notification.findFirstOrThrow({
    where: { userId: judge.id, kind: "judging.notify.reopened" },
  });
  expect(reopened.link).toBe(`/judging/${contest.id}/${entries[0].id}`);

  // 250 more log lines: the page shows the total and pages back through all of them.
  await prisma.auditLog.createMany({
    data: Array.from({ length: 250 }, (_, i) => ({
      actorId: judge.id,
      action: "score.change",
      entity: "Score",
      entityId: a.id,
      after: JSON.stringify({ assignmentId: a.id, status: "submitted", n: i }),
    })),
  });
  const total = await prisma.auditLog.count({ where: { action: "score.change", entityId: a.id } });
  expect(total).toBe(251);
  let path: string | null = `/organise/${contest.id}/results`;
  let seen = 0;
  for (let page = 0; path && page < 10; page++) {
    const html = await (await getPage(server, path, { cookie })).text();
    if (page === 0) expect(html).toMatch(new RegExp(`评分修改记录(<!-- -->)? \\((<!-- -->)?${total}(<!-- -->)?\\)`));
    seen += (html.match(/<li class="break-words">/g) ?? []).length;
    const older: RegExpMatchArray | null = html.match(/href="[^"]*\?auditBefore=(\d+)"/);
    path = older ? `/organise/${contest.id}/results?auditBefore=${older[1]}` : null;
  }
  expect(seen).toBe(total);
});
