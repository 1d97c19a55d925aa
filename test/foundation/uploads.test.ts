import { afterAll, beforeAll, expect, test } from "vitest";
import { createOrg, createUser, grantRole } from "~/seed/factories.server";
import { prisma } from "~/utils/db.server";
import { collectUploads } from "~/utils/upload.server";
import { postForm, sessionCookieFor, startServer, type TestServer } from "../helpers/server";

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server.close());

const PNG = new Uint8Array([
  0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 1, 2, 3,
]);
const PDF = new TextEncoder().encode("%PDF-1.4\n1 0 obj\n<<>>\nendobj\n%%EOF\n");

/** Covers may be uploaded only by staff of an activity center. */
async function centerStaff() {
  const center = await createOrg({ kind: "center", name: "上传测试职工文化活动中心" });
  const user = await createUser();
  await grantRole(user.id, "center_staff", center.id);
  return user;
}

function uploadForm(purpose: string, file: Blob, name: string) {
  const form = new FormData();
  form.append("purpose", purpose);
  form.append("file", file, name);
  return form;
}

test("a signed-in user uploads a PDF attachment and gets its id, name and size back", async () => {
  const user = await createUser();
  const cookie = await sessionCookieFor(user.id);
  const response = await postForm(
    server,
    "/files/upload",
    uploadForm("entry_attachment", new Blob([PDF]), "方案.pdf"),
    { cookie },
  );
  expect(response.status).toBe(200);
  const body = (await response.json()) as { files: { id: string; name: string; size: number }[] };
  expect(body.files).toHaveLength(1);
  expect(body.files[0]).toMatchObject({ name: "方案.pdf", size: PDF.length });
  const stored = await prisma.storedFile.findUniqueOrThrow({ where: { id: body.files[0].id } });
  expect(stored).toMatchObject({
    ownerId: user.id,
    purpose: "entry_attachment",
    contentType: "application/pdf",
    storage: "local",
  });
  const served = await fetch(`${server.url}/files/${stored.id}`, { headers: { Cookie: cookie } });
  expect(served.status).toBe(200);
  expect(new Uint8Array(await served.arrayBuffer())).toEqual(PDF);
});

test("a text file renamed .png is refused by its content, in the user's language, and nothing is stored", async () => {
  const user = await centerStaff();
  const cookie = await sessionCookieFor(user.id);
  const before = await prisma.storedFile.count();
  const disguised = new Blob(["just some text, not an image"], { type: "image/png" });
  const response = await postForm(server, "/files/upload", uploadForm("activity_cover", disguised, "photo.png"), {
    cookie,
    headers: { "Accept-Language": "en" },
  });
  expect(response.status).toBe(400);
  expect(((await response.json()) as { error: string }).error).toContain("Unsupported file type");
  expect(await prisma.storedFile.count()).toBe(before);
});

test("an oversized cover is refused with 413 and a message naming the limit", async () => {
  const user = await centerStaff();
  const cookie = await sessionCookieFor(user.id);
  const big = new Uint8Array(5 * 1024 * 1024 + 10);
  big.set(PNG);
  const before = await prisma.storedFile.count();
  const response = await postForm(
    server,
    "/files/upload?purpose=activity_cover",
    uploadForm("activity_cover", new Blob([big]), "big.png"),
    { cookie },
  );
  expect(response.status).toBe(413);
  expect(((await response.json()) as { error: string }).error).toContain("5 MB");
  expect(await prisma.storedFile.count()).toBe(before);
  // Without the purpose in the query string the larger parse cap applies, and the purpose's own cap still refuses it.
  const again = await postForm(server, "/files/upload", uploadForm("activity_cover", new Blob([big]), "big.png"), {
    cookie,
  });
  expect(again.status).toBe(413);
  expect(await prisma.storedFile.count()).toBe(before);
});

test("uploading needs a session and a known purpose", async () => {
  const anonymous = await postForm(server, "/files/upload", uploadForm("entry_attachment", new Blob([PDF]), "a.pdf"));
  expect(anonymous.status).toBe(401);
  const user = await createUser();
  const cookie = await sessionCookieFor(user.id);
  const unknown = await postForm(server, "/files/upload", uploadForm("avatar-of-someone", new Blob([PNG]), "a.png"), {
    cookie,
  });
  expect(unknown.status).toBe(400);
});

test("collectUploads accepts the user's own unattached ids plus raw files, and refuses others' ids or too many", async () => {
  const owner = await createUser();
  const other = await createUser();
  const ownCookie = await sessionCookieFor(owner.id);
  const otherCookie = await sessionCookieFor(other.id);
  const upload = async (cookie: string) =>
    (
      (await (
        await postForm(server, "/files/upload", uploadForm("entry_attachment", new Blob([PDF]), "x.pdf"), { cookie })
      ).json()) as {
        files: { id: string }[];
      }
    ).files[0].id;
  const mine = await upload(ownCookie);
  const theirs = await upload(otherCookie);

  const form = new FormData();
  form.append("attachmentsIds", mine);
  form.append("attachments", new File([PNG], "raw.png"));
  const result = await collectUploads(form, "attachments", "entry_attachment", owner.id);
  expect("ids" in result && result.ids.length).toBe(2);
  if ("ids" in result) expect(result.ids[0]).toBe(mine);

  const stolen = new FormData();
  stolen.append("attachmentsIds", theirs);
  expect(await collectUploads(stolen, "attachments", "entry_attachment", owner.id)).toEqual({
    error: { key: "upload.missing" },
  });

  const wrongPurpose = new FormData();
  wrongPurpose.append("coverIds", mine);
  expect(await collectUploads(wrongPurpose, "cover", "activity_cover", owner.id)).toEqual({
    error: { key: "upload.missing" },
  });

  const tooMany = new FormData();
  for (let i = 0; i < 11; i++) tooMany.append("attachments", new File([PDF], `f${i}.pdf`));
  expect(await collectUploads(tooMany, "attachments", "entry_attachment", owner.id)).toEqual({
    error: { key: "upload.tooMany", params: { max: 10 } },
  });

  const disguised = new FormData();
  disguised.append("attachments", new File(["hello"], "fake.pdf"));
  const refused = await collectUploads(disguised, "attachments", "entry_attachment", owner.id);
  expect("error" in refused && refused.error.key).toBe("upload.badType");
});

test("an account that has uploaded its daily allowance is refused with 429 until the day has passed", async () => {
  const user = await createUser();
  const cookie = await sessionCookieFor(user.id);
  await prisma.storedFile.createMany({
    data: Array.from({ length: 200 }, (_, i) => ({
      storage: "local",
      key: `quota/${user.id}/${i}`,
      name: `${i}.pdf`,
      contentType: "application/pdf",
      size: 1,
      purpose: "entry_attachment",
      ownerId: user.id,
    })),
  });
  const refused = await postForm(server, "/files/upload", uploadForm("entry_attachment", new Blob([PDF]), "a.pdf"), {
    cookie,
  });
  expect(refused.status).toBe(429);
  expect(((await refused.json()) as { error: string }).error).toContain("200");
  await prisma.storedFile.updateMany({
    where: { ownerId: user.id },
    data: { createdAt: new Date(Date.now() - 25 * 60 * 60 * 1000) },
  });
  expect(
    (await postForm(server, "/files/upload", uploadForm("entry_attachment", new Blob([PDF]), "a.pdf"), { cookie }))
      .status,
  ).toBe(200);
});
