import { PDFDocument } from "pdf-lib";
import { afterAll, beforeAll, expect, test } from "vitest";
import { createUser } from "~/seed/factories.server";
import { prisma } from "~/utils/db.server";
import { storeFiles } from "~/utils/upload.server";
import { getPage, sessionCookieFor, startServer, type TestServer } from "../helpers/server";
import { makeContest, orgTree, submittedEntry } from "./fixture";

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server.close());

// A real (one-page) PDF: judges under blind review get a re-written copy, which needs a parsable file.
const PDF = await (async () => {
  const doc = await PDFDocument.create();
  doc.addPage([200, 200]);
  return Buffer.from(await doc.save());
})();

/** Every way a secret could appear in a response: as is, and JSON/unicode-escaped. */
function forms(secret: string) {
  const escaped = [...secret]
    .map((ch) => (ch.charCodeAt(0) > 127 ? `\\u${ch.charCodeAt(0).toString(16).padStart(4, "0")}` : ch))
    .join("");
  return [secret, escaped, encodeURIComponent(secret)];
}

async function blindSetup(blindReview: boolean, tag: string) {
  const tree = await orgTree(tag);
  const contest = await makeContest(tree.unionA.id, { phase: "judging", blindReview });
  const author = await createUser({
    name: `欧阳秘密${tag}`,
    phone: null,
    email: `ouyang-${tag}@secret.example`,
    employerId: tree.entA.id,
  });
  await prisma.user.update({ where: { id: author.id }, data: { phone: tag === "b" ? "13912345678" : "13987654321" } });
  const entry = await submittedEntry(contest.id, author, tree.unionA.id, {
    title: "井下皮带自动纠偏",
    coAuthorName: `司马隐名${tag}`,
  });
  const stored = await storeFiles(
    [new File([PDF], `欧阳秘密${tag}的技术方案.pdf`, { type: "application/pdf" })],
    "entry_attachment",
    author.id,
  );
  if (!("ids" in stored)) throw new Error("expected the file to be stored");
  const [fileId] = stored.ids;
  await prisma.entryAttachment.create({ data: { entryId: entry.id, fileId, position: 0 } });
  const judge = await createUser({ name: "评委丙", employerId: tree.entB.id });
  await prisma.contestJudge.create({ data: { contestId: contest.id, userId: judge.id } });
  await prisma.assignment.create({ data: { contestId: contest.id, entryId: entry.id, judgeId: judge.id } });
  const secrets = [
    author.name,
    `司马隐名${tag}`,
    tag === "b" ? "13912345678" : "13987654321",
    `ouyang-${tag}@secret.example`,
    tree.entA.name,
    tree.unionA.name,
    `欧阳秘密${tag}的技术方案`,
  ];
  return { contest, entry, fileId, cookie: await sessionCookieFor(judge.id), secrets };
}

/** Every page a judge can open for this contest, each also as its single-fetch `.data` request. */
function judgePaths(contestId: string, entryId: string) {
  const pages = ["/judging", `/judging/${contestId}/${entryId}`];
  return [
    ...pages,
    ...pages.map((p) => `${p}.data`),
    `/judging/${contestId}/${entryId}.data?_routes=routes%2Fjudging%2B%2F%24contestId.%24entryId`,
    `/judging.data?_routes=root,routes%2Fjudging%2B%2F_index`,
  ];
}

test("blind review: no judge-facing page, data request or attachment reveals authors or their organisation", async () => {
  const s = await blindSetup(true, "b");
  for (const path of judgePaths(s.contest.id, s.entry.id)) {
    const res = await getPage(server, path, { cookie: s.cookie });
    expect(res.status, path).toBe(200);
    const body = await res.text();
    expect(body, path).toContain("井下皮带自动纠偏");
    for (const secret of s.secrets)
      for (const form of forms(secret)) expect(body.includes(form), `${path} leaks ${secret}`).toBe(false);
  }
  const file = await getPage(server, `/files/${s.fileId}`, { cookie: s.cookie });
  expect(file.status).toBe(200);
  const disposition = decodeURIComponent(file.headers.get("content-disposition") ?? "");
  expect(disposition).toContain("attachment-1.pdf");
  for (const [name, value] of file.headers)
    for (const secret of s.secrets)
      expect(decodeURIComponent(value).includes(secret), `${name} leaks ${secret}`).toBe(false);
});

test("without blind review the same judge page names the authors (so the leak test above can fail)", async () => {
  const s = await blindSetup(false, "o");
  const html = await (await getPage(server, `/judging/${s.contest.id}/${s.entry.id}`, { cookie: s.cookie })).text();
  expect(html).toContain("欧阳秘密o");
  expect(html).toContain(s.secrets[4]);
});
