import { afterAll, beforeAll, expect, test } from "vitest";
import { createUser } from "~/seed/factories.server";
import { prisma } from "~/utils/db.server";
import { getPage, postForm, sessionCookieFor, startServer, type TestServer } from "../helpers/server";
import { makeContest, orgTree, submittedEntry } from "./fixture";

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server.close());

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 73, 72, 68, 82]);

function entryForm(fields: Record<string, string>, files: File[] = []) {
  const form = new FormData();
  const base = {
    category: "invention",
    title: "皮带纠偏装置",
    problem: "跑偏",
    solution: "加装立辊",
    benefit: "减少停机",
    estimatedSaving: "120000",
    coAuthors: "",
  };
  for (const [k, v] of Object.entries({ ...base, ...fields })) form.append(k, v);
  for (const f of files) form.append("attachments", f);
  return form;
}

test("a worker saves a draft, then submits it with a co-author and an image; the funnel records the entry and a non-member sees the join invitation", async () => {
  const tree = await orgTree();
  const contest = await makeContest(tree.unionA.id, { phase: "submission" });
  const worker = await createUser({
    name: "申报人",
    employerId: tree.entA.id,
    isMigrant: true,
    countyId: tree.county.id,
  });
  const mate = await createUser({ name: "队友", phone: "13700001111" });
  const cookie = await sessionCookieFor(worker.id);

  const draft = await postForm(server, `/contests/${contest.id}/enter`, entryForm({ intent: "draft" }), { cookie });
  expect(draft.status).toBe(302);
  const saved = await prisma.entry.findFirstOrThrow({ where: { contestId: contest.id } });
  expect(saved.status).toBe("draft");
  expect(await prisma.funnelEvent.count({ where: { contestId: contest.id } })).toBe(0);

  const submit = await postForm(
    server,
    `/contests/${contest.id}/enter`,
    entryForm({ intent: "submit", entryId: saved.id, coAuthors: "13700001111\n老王" }, [
      new File([PNG], "photo.png", { type: "image/png" }),
    ]),
    { cookie },
  );
  expect(submit.status).toBe(302);
  expect(submit.headers.get("location")).toBe("/me/entries?done=submitted");
  const entry = await prisma.entry.findUniqueOrThrow({
    where: { id: saved.id },
    include: { authors: { orderBy: { position: "asc" } }, attachments: true },
  });
  expect(entry.status).toBe("submitted");
  expect(entry.enterpriseId).toBe(tree.entA.id);
  expect(entry.orgId).toBe(tree.unionA.id);
  expect(entry.authors.map((a) => [a.name, a.userId])).toEqual([
    ["申报人", worker.id],
    ["队友", mate.id],
    ["老王", null],
  ]);
  expect(entry.attachments).toHaveLength(1);
  const funnel = await prisma.funnelEvent.findFirstOrThrow({ where: { contestId: contest.id } });
  expect(funnel).toMatchObject({
    step: "contest_entry",
    sourceType: "contest",
    userId: worker.id,
    countyId: tree.county.id,
    category: "five_small",
    isMigrant: true,
  });

  const mine = await (await getPage(server, "/me/entries", { cookie })).text();
  expect(mine).toContain("皮带纠偏装置");
  expect(mine).toContain(`/join/go?from=contest:${contest.id}`);
  // The co-author is invited and sees the entry once they accept (issue #11: consent first).
  const mateCookie = await sessionCookieFor(mate.id);
  expect(await (await getPage(server, "/me/entries", { cookie: mateCookie })).text()).not.toContain("皮带纠偏装置");
  const accept = await postForm(
    server,
    `/contests/${contest.id}`,
    { intent: "accept", entryId: entry.id },
    {
      cookie: mateCookie,
    },
  );
  expect(accept.status).toBe(200);
  expect(await (await getPage(server, "/me/entries", { cookie: mateCookie })).text()).toContain("皮带纠偏装置");

  // Withdrawal before the deadline.
  const withdraw = await postForm(server, "/me/entries", { intent: "withdraw", entryId: entry.id }, { cookie });
  expect(withdraw.status).toBe(200);
  expect((await prisma.entry.findUniqueOrThrow({ where: { id: entry.id } })).status).toBe("withdrawn");
});

