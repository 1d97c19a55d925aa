// Races in membership (issue #13): numbers from MAX(number)+1 and one pending application per
// worker. On SQLite write transactions are serial; on PostgreSQL (XG_TEST_PG_URL) READ COMMITTED
// lets two statements read the same "nothing yet", so the domain takes a lock first.
import { expect, test } from "vitest";
import { approveApplication, submitApplication } from "~/domain/membership/applications.server";
import { createUser } from "~/seed/factories.server";
import { prisma } from "~/utils/db.server";
import type { RuleError } from "~/utils/rule-error";
import { applicationInput, makeCity } from "./fixtures";

test("twelve applications approved at once get twelve distinct, consecutive numbers", async () => {
  const c = await makeCity();
  const workers = await Promise.all(Array.from({ length: 12 }, () => createUser({ email: null })));
  const ids = [];
  for (const w of workers)
    ids.push((await submitApplication(applicationInput(w.id, { enterpriseId: c.shop.id }))).applicationId);
  // A different day each: the time-to-convert rollup row of one day would otherwise make the
  // approvals queue behind each other and hide the race on the number.
  const day = (i: number) => new Date(Date.UTC(2026, 5, 1 + i, 4));
  const numbers = (await Promise.all(ids.map((id, i) => approveApplication(id, c.staffA.id, day(i))))).map(
    (r) => r.number,
  );
  expect(new Set(numbers).size).toBe(12);
  const seq = numbers.map((n) => Number(n.slice(6))).sort((a, b) => a - b);
  expect(seq[11] - seq[0]).toBe(11);
  expect(await prisma.membership.count({ where: { number: { in: numbers } } })).toBe(12);
});

test("one worker's application sent five times at once: one pending row, the others told it is pending", async () => {
  const c = await makeCity();
  const w = await createUser({ email: null });
  const results = await Promise.allSettled(
    Array.from({ length: 5 }, () => submitApplication(applicationInput(w.id, { enterpriseId: c.shop.id }))),
  );
  expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
  const keys = results
    .filter((r) => r.status === "rejected")
    .map((r) => ((r as PromiseRejectedResult).reason as RuleError).key);
  expect(new Set(keys)).toEqual(new Set(["membership.error.pending"]));
  expect(await prisma.membershipApplication.count({ where: { userId: w.id, status: "pending" } })).toBe(1);
});

test("one ID number on two accounts applying at once: one application holds it", async () => {
  const c = await makeCity();
  const [a, b] = await Promise.all([createUser({ email: null }), createUser({ email: null })]);
  const idNumber = "11010519491231002X";
  const results = await Promise.allSettled(
    [a, b].map((w) => submitApplication(applicationInput(w.id, { enterpriseId: c.shop.id, idNumber }))),
  );
  expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
  expect(await prisma.membershipApplication.count({ where: { userId: { in: [a.id, b.id] } } })).toBe(1);
});

test("numbers of another form in the same year (the demo's LF2026E00025) are skipped, on both engines", async () => {
  const c = await makeCity();
  const now = new Date(Date.UTC(2031, 5, 1, 4));
  const old = await createUser({ email: null });
  await prisma.membership.create({
    data: { userId: old.id, unionId: c.jointA.id, number: "LF2031E00042", since: now, verifyToken: `t${Date.now()}` },
  });
  const w = await createUser({ email: null });
  const { applicationId } = await submitApplication(applicationInput(w.id, { enterpriseId: c.shop.id }));
  expect((await approveApplication(applicationId, c.staffA.id, now)).number).toBe("LF2031000001");
});
