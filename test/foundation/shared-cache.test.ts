// The few-second cache of what every visitor sees alike (app/utils/shared-cache.server.ts): this
// process's writes show at once, another process's writes within the time to live, and concurrent
// misses share one load. Whole pages for visitors without a session (app/server/page-cache.js):
// kept under the same rules, each answer with its own CSP nonce, never for a signed-in visitor,
// never for a page that writes (counts a view) or reads outside the cache.
import { createHash } from "node:crypto";
import Database from "better-sqlite3";
import pg from "pg";
import { afterAll, afterEach, beforeAll, expect, test } from "vitest";
import { prisma } from "~/utils/db.server";
import { clearSharedCache, sharedCache } from "~/utils/shared-cache.server";
import { createUser } from "~/seed/factories.server";
import { makeActivity, makeCenter } from "../activities/helpers";
import { onPostgres } from "../helpers/postgres";
import { getPage, sessionCookieFor, startServer, type TestServer } from "../helpers/server";

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server.close());
afterEach(() => {
  delete process.env.PUBLIC_CACHE_MS;
  clearSharedCache();
});

/** A write the way another server process makes it: its own connection, not this process's client. */
async function writeElsewhere(sql: string, params: string[]) {
  const url = process.env.DATABASE_URL!;
  if (onPostgres()) {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await client.query(
      sql.replace(/\?/g, (_, i: number) => `$${sql.slice(0, i).split("?").length}`),
      params,
    );
    await client.end();
  } else {
    const db = new Database(url.replace(/^file:/, ""));
    db.prepare(sql).run(...params);
    db.close();
  }
}

const listPage = async () => (await getPage(server, "/activities")).text();

test("concurrent misses share one load; a value is kept for the time to live, then loaded again", async () => {
  process.env.PUBLIC_CACHE_MS = "300";
  let loads = 0;
  const load = async () => {
    loads++;
    await new Promise((resolve) => setTimeout(resolve, 20));
    return loads;
  };
  expect(await Promise.all([1, 2, 3].map(() => sharedCache("t.key", ["Activity"], load)))).toEqual([1, 1, 1]);
  expect(await sharedCache("t.key", ["Activity"], load)).toBe(1);
  await new Promise((resolve) => setTimeout(resolve, 350));
  expect(await sharedCache("t.key", ["Activity"], load)).toBe(2);
  // A failed load is not kept.
  await expect(sharedCache("t.fail", [], () => Promise.reject(new Error("down")))).rejects.toThrow("down");
  expect(await sharedCache("t.fail", [], async () => "back")).toBe("back");
});

test("this process's writes (model and raw SQL) show at once; writes to other tables keep the entry", async () => {
  let loads = 0;
  const load = async () => ++loads;
  expect(await sharedCache("t.tables", ["Activity"], load)).toBe(1);
  await prisma.funnelEvent.create({ data: { step: "view", sourceType: "direct", day: "2026-12-01" } });
  expect(await sharedCache("t.tables", ["Activity"], load)).toBe(1);
  const { center } = await makeCenter("缓存县");
  const activity = await makeActivity(center);
  expect(await sharedCache("t.tables", ["Activity"], load)).toBe(2);
  await prisma.$executeRaw`UPDATE "Activity" SET "title" = ${"改名"} WHERE "id" = ${activity.id}`;
  expect(await sharedCache("t.tables", ["Activity"], load)).toBe(3);
  await prisma.$transaction(async (tx) => {
    await tx.activity.update({ where: { id: activity.id }, data: { capacity: 99 } });
  });
  expect(await sharedCache("t.tables", ["Activity"], load)).toBe(4);
  // A plain read changes nothing.
  await prisma.$queryRaw`SELECT "id" FROM "Activity"`;
  expect(await sharedCache("t.tables", ["Activity"], load)).toBe(4);
});

test("the public list shows this process's new activity at once, another process's within the time to live", async () => {
  process.env.PUBLIC_CACHE_MS = "1500";
  const { center } = await makeCenter("列表县");
  const first = await makeActivity(center, { title: "缓存测试第一场" });
  expect(await listPage()).toContain("缓存测试第一场");
  await makeActivity(center, { title: "缓存测试第二场" });
  expect(await listPage()).toContain("缓存测试第二场");

  // Another process renames it: this process cannot know, so the old title may be served until
  // the entry expires — and no longer.
  await writeElsewhere('UPDATE "Activity" SET "title" = ? WHERE "id" = ?', ["缓存测试改名", first.id]);
  await new Promise((resolve) => setTimeout(resolve, 1600));
  const later = await listPage();
  expect(later).toContain("缓存测试改名");
  expect(later).not.toContain("缓存测试第一场");
});