test("bad input: missing title, a disguised file, too many files, an unknown co-author phone — each a 4xx and nothing written", async () => {
  const tree = await orgTree();
  const contest = await makeContest(tree.unionA.id, { phase: "submission" });
  const worker = await createUser({ employerId: tree.entA.id });
  const cookie = await sessionCookieFor(worker.id);
  const post = (form: FormData) => postForm(server, `/contests/${contest.id}/enter`, form, { cookie });

  const noTitle = await post(entryForm({ intent: "submit", title: "" }));
  expect(noTitle.status).toBe(400);
  expect(await noTitle.text()).toContain("此项为必填项");
  const disguised = await post(
    entryForm({ intent: "submit" }, [
      new File([new TextEncoder().encode("MZ not really a pdf")], "plan.pdf", { type: "application/pdf" }),
    ]),
  );
  expect(disguised.status).toBe(400);
  expect(await disguised.text()).toContain("文件类型不受支持");
  const tooMany = await post(
    entryForm(
      { intent: "submit" },
      Array.from({ length: 11 }, (_, i) => new File([PNG], `p${i}.png`, { type: "image/png" })),
    ),
  );
  // Refused while the body streams in, at the first file past the limit (no more is read).
  expect(tooMany.status).toBe(413);
  expect(await tooMany.text()).toContain("文件过多：最多 10 个");
  const unknown = await post(entryForm({ intent: "submit", coAuthors: "13600009999" }));
  expect(unknown.status).toBe(400);
  const unknownPage = await unknown.text();
  expect(unknownPage).toContain("手机号 13600009999 未注册");
  expect(unknownPage).not.toContain("{phone}");
  const tooBig = await post(entryForm({ intent: "submit", estimatedSaving: "99999999999" }));
  expect(tooBig.status).toBe(400);
  expect(await tooBig.text()).toContain("请输入有效的数字");
  const badCategory = await post(entryForm({ intent: "submit", category: "design" }));
  expect(badCategory.status).toBe(400);
  expect(await prisma.entry.count({ where: { contestId: contest.id } })).toBe(0);
});

test("an attachment over 20 MB is refused with 413 and a size message", async () => {
  const tree = await orgTree();
  const contest = await makeContest(tree.unionA.id, { phase: "submission" });
  const cookie = await sessionCookieFor((await createUser({ employerId: tree.entA.id })).id);
  const big = new Uint8Array(20 * 1024 * 1024 + 10);
  big.set(PNG);
  const res = await postForm(
    server,
    `/contests/${contest.id}/enter`,
    entryForm({ intent: "submit" }, [new File([big], "big.png", { type: "image/png" })]),
    { cookie },
  );
  expect(res.status).toBe(413);
  expect(await res.text()).toContain("文件过大");
  expect(await prisma.entry.count({ where: { contestId: contest.id } })).toBe(0);
});

test("submission after the deadline is refused; the form is not even offered", async () => {
  const tree = await orgTree();
  const contest = await makeContest(tree.unionA.id, { phase: "judging" });
  const cookie = await sessionCookieFor((await createUser({ employerId: tree.entA.id })).id);
  const res = await postForm(server, `/contests/${contest.id}/enter`, entryForm({ intent: "submit" }), { cookie });
  expect(res.status).toBe(403);
  expect(await res.text()).toContain("征集已截止");
  expect(await prisma.entry.count({ where: { contestId: contest.id } })).toBe(0);
  expect(await (await getPage(server, `/contests/${contest.id}`, { cookie })).text()).not.toContain(
    `/contests/${contest.id}/enter`,
  );
});

test("eligibility 'org': a worker of another union cannot enter", async () => {
  const tree = await orgTree();
  const contest = await makeContest(tree.unionA.id, { phase: "submission", eligibility: "org" });
  const outsider = await sessionCookieFor((await createUser({ employerId: tree.entB.id })).id);
  expect(
    (await postForm(server, `/contests/${contest.id}/enter`, entryForm({ intent: "submit" }), { cookie: outsider }))
      .status,
  ).toBe(403);
  const insider = await sessionCookieFor((await createUser({ employerId: tree.entA.id })).id);
  expect(
    (await postForm(server, `/contests/${contest.id}/enter`, entryForm({ intent: "submit" }), { cookie: insider }))
      .status,
  ).toBe(302);
});

