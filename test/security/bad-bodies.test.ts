// Bodies no form of ours sends — JSON, text, XML, no Content-Type, a cut-off multipart — get a
// translated 415 or 400 from every action route, never a 500 and never an error in the log.
// Remix v1 `?_data=` requests (this app uses single fetch) get a quiet 400. File names with `=`
// and `;` upload like any other.
import { afterAll, beforeAll, expect, test, vi } from "vitest";
import { createUser } from "~/seed/factories.server";
import { requestBodyLimit, SMALL_FORM_MAX_BYTES } from "~/utils/body-limits.server";
import { prisma } from "~/utils/db.server";
import { fillParams, routeFiles } from "../helpers/routes";
import { getPage, postForm, sessionCookieFor, startServer, type TestServer } from "../helpers/server";

let server: TestServer;
const logged: unknown[][] = [];
beforeAll(async () => {
  // Development mode makes Remix log every unexpected error (test mode stays silent).
  process.env.NODE_ENV = "development";
  server = await startServer();
  process.env.NODE_ENV = "test";
  for (const level of ["error", "warn"] as const)
    vi.spyOn(console, level).mockImplementation((...args: unknown[]) => {
      logged.push([level, ...args]);
    });
});
afterAll(async () => {
  vi.restoreAllMocks();
  await server?.close();
});

const TRUNCATED_MULTIPART =
  '--XX\r\nContent-Disposition: form-data; name="identifier"\r\n\r\n13800000000\r\n--XX\r\nContent-Disposition: form-da';
const UNSUPPORTED: [string, string | null, string][] = [
  ["JSON", "application/json", '{"identifier":"13800000000","password":"x"}'],
  ["text", "text/plain", "identifier=13800000000"],
  ["XML", "application/xml", "<login><identifier>13800000000</identifier></login>"],
  ["no Content-Type", null, "identifier=13800000000"],
  ["multipart without a boundary", "multipart/form-data", TRUNCATED_MULTIPART],
];

function send(path: string, type: string | null, body: string, headers: Record<string, string> = {}) {
  // A Uint8Array body makes fetch send no Content-Type of its own.
  return fetch(server.url + path, {
    method: "POST",
    body: new TextEncoder().encode(body),
    headers: { Origin: server.url, ...(type ? { "Content-Type": type } : {}), ...headers },
    redirect: "manual",
  });
}

test("every action route answers an anonymous JSON, text, XML, untyped or cut-off multipart body with 415/400, no 500, nothing logged", async () => {
  const routes = routeFiles().filter((r) => r.hasAction);
  expect(routes.map((r) => r.url)).toEqual(expect.arrayContaining(["/login", "/register", "/locale"]));
  const problems: string[] = [];
  for (const route of routes) {
    const url = fillParams(route.url, {}, "dummy-id");
    for (const path of [url, `${url === "/" ? "/_root" : url}.data`]) {
      for (const [what, type, body] of UNSUPPORTED) {
        const before = logged.length;
        const response = await send(path, type, body);
        await response.text();
        const expected = what.startsWith("multipart") ? 400 : 415;
        if (response.status !== expected || logged.length > before)
          problems.push(`${path} ${what}: ${response.status} ${logged.slice(before).join(" ")}`);
      }
      const before = logged.length;
      const response = await send(path, "multipart/form-data; boundary=XX", TRUNCATED_MULTIPART);
      await response.text();
      // Form routes read the body whole before any action runs: a cut-off one is a 400. Upload
      // routes stream theirs to the action, which turns an anonymous caller away first.
      const isUpload = requestBodyLimit(new URL(path, server.url)) > SMALL_FORM_MAX_BYTES;
      const ok = isUpload ? response.status < 500 : response.status === 400;
      if (!ok || logged.length > before)
        problems.push(`${path} truncated multipart: ${response.status} ${logged.slice(before).join(" ")}`);
    }
  }
  expect(problems.join("\n")).toBe("");
});

test("the refusals are pages in the user's language", async () => {
  const json = await send("/login", "application/json", "{}", { "Accept-Language": "en" });
  expect(json.status).toBe(415);
  expect(await json.text()).toContain("This site only accepts what its own forms send");
  const cut = await send("/register", "multipart/form-data; boundary=XX", TRUNCATED_MULTIPART);
  expect(cut.status).toBe(400);
  expect(await cut.text()).toContain("无法读取您提交的内容");
});

test("a signed-in upload whose multipart body is cut off is a 400 and stores nothing", async () => {
  const user = await createUser();
  const cookie = await sessionCookieFor(user.id);
  const before = await prisma.storedFile.count();
  const response = await send(
    "/files/upload?purpose=entry_attachment",
    "multipart/form-data; boundary=XX",
    TRUNCATED_MULTIPART,
    { Cookie: cookie },
  );
  expect(response.status).toBe(400);
  await response.text();
  expect(await prisma.storedFile.count()).toBe(before);
  expect(logged).toEqual([]);
});

test("legacy ?_data= requests get a quiet 400, also where the loader returns a `status` field", async () => {
  const judge = await createUser();
  const cookie = await sessionCookieFor(judge.id);
  for (const path of [
    "/?_data=root",
    "/?_data=routes/_index",
    "/judging/some-contest/some-entry?_data=routes/judging+/$contestId.$entryId",
  ]) {
    const response = await getPage(server, path, { cookie, headers: { "Accept-Language": "en" } });
    expect(response.status, path).toBe(400);
    expect(await response.text(), path).toContain("Bad request");
  }
  expect(logged).toEqual([]);
});

test("file names with = and ; upload like any other", async () => {
  const user = await createUser();
  const cookie = await sessionCookieFor(user.id);
  const pdf = new TextEncoder().encode("%PDF-1.4\n1 0 obj\n<<>>\nendobj\n%%EOF\n");
  for (const name of ["方案=终稿;v2.pdf", "a;b=c.pdf", "x; filename=evil.pdf"]) {
    const form = new FormData();
    form.append("purpose", "entry_attachment");
    form.append("file", new Blob([pdf]), name);
    const response = await postForm(server, "/files/upload?purpose=entry_attachment", form, { cookie });
    expect(response.status, name).toBe(200);
    const body = (await response.json()) as { files: { id: string; name: string }[] };
    expect(body.files[0].name, name).toBe(name);
    expect(await prisma.storedFile.findUniqueOrThrow({ where: { id: body.files[0].id } })).toMatchObject({
      name,
      size: pdf.length,
    });
  }
  expect(logged).toEqual([]);
});
