// Issue 8, item 11: uploads cannot fill the disk. A refused form keeps none of its files, files
// nothing uses are removed by the scheduled cleanup, every upload path has a daily allowance per
// account, and only center staff may upload (public) activity covers.
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, expect, test } from "vitest";
import { createOrg, createUser, grantRole } from "~/seed/factories.server";
import { prisma } from "~/utils/db.server";
import { JOBS } from "~/utils/jobs.server";
import { createScheduler } from "~/utils/scheduler.server";
import { UNATTACHED_UPLOAD_TTL_MS } from "~/utils/stored-files.server";
import { DAILY_UPLOAD_BYTES, DAILY_UPLOAD_FILES, storeFiles } from "~/utils/upload.server";
import { makeActivity, makeCenter } from "../activities/helpers";
import { makeContest, orgTree } from "../contests/fixture";
import { postForm, sessionCookieFor, startServer, type TestServer } from "../helpers/server";

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server.close());

const PNG = new Uint8Array([
  0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 1, 2, 3,
]);
/** A PDF of `size` bytes (the type is decided by the first bytes). */
const pdf = (size: number) => {
  const bytes = new Uint8Array(size);
  bytes.set(new TextEncoder().encode("%PDF-1.4\n"));
  return bytes;
};

/** Every file under the test's upload folder. */
function filesOnDisk(): string[] {
  const root = process.env.UPLOAD_DIR!;
  if (!fs.existsSync(root)) return [];
  return (fs.readdirSync(root, { recursive: true }) as string[]).filter((f) =>
    fs.statSync(path.join(root, f)).isFile(),
  );
}

function entryForm(fields: Record<string, string>, files: File[]) {
  const form = new FormData();
  const base = {
    intent: "submit",
    category: "invention",
    title: "皮带纠偏装置",
    problem: "跑偏",
    solution: "加装立辊",
    benefit: "减少停机",
    coAuthors: "",
  };
  for (const [k, v] of Object.entries({ ...base, ...fields })) form.append(k, v);
  for (const f of files) form.append("attachments", f);
  return form;
}

function uploadForm(purpose: string, file: Blob, name: string) {
  const form = new FormData();
  form.append("purpose", purpose);
  form.append("file", file, name);
  return form;
}

test("refused entry submissions leave no attachment on disk and no StoredFile row", async () => {
  const tree = await orgTree("甲");
  const contest = await makeContest(tree.unionA.id, { phase: "submission" });
  const worker = await createUser({ employerId: tree.entA.id });
  const cookie = await sessionCookieFor(worker.id);
  const attachments = () => [new File([pdf(2 * 1024 * 1024)], "方案.pdf"), new File([PNG], "照片.png")];
  const diskBefore = filesOnDisk().length;
  const post = (fields: Record<string, string>) =>
    postForm(server, `/contests/${contest.id}/enter`, entryForm(fields, attachments()), {
      cookie,
      headers: { "Accept-Language": "en" },
    });

  // Refused by a rule checked while saving, after the files were stored: a co-author's phone
  // that is not registered.
  const unknownCoAuthor = await post({ coAuthors: "13999990000" });
  expect(unknownCoAuthor.status).toBe(400);
  // Refused by the form's own checks (title missing).
  const noTitle = await post({ title: "" });
  expect(noTitle.status).toBe(400);

  expect(await prisma.entry.count({ where: { contestId: contest.id } })).toBe(0);
  expect(await prisma.storedFile.count({ where: { ownerId: worker.id } })).toBe(0);
  expect(filesOnDisk().length).toBe(diskBefore);

  // The same form, accepted, keeps its files.
  const accepted = await post({});
  expect(accepted.status).toBe(302);
  expect(await prisma.storedFile.count({ where: { ownerId: worker.id, attachments: { some: {} } } })).toBe(2);
  expect(filesOnDisk().length).toBe(diskBefore + 2);
});

test("the cleanup job removes uploads nothing uses after a day, and keeps attached and fresh ones", async () => {
  const { center } = await makeCenter("清理县");
  const owner = await createUser();
  const store = async (name: string) => {
    const stored = await storeFiles([new File([PNG], name)], "activity_cover", owner.id);
    if (!("ids" in stored)) throw new Error("expected the file to be stored");
    return stored.ids[0];
  };
  const [abandoned, cover, attachment, fresh] = [
    await store("abandoned.png"),
    await store("cover.png"),
    await store("attachment.png"),
    await store("fresh.png"),
  ];
  const activity = await makeActivity(center);
  await prisma.activity.update({ where: { id: activity.id }, data: { coverFileId: cover } });
  const tree = await orgTree("乙");
  const contest = await makeContest(tree.unionA.id, { phase: "submission" });
  const entry = await prisma.entry.create({
    data: { contestId: contest.id, submittedById: owner.id, category: "invention", title: "附件", problem: "p" },
  });
  await prisma.entryAttachment.create({ data: { entryId: entry.id, fileId: attachment, position: 0 } });
  const old = new Date(Date.now() - UNATTACHED_UPLOAD_TTL_MS - 60_000);
  await prisma.storedFile.updateMany({
    where: { id: { in: [abandoned, cover, attachment] } },
    data: { createdAt: old },
  });
  const keyOf = async (id: string) => (await prisma.storedFile.findUniqueOrThrow({ where: { id } })).key;
  const abandonedKey = await keyOf(abandoned);

  const outcomes = await createScheduler(JOBS).runAllNow();
  expect(outcomes.find((o) => o.job === "uploads.cleanup")).toMatchObject({ status: "ok" });

  expect(await prisma.storedFile.findUnique({ where: { id: abandoned } })).toBeNull();
  expect(fs.existsSync(path.join(process.env.UPLOAD_DIR!, abandonedKey))).toBe(false);
  for (const kept of [cover, attachment, fresh]) {
    expect(fs.existsSync(path.join(process.env.UPLOAD_DIR!, await keyOf(kept)))).toBe(true);
  }
  // An upload nothing uses cannot be attached once it is nearly a day old (the cleanup is due).
  const lateForm = new FormData();
  await prisma.storedFile.update({
    where: { id: fresh },
    data: { createdAt: new Date(Date.now() - UNATTACHED_UPLOAD_TTL_MS + 30 * 60_000) },
  });
  lateForm.append("coverIds", fresh);
  const { collectUploads } = await import("~/utils/upload.server");
  expect(await collectUploads(lateForm, "cover", "activity_cover", owner.id)).toEqual({
    error: { key: "upload.missing" },
  });
});