test("coworkers support an idea once each; the author cannot support their own", async () => {
  const tree = await orgTree();
  const contest = await makeContest(tree.unionA.id, { phase: "submission", kind: "golden_idea" });
  const author = await createUser({ employerId: tree.entA.id });
  const idea = await submittedEntry(contest.id, author, tree.unionA.id, {
    category: "safety",
    title: "受限空间二次检测",
  });
  const coworker = await sessionCookieFor((await createUser({ employerId: tree.entA.id })).id);
  // Repeated and concurrent clicks count once.
  const clicks = await Promise.all(
    Array.from({ length: 4 }, () =>
      postForm(server, `/contests/${contest.id}`, { intent: "support", entryId: idea.id }, { cookie: coworker }),
    ),
  );
  expect(clicks.map((r) => r.status)).toEqual([200, 200, 200, 200]);
  const own = await postForm(
    server,
    `/contests/${contest.id}`,
    { intent: "support", entryId: idea.id },
    { cookie: await sessionCookieFor(author.id) },
  );
  expect(own.status).toBe(403);
  expect((await prisma.entry.findUniqueOrThrow({ where: { id: idea.id } })).supportCount).toBe(1);
  expect(await prisma.ideaSupport.count({ where: { entryId: idea.id } })).toBe(1);
  expect(await (await getPage(server, `/contests/${contest.id}`, { cookie: coworker })).text()).toContain("1 人点赞");
  // An idea is supported only through its own contest's page.
  const other = await makeContest(tree.unionA.id, { phase: "submission", kind: "golden_idea" });
  const stray = await postForm(
    server,
    `/contests/${other.id}`,
    { intent: "support", entryId: idea.id },
    { cookie: await sessionCookieFor((await createUser()).id) },
  );
  expect(stray.status).toBe(404);
  expect((await prisma.entry.findUniqueOrThrow({ where: { id: idea.id } })).supportCount).toBe(1);
});

test("the golden-idea lifecycle moves only forward from the right state, needs a reason to reject, and notifies the authors", async () => {
  const tree = await orgTree();
  const contest = await makeContest(tree.unionA.id, { phase: "submission", kind: "golden_idea" });
  const author = await createUser({ employerId: tree.entA.id });
  const co = await createUser();
  const idea = await submittedEntry(contest.id, author, tree.unionA.id, { category: "cost" });
  await prisma.entryAuthor.create({ data: { entryId: idea.id, userId: co.id, name: co.name, position: 1 } });
  const rejected = await submittedEntry(contest.id, author, tree.unionA.id, { category: "cost", title: "另一条建议" });
  const cookie = await sessionCookieFor(tree.organiser.id);
  const step = (entryId: string, action: string, extra: Record<string, string> = {}) =>
    postForm(server, `/organise/${contest.id}/ideas`, { entryId, action, ...extra }, { cookie });
  const status = async (id: string) => (await prisma.entry.findUniqueOrThrow({ where: { id } })).status;

  expect((await step(idea.id, "adopt")).status).toBe(409); // not yet under evaluation
  expect((await step(idea.id, "evaluate")).status).toBe(200);
  expect((await step(idea.id, "evaluate")).status).toBe(409);
  expect((await step(idea.id, "adopt")).status).toBe(200);
  expect((await step(idea.id, "implement")).status).toBe(200);
  expect((await step(idea.id, "verify")).status).toBe(400); // saving required
  expect((await step(idea.id, "verify", { realisedSaving: "-5" })).status).toBe(400);
  expect((await step(idea.id, "verify", { realisedSaving: "86000" })).status).toBe(200);
  expect((await step(idea.id, "reward")).status).toBe(400);
  expect((await step(idea.id, "reward", { rewardAmount: "99999999999" })).status).toBe(400);
  expect((await step(idea.id, "constructor")).status).toBe(400);
  expect((await step(idea.id, "reward", { rewardAmount: "2000" })).status).toBe(200);
  const done = await prisma.entry.findUniqueOrThrow({ where: { id: idea.id } });
  expect(done).toMatchObject({ status: "rewarded", realisedSaving: 86000, rewardAmount: 2000 });
  expect(
    (await prisma.entryStatusChange.findMany({ where: { entryId: idea.id }, orderBy: { id: "asc" } })).map((h) => h.to),
  ).toEqual(["under_evaluation", "adopted", "implemented", "verified", "rewarded"]);
  for (const user of [author, co]) {
    expect(
      (await prisma.notification.findMany({ where: { userId: user.id }, orderBy: { createdAt: "asc" } })).map(
        (n) => n.kind,
      ),
    ).toContain("contests.notify.idea.rewarded");
  }

  await step(rejected.id, "evaluate");
  expect((await step(rejected.id, "reject", { reason: "" })).status).toBe(400);
  expect(await status(rejected.id)).toBe("under_evaluation");
  expect((await step(rejected.id, "reject", { reason: "已有同类项目" })).status).toBe(200);
  expect(await status(rejected.id)).toBe("not_adopted");
  const page = await (await getPage(server, "/me/entries", { cookie: await sessionCookieFor(author.id) })).text();
  expect(page).toContain("已有同类项目");
  expect(page).toContain("已奖励");

  // The dashboard counts adoption and verified benefit.
  const dash = await (await getPage(server, `/organise/${contest.id}`, { cookie })).text();
  expect(dash).toContain("50%");
  expect(dash).toContain("86,000");
});

