// Both storage adapters behind the one interface: local disk, and UploadThing's server SDK
// talking to a local fake of its HTTP API on 127.0.0.1 (the only fake in the suite).
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, expect, test } from "vitest";
import { createUser } from "~/seed/factories.server";
import { prisma } from "~/utils/db.server";
import { createLocalStorage } from "~/utils/storage/local.server";
import { getStorage, setStorage } from "~/utils/storage/storage.server";
import { createUploadThingStorage } from "~/utils/storage/uploadthing.server";
import { storeFiles } from "~/utils/upload.server";

const PNG = new Uint8Array([
  0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 7, 7, 7,
]);

type FakeFile = { key: string; customId: string | null; name: string; type: string; bytes: Uint8Array };
type Fake = { url: string; files: Map<string, FakeFile>; requests: string[]; close: () => Promise<void> };

/** What UTApi calls: PUT {ingestUrl}/{key} (multipart `file`), GET of the returned URL, POST {apiUrl}/v6/deleteFiles. */
async function startFakeUploadThing(): Promise<Fake> {
  const files = new Map<string, FakeFile>();
  const requests: string[] = [];
  const server = http.createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    requests.push(`${req.method} ${url.pathname}`);
    const json = (status: number, value: unknown) => {
      res.writeHead(status, { "Content-Type": "application/json" });
      res.end(JSON.stringify(value));
    };
    if (req.method === "PUT") {
      // A presigned URL: the SDK signs it locally with the API key.
      if (!url.searchParams.get("signature")) return json(403, { error: "unsigned" });
      const form = await new Response(body, {
        headers: { "Content-Type": String(req.headers["content-type"]) },
      }).formData();
      const file = form.get("file") as File;
      const key = url.pathname.slice(1);
      files.set(key, {
        key,
        // The SDK encodes the signed values once more than the query string does.
        customId: decodeURIComponent(url.searchParams.get("x-ut-custom-id") ?? "") || null,
        name: decodeURIComponent(url.searchParams.get("x-ut-file-name") ?? file.name),
        type: file.type,
        bytes: new Uint8Array(await file.arrayBuffer()),
      });
      const fileUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/f/${key}`;
      return json(200, { url: fileUrl, appUrl: fileUrl, ufsUrl: fileUrl, fileHash: "fake-hash" });
    }
    if (req.method === "GET" && url.pathname.startsWith("/f/")) {
      const file = files.get(url.pathname.slice(3));
      if (!file) return json(404, { error: "not found" });
      res.writeHead(200, { "Content-Type": file.type });
      return res.end(Buffer.from(file.bytes));
    }
    if (req.method === "POST" && url.pathname === "/v6/deleteFiles") {
      if (!String(req.headers["x-uploadthing-api-key"] ?? "").startsWith("sk_")) return json(401, { error: "no key" });
      const { customIds = [], fileKeys = [] } = JSON.parse(body.toString()) as {
        customIds?: string[];
        fileKeys?: string[];
      };
      let deletedCount = 0;
      for (const [key, file] of files) {
        if (fileKeys.includes(key) || (file.customId && customIds.includes(file.customId))) {
          files.delete(key);
          deletedCount++;
        }
      }
      return json(200, { success: true, deletedCount });
    }
    json(404, { error: `unexpected ${req.method} ${url.pathname}` });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url, files, requests, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

const fakeToken = Buffer.from(
  JSON.stringify({ apiKey: "sk_test_fake", appId: "xg-test-app", regions: ["fake1"] }),
).toString("base64");

let fake: Fake;
beforeAll(async () => {
  fake = await startFakeUploadThing();
});
afterAll(async () => {
  setStorage(null);
  await fake.close();
});

test("the local adapter stores, reads back and removes bytes, and refuses keys that escape its folder", async () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "xg-local-"));
  const storage = createLocalStorage(root);
  expect(storage.name).toBe("local");
  const put = await storage.put({ key: "activity_cover/abc", name: "a.png", contentType: "image/png", bytes: PNG });
  expect(put.url).toBeNull();
  expect(fs.existsSync(path.join(root, "activity_cover/abc"))).toBe(true);
  expect(await storage.get({ key: "activity_cover/abc", url: null })).toEqual(PNG);
  await storage.remove({ key: "activity_cover/abc", url: null });
  expect(await storage.get({ key: "activity_cover/abc", url: null })).toBeNull();
  await expect(storage.put({ key: "../../etc/evil", name: "x", contentType: "image/png", bytes: PNG })).rejects.toThrow(
    /Bad storage key/,
  );
  fs.rmSync(root, { recursive: true, force: true });
});

test("without UPLOADTHING_TOKEN the app stores uploads on local disk", () => {
  setStorage(null);
  expect(process.env.UPLOADTHING_TOKEN).toBeUndefined();
  expect(getStorage().name).toBe("local");
});

test("the UploadThing adapter uploads through a signed PUT, reads the file back and deletes it by custom id", async () => {
  const storage = createUploadThingStorage({ token: fakeToken, apiUrl: fake.url, ingestUrl: fake.url });
  expect(storage.name).toBe("uploadthing");
  const { url } = await storage.put({
    key: "entry_attachment/k1",
    name: "方案.png",
    contentType: "image/png",
    bytes: PNG,
  });
  expect(url).toMatch(new RegExp(`^${fake.url}/f/`));
  const stored = [...fake.files.values()].find((f) => f.customId === "entry_attachment/k1");
  expect(stored).toMatchObject({ name: "方案.png", type: "image/png" });
  expect(stored!.bytes).toEqual(PNG);
  expect(fake.requests).toContain(`PUT /${stored!.key}`);

  expect(await storage.get({ key: "entry_attachment/k1", url })).toEqual(PNG);
  await storage.remove({ key: "entry_attachment/k1", url });
  expect(fake.requests).toContain("POST /v6/deleteFiles");
  expect([...fake.files.values()].some((f) => f.customId === "entry_attachment/k1")).toBe(false);
  expect(await storage.get({ key: "entry_attachment/k1", url })).toBeNull();
});

test("storeFiles through the UploadThing adapter records the remote URL, and a failing service surfaces as an error", async () => {
  const owner = await createUser();
  setStorage(createUploadThingStorage({ token: fakeToken, apiUrl: fake.url, ingestUrl: fake.url }));
  try {
    const stored = await storeFiles([new File([PNG], "cover.png")], "activity_cover", owner.id);
    if (!("ids" in stored)) throw new Error("expected the file to be stored");
    const [id] = stored.ids;
    const row = await prisma.storedFile.findUniqueOrThrow({ where: { id } });
    expect(row).toMatchObject({
      storage: "uploadthing",
      contentType: "image/png",
      size: PNG.length,
      ownerId: owner.id,
    });
    expect(row.url).toMatch(new RegExp(`^${fake.url}/f/`));
    expect(await getStorage().get(row)).toEqual(PNG);

    // The service is down: the upload fails loudly and no record is written.
    const before = await prisma.storedFile.count();
    setStorage(
      createUploadThingStorage({ token: fakeToken, apiUrl: "http://127.0.0.1:9", ingestUrl: "http://127.0.0.1:9" }),
    );
    await expect(storeFiles([new File([PNG], "x.png")], "activity_cover", owner.id)).rejects.toThrow(
      /UploadThing upload failed/,
    );
    expect(await prisma.storedFile.count()).toBe(before);
  } finally {
    setStorage(null);
  }
});
