// Request bodies are capped while they stream in, before anything is buffered: a form body past a
// few tens of KB, or an upload past its rule's files × size, is answered 413 with a translated page
// before the rest is sent, and the connection is closed. A rejected form never echoes fields it
// did not ask for, nor a long field whole.
import { afterAll, beforeAll, expect, test } from "vitest";
import { createUser } from "~/seed/factories.server";
import { requestBodyLimit, SMALL_FORM_MAX_BYTES, uploadBodyLimit } from "~/utils/body-limits.server";
import { prisma } from "~/utils/db.server";
import { ECHO_MAX_CHARS } from "~/utils/form-reply.server";
import { UPLOAD_RULES } from "~/utils/upload.server";
import { fillParams, routeFiles } from "../helpers/routes";
import { rawPost as rawPostTo } from "../helpers/raw-http";
import { postForm, sessionCookieFor, startServer, type TestServer } from "../helpers/server";

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server.close());

const rawPost = (path: string, headers: Record<string, string | number>, body: Iterable<Buffer>) =>
  rawPostTo(server.url, path, { Origin: server.url, ...headers }, body);

/** `count` chunks of 64 KB of url-encoded form text. */
function* formChunks(count: number) {
  const chunk = Buffer.from("identifier=" + "a".repeat(64 * 1024 - 11));
  for (let i = 0; i < count; i++) yield i === 0 ? chunk : Buffer.from("a".repeat(64 * 1024));
}

test("every route that reads files gets its upload cap, every other form the small one", () => {
  const uploads = routeFiles().filter((r) => r.hasAction && /parseUploadForm|readActivityForm/.test(r.source));
  expect(uploads.map((r) => r.url)).toEqual(
    expect.arrayContaining([
      "/files/upload",
      "/contests/$contestId/enter",
      "/center/activities/new",
      "/center/activities/$activityId",
    ]),
  );
  for (const route of routeFiles().filter((r) => r.hasAction)) {
    const url = new URL(fillParams(route.url, {}, "some-id"), "http://x");
    const limit = requestBodyLimit(url);
    if (uploads.some((u) => u.file === route.file)) expect(limit, route.file).toBeGreaterThan(SMALL_FORM_MAX_BYTES);
    else expect(limit, route.file).toBe(SMALL_FORM_MAX_BYTES);
  }
  expect(SMALL_FORM_MAX_BYTES).toBeLessThanOrEqual(100 * 1024);
  const entry = UPLOAD_RULES.entry_attachment;
  expect(requestBodyLimit(new URL("http://x/contests/c1/enter.data"))).toBe(
    entry.maxBytes * entry.maxFiles + SMALL_FORM_MAX_BYTES,
  );
  expect(requestBodyLimit(new URL("http://x/files/upload?purpose=activity_cover"))).toBe(
    uploadBodyLimit("activity_cover"),
  );
});

test("a 100 MB log-in form is refused with 413 and a translated page before the body is sent, and the connection is closed", async () => {
  const size = 100 * 1024 * 1024;
  const answer = await rawPost(
    "/login",
    { "Content-Type": "application/x-www-form-urlencoded", "Content-Length": size, "Accept-Language": "en" },
    formChunks(size / (64 * 1024)),
  );
  expect(answer.status).toBe(413);
  expect(answer.body).toContain("Too much was sent");
  expect(answer.head).toMatch(/connection: close/i);
  expect(answer.closed).toBe(true);
  // Answered from the headers alone: far less than the body was ever sent.
  expect(answer.sentBytes).toBeLessThan(size / 4);
});

test("a form body without a length (chunked) is cut off at the cap with 413 in Chinese", async () => {
  const chunked = function* () {
    for (const chunk of formChunks(1000))
      yield Buffer.concat([Buffer.from(`${chunk.length.toString(16)}\r\n`), chunk, Buffer.from("\r\n")]);
  };
  const answer = await rawPost(
    "/register",
    { "Content-Type": "application/x-www-form-urlencoded", "Transfer-Encoding": "chunked" },
    chunked(),
  );
  expect(answer.status).toBe(413);
  expect(answer.body).toContain("提交的内容过大");
  expect(answer.sentBytes).toBeLessThan(64 * 1024 * 100);
});

test("a form just under the cap is read as usual (400 for the bad log-in, not 413)", async () => {
  const response = await postForm(server, "/login", {
    identifier: "x".repeat(SMALL_FORM_MAX_BYTES - 100),
    password: "x",
  });
  expect(response.status).toBe(400);
  await response.text();
});

test("an upload route refuses a body over files × size at once, and accepts its own cap", async () => {
  const user = await createUser();
  const cookie = await sessionCookieFor(user.id);
  const limit = uploadBodyLimit("entry_attachment");
  const answer = await rawPost(
    "/contests/any/enter",
    { Cookie: cookie, "Content-Type": "multipart/form-data; boundary=XX", "Content-Length": limit + 1 },
    [Buffer.from("--XX\r\n")],
  );
  expect(answer.status).toBe(413);
  expect(answer.body).toContain("提交的内容过大");
});

test("a multipart upload carrying more files than allowed is refused at the first extra file, before the rest is read", async () => {
  const user = await createUser();
  const cookie = await sessionCookieFor(user.id);
  const { maxFiles } = UPLOAD_RULES.entry_attachment;
  const part = (i: number) =>
    Buffer.from(
      `--XX\r\nContent-Disposition: form-data; name="file"; filename="f${i}.pdf"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.4 small\r\n`,
    );
  const parts = Array.from({ length: maxFiles + 1 }, (_, i) => part(i));
  const before = await prisma.storedFile.count();
  // Declares 150 MB (within the cap) but sends only the parts: the answer must come without the rest.
  const answer = await rawPost(
    "/files/upload?purpose=entry_attachment",
    {
      Cookie: cookie,
      "Content-Type": "multipart/form-data; boundary=XX",
      "Content-Length": 150 * 1024 * 1024,
      "Accept-Language": "en",
    },
    [Buffer.concat(parts)],
  );
  expect(answer.status).toBe(413);
  expect(answer.body).toContain(String(maxFiles));
  expect(await prisma.storedFile.count()).toBe(before);
});

test("a rejected log-in echoes neither unknown fields nor a long field whole, on 400 and on 429 alike", async () => {
  const user = await createUser({ phone: "13700001234" });
  const junk = "JUNKFIELD".repeat(2000);
  const longIdentifier = "13700001234" + "9".repeat(20_000);
  const bad = await postForm(server, "/login", {
    identifier: longIdentifier,
    password: "x",
    extra: junk,
    [junk.slice(0, 500)]: "1",
  });
  expect(bad.status).toBe(400);
  const badPage = await bad.text();
  expect(badPage).not.toContain("JUNKFIELD");
  expect(badPage).not.toContain("9".repeat(ECHO_MAX_CHARS + 1));

  // Wrong passwords until the account is throttled; the 429 page echoes no more than the 400 one.
  let throttled: Response | null = null;
  for (let i = 0; i < 50 && !throttled; i++) {
    const response = await postForm(server, "/login", { identifier: "13700001234", password: "wrong", extra: junk });
    if (response.status === 429) throttled = response;
    else await response.text();
  }
  expect(throttled, "the account is throttled after repeated wrong passwords").not.toBeNull();
  const page = await throttled!.text();
  expect(page).toContain("13700001234");
  expect(page).not.toContain("JUNKFIELD");
  expect(await prisma.session.count({ where: { userId: user.id } })).toBe(0);
});