test("an organiser creates a contest through the form; bad dates are refused with a field message", async () => {
  const tree = await orgTree();
  const cookie = await sessionCookieFor(tree.organiser.id);
  const fields = {
    orgId: tree.unionA.id,
    kind: "five_small",
    title: "第三届五小竞赛",
    description: "说明",
    categories: ["invention", "design", "safety"],
    eligibility: "org",
    submissionOpensAt: "2026-12-01T09:00",
    submissionClosesAt: "2026-12-31T18:00",
    judgingOpensAt: "2027-01-02T09:00",
    judgingClosesAt: "2027-01-10T18:00",
    resultsAt: "2027-01-15T09:00",
    judgesPerEntry: "3",
    scoreMethod: "auto",
    blindReview: "on",
    publish: "on",
    "criteria[0].name": "创新性",
    "criteria[0].maxPoints": "40",
    "criteria[0].weight": "40",
    "criteria[1].name": "经济效益",
    "criteria[1].maxPoints": "60",
    "criteria[1].weight": "60",
    "tiers[0].name": "一等奖",
    "tiers[0].count": "1",
  };
  const bad = await postForm(server, "/organise/new", { ...fields, judgingOpensAt: "2026-12-20T09:00" }, { cookie });
  expect(bad.status).toBe(400);
  expect(await bad.text()).toContain("评审开始不能早于征集截止");
  const notMine = await postForm(server, "/organise/new", { ...fields, orgId: tree.unionB.id }, { cookie });
  expect(notMine.status).toBe(403);
  // A bad rubric or tier row is named under the row; a tampered choice gets a translated message.
  const badRow = await postForm(
    server,
    "/organise/new",
    { ...fields, "criteria[1].maxPoints": "-3", "tiers[0].count": "abc", scoreMethod: "bogus" },
    { cookie },
  );
  expect(badRow.status).toBe(400);
  const badRowPage = await badRow.text();
  expect(badRowPage).toContain("必须大于 0");
  expect(badRowPage).toContain("请输入有效的数字");
  expect(badRowPage).toContain("请选择有效的选项");
  expect(badRowPage).not.toMatch(/Invalid enum value|Expected number/);
  expect(await prisma.contest.count({ where: { title: "第三届五小竞赛" } })).toBe(0);

  const ok = await postForm(server, "/organise/new", fields, { cookie });
  expect(ok.status).toBe(302);
  const created = await prisma.contest.findFirstOrThrow({
    where: { title: "第三届五小竞赛" },
    include: { criteria: { orderBy: { position: "asc" } }, tiers: true },
  });
  expect(JSON.parse(created.categories)).toEqual(["invention", "design"]);
  expect(created.criteria.map((c) => [c.name, c.maxPoints, c.weight])).toEqual([
    ["创新性", 40, 40],
    ["经济效益", 60, 60],
  ]);
  expect(created).toMatchObject({ status: "published", blindReview: true, judgesPerEntry: 3 });
  expect(ok.headers.get("location")).toBe(`/organise/${created.id}`);
});

test("an organiser extends the entry deadline in the settings; phases out of order are refused and strangers get 403", async () => {
  const tree = await orgTree();
  const contest = await makeContest(tree.unionA.id, { phase: "submission" });
  const cookie = await sessionCookieFor(tree.organiser.id);
  const fields = {
    title: "改名后的竞赛",
    description: "新说明",
    eligibility: "county",
    judgesPerEntry: "2",
    scoreMethod: "trimmed",
    blindReview: "on",
    submissionOpensAt: "2026-11-01T09:00",
    submissionClosesAt: "2027-01-10T18:00",
    judgingOpensAt: "2027-01-11T09:00",
    judgingClosesAt: "2027-01-20T18:00",
    resultsAt: "2027-01-25T09:00",
  };
  const bad = await postForm(
    server,
    `/organise/${contest.id}/edit`,
    { ...fields, resultsAt: "2027-01-15T09:00" },
    { cookie },
  );
  expect(bad.status).toBe(400);
  expect(await bad.text()).toContain("结果公布不能早于评审截止");
  const stranger = await postForm(server, `/organise/${contest.id}/edit`, fields, {
    cookie: await sessionCookieFor((await createUser()).id),
  });
  expect(stranger.status).toBe(403);
  expect((await prisma.contest.findUniqueOrThrow({ where: { id: contest.id } })).title).toBe("测试五小竞赛");

  const ok = await postForm(server, `/organise/${contest.id}/edit`, fields, { cookie });
  expect(ok.status).toBe(302);
  const saved = await prisma.contest.findUniqueOrThrow({ where: { id: contest.id } });
  expect(saved).toMatchObject({
    title: "改名后的竞赛",
    eligibility: "county",
    scoreMethod: "trimmed",
    blindReview: true,
    normalizeScores: false,
  });
  expect(saved.submissionClosesAt.toISOString()).toBe("2027-01-10T10:00:00.000Z");
});