test("PUBLIC_CACHE_MS=0 turns the cache off", async () => {
  process.env.PUBLIC_CACHE_MS = "0";
  let loads = 0;
  const load = async () => ++loads;
  await sharedCache("t.off", [], load);
  await sharedCache("t.off", [], load);
  expect(loads).toBe(2);
});

/**
 * Whether the answer's Content-Security-Policy lets every inline script of its page run (by its
 * nonce, or by its SHA-256 hash), and lets nothing run by a nonce another answer had.
 */
async function scriptsAllowed(response: Response) {
  const html = await response.text();
  const policy = response.headers.get("content-security-policy") ?? "";
  const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script/g)].filter(
    ([, attrs]) => !/ src=/.test(attrs),
  );
  const allowed = scripts.every(([, attrs, text]) => {
    const nonce = / nonce="([^"]+)"/.exec(attrs)?.[1];
    const hash = createHash("sha256").update(text).digest("base64");
    return (nonce && policy.includes(`'nonce-${nonce}'`)) || policy.includes(`'sha256-${hash}'`);
  });
  return { html, policy, scripts: scripts.length, allowed };
}

test("a page for visitors without a session is rendered once, then sent kept, its scripts allowed by hash", async () => {
  const { center } = await makeCenter("整页县");
  await makeActivity(center, { title: "整页缓存一场" });
  const first = await getPage(server, "/activities", { headers: { "Accept-Encoding": "gzip" } });
  expect(first.headers.get("x-page-cache")).toBe("miss");
  const a = await scriptsAllowed(first);
  for (const encoding of ["br", "gzip", "identity"]) {
    const kept = await getPage(server, "/activities", { headers: { "Accept-Encoding": encoding } });
    expect(kept.headers.get("x-page-cache")).toBe("hit");
    expect(kept.headers.get("content-encoding") ?? "identity").toBe(encoding);
    const b = await scriptsAllowed(kept);
    expect(b.html).toBe(a.html);
    expect(b.scripts).toBeGreaterThan(0);
    expect(b.allowed).toBe(true);
    // The nonce the first answer had (still in the kept markup) allows nothing now.
    expect(b.policy).not.toContain("'nonce-");
  }
  expect(a.allowed).toBe(true);
  // A new activity shows at once (this process's write drops the kept page).
  await makeActivity(center, { title: "整页缓存二场" });
  const third = await getPage(server, "/activities");
  expect(third.headers.get("x-page-cache")).toBe("miss");
  expect(await third.text()).toContain("整页缓存二场");
});

test("visitors arriving while a page renders wait for that one render instead of rendering it again", async () => {
  const { center } = await makeCenter("同时县");
  await makeActivity(center, { title: "同时到达" });
  const answers = await Promise.all(Array.from({ length: 10 }, () => getPage(server, "/activities?county=&q=同时")));
  const states = answers.map((a) => a.headers.get("x-page-cache")).sort();
  expect(states).toEqual([...Array(9).fill("hit"), "miss"]);
  for (const answer of answers) expect(await answer.text()).toContain("同时到达");
});

test("each language has its own kept page; a signed-in visitor never gets one, nor leaves theirs", async () => {
  const en = { headers: { "Accept-Language": "en" } };
  await getPage(server, "/activities", en);
  const english = await getPage(server, "/activities", en);
  expect(english.headers.get("x-page-cache")).toBe("hit");
  expect(await english.text()).toContain('lang="en"');
  expect(await (await getPage(server, "/activities")).text()).toContain('lang="zh-CN"');

  const user = await createUser({ name: "缓存访客甲" });
  const cookie = await sessionCookieFor(user.id);
  for (let i = 0; i < 2; i++) {
    const signedIn = await getPage(server, "/activities", { cookie });
    expect(signedIn.headers.get("x-page-cache")).toBeNull();
    expect(await signedIn.text()).toContain("缓存访客甲");
  }
  const anonymous = await getPage(server, "/activities");
  expect(await anonymous.text()).not.toContain("缓存访客甲");
});

test("a page that counts a view is rendered every time, never kept", async () => {
  const { center } = await makeCenter("计数县");
  const activity = await makeActivity(center, { title: "不缓存的详情页" });
  const phone = {
    "User-Agent": "Mozilla/5.0 (Linux; Android 13; V2227A) AppleWebKit/537.36 Chrome/120.0 Mobile Safari/537.36",
  };
  for (let i = 0; i < 2; i++) {
    const page = await getPage(server, `/activities/${activity.id}`, { headers: phone });
    expect(page.headers.get("x-page-cache")).not.toBe("hit");
    expect(await page.text()).toContain("不缓存的详情页");
  }
  expect(await prisma.funnelEvent.count({ where: { step: "view", activityId: activity.id } })).toBe(1);
});