test("the daily allowance refuses uploads on every path with a translated 4xx, and holds under parallel uploads", async () => {
  const tree = await orgTree("丙");
  const contest = await makeContest(tree.unionA.id, { phase: "submission" });
  const worker = await createUser({ employerId: tree.entA.id });
  const cookie = await sessionCookieFor(worker.id);
  // The bytes allowance is nearly used up by earlier uploads today (recorded, no need for the bytes).
  await prisma.storedFile.create({
    data: {
      storage: "local",
      key: `quota/${worker.id}`,
      name: "big.pdf",
      contentType: "application/pdf",
      size: DAILY_UPLOAD_BYTES - 1024 * 1024,
      purpose: "entry_attachment",
      ownerId: worker.id,
    },
  });
  const diskBefore = filesOnDisk().length;

  // Without JavaScript: the entry form with two 1 MB attachments would pass the allowance.
  const form = entryForm({}, [new File([pdf(700 * 1024)], "a.pdf"), new File([pdf(700 * 1024)], "b.pdf")]);
  const refused = await postForm(server, `/contests/${contest.id}/enter`, form, {
    cookie,
    headers: { "Accept-Language": "en" },
  });
  expect(refused.status).toBe(429);
  expect(await refused.text()).toContain("Daily upload limit reached");
  expect(await prisma.entry.count({ where: { contestId: contest.id } })).toBe(0);
  expect(filesOnDisk().length).toBe(diskBefore);
  expect(await prisma.storedFile.count({ where: { ownerId: worker.id } })).toBe(1);

  // With JavaScript (the upload endpoint), in Chinese: one file still fits, the next does not.
  const send = () =>
    postForm(
      server,
      "/files/upload?purpose=entry_attachment",
      uploadForm("entry_attachment", new Blob([pdf(600 * 1024)]), "c.pdf"),
      { cookie },
    );
  expect((await send()).status).toBe(200);
  const over = await send();
  expect(over.status).toBe(429);
  expect(((await over.json()) as { error: string }).error).toContain("已达到每日上传上限");

  // The count allowance, under parallel uploads: one place left, eight tries at once → one stored.
  const racer = await createUser();
  const racerCookie = await sessionCookieFor(racer.id);
  await prisma.storedFile.createMany({
    data: Array.from({ length: DAILY_UPLOAD_FILES - 1 }, (_, i) => ({
      storage: "local",
      key: `quota/${racer.id}/${i}`,
      name: `${i}.pdf`,
      contentType: "application/pdf",
      size: 1,
      purpose: "entry_attachment",
      ownerId: racer.id,
    })),
  });
  const replies = await Promise.all(
    Array.from({ length: 8 }, () =>
      postForm(server, "/files/upload", uploadForm("entry_attachment", new Blob([pdf(1024)]), "d.pdf"), {
        cookie: racerCookie,
      }),
    ),
  );
  expect(replies.map((r) => r.status).sort()).toEqual([200, 429, 429, 429, 429, 429, 429, 429]);
  expect(await prisma.storedFile.count({ where: { ownerId: racer.id } })).toBe(DAILY_UPLOAD_FILES);
});

test("only staff who may create or edit activities at a center can upload an activity cover", async () => {
  const worker = await createUser();
  const before = await prisma.storedFile.count();
  const refused = await postForm(
    server,
    "/files/upload?purpose=activity_cover",
    uploadForm("activity_cover", new Blob([PNG]), "cover.png"),
    {
      cookie: await sessionCookieFor(worker.id),
      headers: { "Accept-Language": "en" },
    },
  );
  expect(refused.status).toBe(403);
  expect(((await refused.json()) as { error: string }).error).toContain("Only activity center staff");
  expect(await prisma.storedFile.count()).toBe(before);
  // Nor by naming the purpose only inside the form.
  const sneaky = await postForm(server, "/files/upload", uploadForm("activity_cover", new Blob([PNG]), "cover.png"), {
    cookie: await sessionCookieFor(worker.id),
  });
  expect(sneaky.status).toBe(403);

  // Staff of an organisation with no center under it may not either; center staff may.
  const union = await createOrg({ kind: "union", unionType: "committee", name: "无中心工会" });
  const unionStaff = await createUser();
  await grantRole(unionStaff.id, "center_staff", union.id);
  const notCenter = await postForm(
    server,
    "/files/upload",
    uploadForm("activity_cover", new Blob([PNG]), "cover.png"),
    { cookie: await sessionCookieFor(unionStaff.id) },
  );
  expect(notCenter.status).toBe(403);
  const { staff } = await makeCenter("封面县");
  const allowed = await postForm(server, "/files/upload", uploadForm("activity_cover", new Blob([PNG]), "cover.png"), {
    cookie: await sessionCookieFor(staff.id),
  });
  expect(allowed.status).toBe(200);
});
