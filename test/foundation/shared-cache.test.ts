// The few-second cache of what every visitor sees alike (app/utils/shared-cache.server.ts): this
// process's writes show at once, another process's writes within the time to live, and concurrent
// misses share one load.
import Database from "better-sqlite3";
import pg from "pg";
import { afterAll, afterEach, beforeAll, expect, test } from "vitest";
import { prisma } from "~/utils/db.server";
import { clearSharedCache, sharedCache } from "~/utils/shared-cache.server";
import { makeActivity, makeCenter } from "../activities/helpers";
import { onPostgres } from "../helpers/postgres";
import { getPage, startServer, type TestServer } from "../helpers/server";

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
