import { beforeAll, expect, test } from "vitest";
import {
  approveApplication,
  rejectApplication,
  submitApplication,
  transferApplication,
} from "~/domain/membership/applications.server";
import { suggestUnion } from "~/domain/membership/unions.server";
import { createUser, withCreditCheck } from "~/seed/factories.server";
import { prisma } from "~/utils/db.server";
import { RuleError } from "~/utils/rule-error";
import { recordFunnelStep } from "~/utils/funnel.server";
import { applicationInput, makeActivity, makeCity, type City } from "./fixtures";

let c: City;
beforeAll(async () => {
  c = await makeCity();
});

test("the suggested union is the employer's own, else the county's joint union", async () => {
  expect(await suggestUnion({ enterpriseId: c.factory.id })).toBe(c.factoryUnion.id);
  expect(await suggestUnion({ enterpriseId: c.shop.id })).toBe(c.jointA.id);
  expect(await suggestUnion({ countyId: c.countyB.id })).toBe(c.jointB.id);
});

test("applying records the last touch, the apply step, and goes to the suggested union", async () => {
  const worker = await createUser({ countyId: c.countyA.id });
  const activity = await makeActivity(c.centerA.id, c.countyA.id);
  await recordFunnelStep({
    step: "attend",
    userId: worker.id,
    sourceType: "activity",
    activityId: activity.id,
    centerId: c.centerA.id,
    countyId: c.countyA.id,
    category: "sports_culture",
  });
  const result = await submitApplication(applicationInput(worker.id, { enterpriseId: c.shop.id }));
  expect(result.applicationId).toBeTruthy();
  const app = await prisma.membershipApplication.findFirstOrThrow({ where: { userId: worker.id } });
  expect(app).toMatchObject({
    status: "pending",
    unionId: c.jointA.id,
    countyId: c.countyA.id,
    lastSourceType: "activity",
    lastActivityId: activity.id,
  });
  const apply = await prisma.funnelEvent.findFirstOrThrow({ where: { userId: worker.id, step: "apply" } });
  expect(apply).toMatchObject({
    sourceType: "activity",
    activityId: activity.id,
    countyId: c.countyA.id,
    category: "sports_culture",
  });
});

test("a second application while one is pending is refused, and nothing is written", async () => {
  const worker = await createUser();
  await submitApplication(applicationInput(worker.id, { enterpriseId: c.shop.id }));
  await expect(submitApplication(applicationInput(worker.id, { enterpriseId: c.shop.id }))).rejects.toMatchObject({
    key: "membership.error.pending",
    status: 409,
  });
  // Two submissions at once: exactly one lands.
  const other = await createUser();
  const results = await Promise.allSettled(
    [1, 2, 3].map(() => submitApplication(applicationInput(other.id, { enterpriseId: c.shop.id }))),
  );
  expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
  expect(results.filter((r) => r.status === "rejected").map((r) => (r as PromiseRejectedResult).reason)).toEqual([
    expect.any(RuleError),
    expect.any(RuleError),
  ]);
  expect(await prisma.membershipApplication.count({ where: { userId: other.id } })).toBe(1);
});

test("an applicant who is already a member is told so", async () => {
  const member = await createUser();
  await prisma.membership.create({
    data: {
      userId: member.id,
      unionId: c.jointA.id,
      number: `LFT${member.id}`,
      since: new Date(),
      verifyToken: `tok-${member.id}`,
    },
  });
  await expect(submitApplication(applicationInput(member.id, { enterpriseId: c.shop.id }))).rejects.toMatchObject({
    key: "membership.error.member",
  });
  expect(await prisma.membershipApplication.count({ where: { userId: member.id } })).toBe(0);
});

test("adding a new employer happens in the same transaction as the application", async () => {
  const worker = await createUser();
  const creditCode = withCreditCheck("91141000MA0KT0001");
  const result = await submitApplication(
    applicationInput(worker.id, {
      newEnterprise: { name: "新单位", creditCode, countyId: c.countyB.id, industry: "services", size: "small" },
    }),
  );
  expect(result.applicationId).toBeTruthy();
  const enterprise = await prisma.enterprise.findUniqueOrThrow({ where: { creditCode } });
  const app = await prisma.membershipApplication.findFirstOrThrow({ where: { userId: worker.id } });
  expect(app.enterpriseId).toBe(enterprise.id);
  expect(app.unionId).toBe(c.jointB.id); // no union of its own: the county's joint union
  // The same code again, from someone else: refused, and no second application either.
  const next = await createUser();
  const dup = submitApplication(
    applicationInput(next.id, {
      newEnterprise: { name: "重复单位", creditCode, countyId: c.countyB.id, industry: "services", size: "small" },
    }),
  );
  await expect(dup).rejects.toMatchObject({ key: "membership.error.creditCodeTaken", field: "newCreditCode" });
  expect(await prisma.membershipApplication.count({ where: { userId: next.id } })).toBe(0);
});

