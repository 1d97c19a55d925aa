// Issue #12 item 16 over HTTP: the contest page says "results published" once they are, uses
// full-width colons in Chinese, "draft saved" does not outlive a withdrawal, and an upload refused
// without JavaScript gives the form back with what was typed.
import { afterAll, beforeAll, expect, test } from "vitest";
import { createUser } from "~/seed/factories.server";
import { prisma } from "~/utils/db.server";
import { getPage, postForm, sessionCookieFor, startServer, type TestServer } from "../helpers/server";
import { makeContest, orgTree, submittedEntry } from "./fixture";

let server: TestServer;
let tree: Awaited<ReturnType<typeof orgTree>>;
beforeAll(async () => {
  server = await startServer();
  tree = await orgTree("措辞");
});
afterAll(() => server.close());

test("a contest whose results are out says so, not 评审中, and labels take full-width colons in Chinese", async () => {
  const contest = await makeContest(tree.unionA.id, { phase: "judging" });
  await prisma.contest.update({ where: { id: contest.id }, data: { status: "results_published" } });
  const zh = await (await getPage(server, `/contests/${contest.id}`)).text();
  expect(zh).toContain("结果已公布");
  expect(zh).not.toContain("评审中");
  expect(zh).toContain(`主办单位：${tree.unionA.name}`);
  expect(zh).not.toMatch(/主办单位: /);
  const en = await (await getPage(server, `/contests/${contest.id}`, { headers: { "Accept-Language": "en" } })).text();
  expect(en).toContain("Results published");
  // The organiser has no English name: its Chinese one is marked as Chinese (issue #12 item 14).
  expect(en).toContain(`Organiser: <span lang="zh-CN">${tree.unionA.name}</span>`);
});

test("withdrawing an entry from the page that said 草稿已保存 no longer says so", async () => {
  const contest = await makeContest(tree.unionA.id, { phase: "submission" });
  const worker = await createUser({ employerId: tree.entA.id });
  const entry = await submittedEntry(contest.id, { ...worker, employerId: tree.entA.id }, tree.unionA.id);
  const cookie = await sessionCookieFor(worker.id);
  expect(await (await getPage(server, "/me/entries?done=saved", { cookie })).text()).toContain("草稿已保存");
  const res = await postForm(server, "/me/entries?done=saved", { intent: "withdraw", entryId: entry.id }, { cookie });
  expect(res.status).toBe(200);
  const html = await res.text();
  expect(html).toContain("已撤回");
  expect(html).not.toContain("草稿已保存");
});

test("without JavaScript, a refused attachment brings the form back with the typed text", async () => {
  const contest = await makeContest(tree.unionA.id, { phase: "submission" });
  const worker = await createUser({ employerId: tree.entA.id });
  const form = new FormData();
  form.set("intent", "submit");
  form.set("category", "invention");
  form.set("title", "输送带自动纠偏装置");
  form.set("problem", "皮带跑偏每月停机三次");
  form.set("solution", "加装纠偏托辊");
  form.set("benefit", "减少停机");
  form.set("coAuthors", "");
  form.append("attachments", new File(["just text, not a PDF"], "方案.pdf", { type: "application/pdf" }));
  const res = await postForm(server, `/contests/${contest.id}/enter`, form, {
    cookie: await sessionCookieFor(worker.id),
  });
  expect(res.status).toBe(400);
  const html = await res.text();
  expect(html).toContain("文件类型不受支持");
  expect(html).toContain('value="输送带自动纠偏装置"');
  expect(html).toContain("皮带跑偏每月停机三次");
  expect(html).toContain("加装纠偏托辊");
  expect(await prisma.entry.count({ where: { contestId: contest.id } })).toBe(0);
});
