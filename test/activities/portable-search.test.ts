// Searches and orderings the same on both engines (issue #13): Prisma's `contains` is
// case-insensitive on SQLite (LIKE) but not on PostgreSQL unless asked; NULLs sort first on SQLite
// and last on PostgreSQL unless the ordering says which.
import { expect, test } from "vitest";
import { findRegistrations } from "~/domain/activities/checkin.server";
import { browseActivities, filterOptions, readFilters } from "~/domain/activities/browse.server";
import { signUp } from "~/domain/activities/registration.server";
import { createOrg, createUser } from "~/seed/factories.server";
import { prisma } from "~/utils/db.server";
import { containsInsensitive, sql } from "~/utils/sql-dialect.server";
import { makeActivity, makeCenter } from "./helpers";

test("the activity search finds a title whatever the case of the words typed", async () => {
  const { center } = await makeCenter();
  const activity = await makeActivity(center, { title: "Badminton Open 羽毛球赛" });
  for (const q of ["badminton", "BADMINTON", "bAdMiNtOn oPeN", "羽毛球"]) {
    const { items } = await browseActivities(readFilters(new URL(`http://x/activities?q=${encodeURIComponent(q)}`)));
    expect(
      items.map((a) => a.id),
      q,
    ).toContain(activity.id);
  }
});

test("the door finds a registration by the worker's name in any case", async () => {
  const { center } = await makeCenter();
  const activity = await makeActivity(center);
  const worker = await createUser({ name: "Zhang Wei", email: null });
  await signUp({ activityId: activity.id, userId: worker.id, answers: {} });
  expect((await findRegistrations(activity.id, "zhang wei")).map((r) => r.user.id)).toEqual([worker.id]);
});

test("raw SQL contains: case-insensitive, and % _ \\ typed are plain characters", async () => {
  const match = async (text: string, needle: string) => {
    const [row] = await prisma.$queryRaw<{ m: number | bigint }[]>`
      SELECT CASE WHEN ${containsInsensitive(sql`CAST(${text} AS TEXT)`, needle)} THEN 1 ELSE 0 END AS "m"`;
    return Number(row.m) === 1;
  };
  expect(await match("Hello World", "o w")).toBe(true);
  expect(await match("Hello World", "O W")).toBe(true);
  expect(await match("50% off", "50%")).toBe(true);
  expect(await match("500 off", "50%")).toBe(false);
  expect(await match("a_b", "A_B")).toBe(true);
  expect(await match("axb", "a_b")).toBe(false);
  expect(await match("C:\\dir", "c:\\d")).toBe(true);
  expect(await match("C:dir", "c:\\d")).toBe(false);
});

test("counties without a code come first in the filter menu on both engines", async () => {
  const coded = await createOrg({ kind: "county", name: "有代码县", code: `Z${Date.now()}` });
  const uncoded = await createOrg({ kind: "county", name: "无代码县" });
  const { counties } = await filterOptions();
  const at = (id: string) => counties.findIndex((c: { id: string }) => c.id === id);
  expect(at(uncoded.id)).toBeGreaterThanOrEqual(0);
  expect(at(uncoded.id)).toBeLessThan(at(coded.id));
});