test("approval assigns the next number of the year, a card token, and notifies the applicant", async () => {
  const a = await createUser();
  const b = await createUser();
  await submitApplication(applicationInput(a.id, { enterpriseId: c.shop.id }));
  await submitApplication(applicationInput(b.id, { enterpriseId: c.shop.id }));
  const appA = await prisma.membershipApplication.findFirstOrThrow({ where: { userId: a.id } });
  const appB = await prisma.membershipApplication.findFirstOrThrow({ where: { userId: b.id } });
  const now = new Date("2026-06-01T10:00:00+08:00");
  const [ra, rb] = await Promise.all([
    approveApplication(appA.id, c.staffA.id, now),
    approveApplication(appB.id, c.staffA.id, now),
  ]);
  const numbers = [ra.number, rb.number].sort();
  expect(numbers[0]).toMatch(/^LF2026\d{6}$/);
  expect(Number(numbers[1].slice(6))).toBe(Number(numbers[0].slice(6)) + 1);
  const membership = await prisma.membership.findUniqueOrThrow({ where: { userId: a.id } });
  expect(membership.verifyToken.length).toBeGreaterThanOrEqual(32);
  expect(membership.since.toISOString()).toBe(now.toISOString());
  expect(await prisma.notification.count({ where: { userId: a.id, kind: "membership.notify.approved" } })).toBe(1);
  expect(await prisma.funnelEvent.count({ where: { userId: a.id, step: "approve" } })).toBe(1);
  // No touch before applying → counted as a direct conversion in the time-to-convert rollup.
  expect(
    await prisma.funnelRollup.findUnique({
      where: {
        dim_countyId_step_day_key: {
          dim: "ttc",
          countyId: c.countyA.id,
          step: "approve",
          day: "2026-06-01",
          key: "direct",
        },
      },
    }),
  ).toMatchObject({ count: 2 });
  // Deciding twice does nothing.
  await expect(approveApplication(appA.id, c.staffA.id)).rejects.toMatchObject({ key: "membership.error.notPending" });
  await expect(rejectApplication(appA.id, c.staffA.id, "晚了")).rejects.toMatchObject({
    key: "membership.error.notPending",
  });
});

test("rejection keeps the reason and lets the worker apply again; transfer moves the application", async () => {
  const worker = await createUser();
  await submitApplication(applicationInput(worker.id, { enterpriseId: c.shop.id }));
  const app = await prisma.membershipApplication.findFirstOrThrow({ where: { userId: worker.id } });
  await transferApplication(app.id, c.staffA.id, c.jointB.id);
  expect(await prisma.membershipApplication.findUniqueOrThrow({ where: { id: app.id } })).toMatchObject({
    unionId: c.jointB.id,
    countyId: c.countyB.id,
  });
  await expect(transferApplication(app.id, c.staffA.id, c.countyA.id)).rejects.toMatchObject({
    key: "membership.error.unknownUnion",
  }); // not a union
  await rejectApplication(app.id, c.staffB.id, "单位信息不完整");
  const rejected = await prisma.membershipApplication.findUniqueOrThrow({ where: { id: app.id } });
  expect(rejected).toMatchObject({ status: "rejected", rejectReason: "单位信息不完整", decidedById: c.staffB.id });
  expect(
    (await submitApplication(applicationInput(worker.id, { enterpriseId: c.shop.id }))).applicationId,
  ).toBeTruthy();
});

test("without a joint union, the industry union for the employer's industry is suggested", async () => {
  const { createOrg, createEnterprise } = await import("~/seed/factories.server");
  const county = await createOrg({ kind: "county", name: "丙县总工会", parentId: c.city.id });
  const other = await createOrg({ kind: "union", unionType: "committee", name: "丙县某厂工会", parentId: county.id });
  const builders = await createOrg({
    kind: "union",
    unionType: "industry",
    name: "丙县建筑业行业工会",
    parentId: county.id,
  });
  await prisma.organisation.update({ where: { id: builders.id }, data: { industry: "construction" } });
  const site = await createEnterprise({ name: "丙县建筑队", countyId: county.id, industry: "construction" });
  const shop = await createEnterprise({ name: "丙县小店", countyId: county.id, industry: "retail" });
  expect(await suggestUnion({ enterpriseId: site.id })).toBe(builders.id);
  expect(await suggestUnion({ enterpriseId: shop.id })).toBe(other.id); // no match: any union in the county
});
