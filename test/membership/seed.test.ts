import { expect, test } from "vitest";
import { loadDashboard, periodRange } from "~/domain/membership/dashboard.server";
import { isValidIdNumber } from "~/domain/membership/validators";
import { isOverdue } from "~/domain/membership/working-days";
import { decryptIdNumber } from "~/domain/privacy/id-numbers.server";
import { seedDemoIfEmpty } from "~/seed/index.server";
import { prisma } from "~/utils/db.server";

test("the demo seed gives the membership area real-looking data", async () => {
  expect(await seedDemoIfEmpty()).toBe(true);
  const pending = await prisma.membershipApplication.findMany({
    where: { status: "pending" },
    select: { createdAt: true },
  });
  expect(pending.some((a) => isOverdue(a.createdAt))).toBe(true);
  expect(await prisma.membershipApplication.count({ where: { status: "rejected" } })).toBeGreaterThan(0);
  const d = await loadDashboard({ ...periodRange("180"), countyIds: null }, "zh-CN", { rowLimit: 20 });
  expect(d.totals.view).toBeGreaterThan(d.totals.signup);
  expect(d.totals.approve).toBeGreaterThan(10);
  expect(d.byCounty.length).toBeGreaterThanOrEqual(3);
  expect(d.monthly.length).toBeGreaterThanOrEqual(6);
  expect(d.timeToConvert.reduce((n, b) => n + b.count, 0)).toBe(d.totals.approve);
  expect(d.organisation.newUnions).toBeGreaterThanOrEqual(2);
  expect(d.organisation.uncovered).toBeGreaterThan(0);
  // Issue #11: the demo runs the encrypted path, with fictional numbers whose check digits are valid,
  // and every applicant's consent recorded.
  const withId = await prisma.membershipApplication.findMany({
    where: { idNumberCipher: { not: null } },
    select: { idNumberCipher: true, idNumberLast4: true, userId: true },
  });
  expect(withId.length).toBeGreaterThan(10);
  for (const a of withId) {
    expect(a.idNumberCipher).toMatch(/^v1:/);
    const plain = decryptIdNumber(a.idNumberCipher!);
    expect(isValidIdNumber(plain)).toBe(true);
    expect(plain.slice(-4)).toBe(a.idNumberLast4);
  }
  expect(await prisma.privacyConsent.count()).toBeGreaterThanOrEqual(withId.length);
});
