// rawTransaction and rawQuery (app/utils/db.server.ts): on SQLite they run on the Prisma client's
// own connection without the client (the sign-up's hot path, issue #13 item 6), on PostgreSQL they
// are the client's. Either way they must behave as prisma.$transaction / $queryRaw do: commit or
// roll back as a whole, take turns with the client's transactions, report unique violations as
// uniqueViolationFields knows them, report writes to the shared cache, and give back the same values.
import { afterEach, expect, test } from "vitest";
import { prisma, rawQuery, rawTransaction, uniqueViolationFields } from "~/utils/db.server";
import { clearSharedCache, sharedCache } from "~/utils/shared-cache.server";
import { lockKey, sql } from "~/utils/sql-dialect.server";
import { makeActivity, makeCenter } from "../activities/helpers";

afterEach(() => {
  delete process.env.PUBLIC_CACHE_MS;
  clearSharedCache();
});

const capacityOf = async (id: string) =>
  (await prisma.activity.findUniqueOrThrow({ where: { id }, select: { capacity: true } })).capacity;

test("commits as a whole, rolls back as a whole when the function throws, and frees the database for the next", async () => {
  const { center } = await makeCenter("原始事务县");
  const activity = await makeActivity(center, { capacity: 5 });

  const changed = await rawTransaction(async (tx) => {
    const n = await tx.$executeRaw(sql`UPDATE "Activity" SET "capacity" = "capacity" + 1 WHERE "id" = ${activity.id}`);
    const [row] = await tx.$queryRaw<{ capacity: number }[]>(
      sql`SELECT "capacity" FROM "Activity" WHERE "id" = ${activity.id}`,
    );
    return [n, Number(row.capacity)];
  });
  expect(changed).toEqual([1, 6]);
  expect(await capacityOf(activity.id)).toBe(6);

  await expect(
    rawTransaction(async (tx) => {
      await tx.$executeRaw(sql`UPDATE "Activity" SET "capacity" = 100 WHERE "id" = ${activity.id}`);
      throw new Error("changed my mind");
    }),
  ).rejects.toThrow("changed my mind");
  expect(await capacityOf(activity.id)).toBe(6);

  // The lock and the connection are free again: the client's own transaction goes through.
  await prisma.$transaction((tx) => tx.activity.update({ where: { id: activity.id }, data: { capacity: 7 } }));
  expect(await capacityOf(activity.id)).toBe(7);
});

test("a unique violation inside it rolls back and is recognised with its columns", async () => {
  const { center } = await makeCenter("唯一冲突县");
  const activity = await makeActivity(center);
  const insert = (title: string) => sql`
    INSERT INTO "Organisation" ("id", "kind", "name", "path", "createdAt", "updatedAt")
    VALUES (${`raw-tx-${activity.id}`}, 'center', ${title}, ${`/raw-tx-${activity.id}/`}, ${new Date()}, ${new Date()})`;
  const error = await rawTransaction(async (tx) => {
    await tx.$executeRaw(sql`UPDATE "Activity" SET "capacity" = 99 WHERE "id" = ${activity.id}`);
    await tx.$executeRaw(insert("一"));
    await tx.$executeRaw(insert("二"));
  }).then(
    () => null,
    (e: unknown) => e,
  );
  expect(uniqueViolationFields(error)).toEqual(["id"]);
  expect(await capacityOf(activity.id)).not.toBe(99);
  expect(await prisma.organisation.count({ where: { id: `raw-tx-${activity.id}` } })).toBe(0);
});

test("takes turns with the client's transactions: 20 read-then-write increments, half each way, lose none", async () => {
  const { center } = await makeCenter("轮流县");
  const activity = await makeActivity(center, { capacity: 0 });
  const key = `raw-tx-test:${activity.id}`;
  const readThenWrite = async (tx: Parameters<Parameters<typeof rawTransaction>[0]>[0]) => {
    await lockKey(tx, key); // PostgreSQL; SQLite's write transactions are serial already
    const [row] = await tx.$queryRaw<{ capacity: number | bigint }[]>(
      sql`SELECT "capacity" FROM "Activity" WHERE "id" = ${activity.id}`,
    );
    await new Promise((resolve) => setTimeout(resolve, 2)); // let the others try to get in between
    await tx.$executeRaw(
      sql`UPDATE "Activity" SET "capacity" = ${Number(row.capacity) + 1} WHERE "id" = ${activity.id}`,
    );
  };
  await Promise.all(
    Array.from({ length: 20 }, (_, i) =>
      i % 2 ? rawTransaction(readThenWrite) : prisma.$transaction((tx) => readThenWrite(tx)),
    ),
  );
  expect(await capacityOf(activity.id)).toBe(20);
});

test("rawQuery gives the values prisma.$queryRaw gives (integers, booleans, date-times, counts, NULL)", async () => {
  const { center } = await makeCenter("取值县");
  const activity = await makeActivity(center, { capacity: 12, approvalRequired: true });
  const query = sql`
    SELECT a."capacity", a."approvalRequired", a."waitlistEnabled", a."startsAt", a."countyId", a."title",
           (SELECT COUNT(*) FROM "Registration" r WHERE r."activityId" = a."id") AS "registrations",
           EXISTS (SELECT 1 FROM "ActivityQuestion" q WHERE q."activityId" = a."id") AS "hasQuestions",
           NULL AS "nothing"
    FROM "Activity" a WHERE a."id" = ${activity.id}`;
  const [ours] = await rawQuery<Record<string, unknown>>(query);
  const [theirs] = await prisma.$queryRaw<Record<string, unknown>[]>(query);
  expect(ours).toEqual(theirs);
  expect(Boolean(ours.approvalRequired)).toBe(true);
  expect(Number(ours.capacity)).toBe(12);
});

test("its writes are reported to the shared cache at once, as the client's are", async () => {
  process.env.PUBLIC_CACHE_MS = "60000";
  const { center } = await makeCenter("缓存原始县");
  const activity = await makeActivity(center, { capacity: 3 });
  const load = () => capacityOf(activity.id);
  expect(await sharedCache(`raw-tx:${activity.id}`, ["Activity"], load)).toBe(3);
  await rawTransaction((tx) => tx.$executeRaw(sql`UPDATE "Activity" SET "capacity" = 4 WHERE "id" = ${activity.id}`));
  expect(await sharedCache(`raw-tx:${activity.id}`, ["Activity"], load)).toBe(4);
});
