// Races in contests (issue #13): results published twice at once. SQLite's write transactions are
// serial; on PostgreSQL (XG_TEST_PG_URL) READ COMMITTED lets both see "not published yet" unless
// the transaction takes the contest's lock first.
import { expect, test } from "vitest";
import { saveAwards } from "~/domain/contests/results.server";
import { createUser } from "~/seed/factories.server";
import { prisma } from "~/utils/db.server";
import type { RuleError } from "~/utils/rule-error";
import { makeContest, orgTree, submittedEntry } from "./fixture";

test("results published four times at once: published once, every author told once", async () => {
  const tree = await orgTree(`r${Date.now()}`);
  const contest = await makeContest(tree.unionA.id, { phase: "closed" });
  const author = await createUser({ name: "作者孙", employerId: tree.entA.id });
  await submittedEntry(contest.id, { id: author.id, name: "作者孙", employerId: tree.entA.id }, tree.unionA.id);

  const results = await Promise.allSettled([1, 2, 3, 4].map(() => saveAwards(contest.id, {}, true)));
  expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
  const keys = results
    .filter((r) => r.status === "rejected")
    .map((r) => ((r as PromiseRejectedResult).reason as RuleError).key);
  expect(keys).toEqual(Array(3).fill("judging.error.awardsLocked"));
  expect(await prisma.notification.count({ where: { userId: author.id, kind: "judging.notify.resultsOut" } })).toBe(1);
});
