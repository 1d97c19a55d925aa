// Issue #11 item 5: the scheduler's retention job deletes or anonymises personal data past the
// periods the privacy notice lists, and keeps what is still recent.
import { beforeAll, expect, test } from "vitest";
import { RETENTION_DAYS } from "~/domain/privacy/notice";
import { createUser } from "~/seed/factories.server";
import { prisma } from "~/utils/db.server";
import { JOBS } from "~/utils/jobs.server";
import { makeCity, type City } from "../membership/fixtures";

const DAY = 86_400_000;
const now = new Date();
const ago = (days: number) => new Date(now.getTime() - days * DAY);
let c: City;
beforeAll(async () => {
  c = await makeCity();
});

async function application(status: string, decidedDaysAgo: number) {
  const user = await createUser();
  return prisma.membershipApplication.create({
    data: {
      userId: user.id,
      name: "留存测试",
      gender: "male",
      birthDate: new Date("1990-01-01"),
      phone: "13900000000",
      employmentType: "full_time",
      unionId: c.jointA.id,
      status,
      decidedAt: ago(decidedDaysAgo),
      createdAt: ago(decidedDaysAgo + 3),
    },
  });
}

const job = (name: string) => JOBS.find((j) => j.name === name)!;

test("the daily privacy.retention job removes old rows and keeps recent ones", async () => {
  const user = await createUser();
  const oldRejected = await application("rejected", RETENTION_DAYS.rejectedApplications + 1);
  const recentRejected = await application("rejected", RETENTION_DAYS.rejectedApplications - 1);
  const oldApproved = await application("approved", RETENTION_DAYS.rejectedApplications + 100);
  const event = (days: number) =>
    prisma.funnelEvent.create({
      data: { step: "view", userId: user.id, sourceType: "direct", day: "2025-01-01", createdAt: ago(days) },
    });
  const oldEvent = await event(RETENTION_DAYS.funnelPersonalIds + 1);
  const recentEvent = await event(RETENTION_DAYS.funnelPersonalIds - 1);
  const message = (status: string, days: number) =>
    prisma.outboxMessage.create({
      data: { channel: "sms", recipient: "13900000001", kind: "code.login", status, createdAt: ago(days) },
    });
  const oldSent = await message("sent", RETENTION_DAYS.outboxMessages + 1);
  const oldFailed = await message("failed", RETENTION_DAYS.outboxMessages + 1);
  const oldPending = await message("pending", RETENTION_DAYS.outboxMessages + 1);
  const recentSent = await message("sent", RETENTION_DAYS.outboxMessages - 1);

  expect(job("privacy.retention").period).toBe("daily");
  await job("privacy.retention").run(now);

  const apps = await prisma.membershipApplication.findMany({
    where: { id: { in: [oldRejected.id, recentRejected.id, oldApproved.id] } },
    select: { id: true },
  });
  expect(apps.map((a) => a.id).sort()).toEqual([recentRejected.id, oldApproved.id].sort());
  // Old events stay (they are counted) but no longer say whose they were.
  expect((await prisma.funnelEvent.findUniqueOrThrow({ where: { id: oldEvent.id } })).userId).toBeNull();
  expect((await prisma.funnelEvent.findUniqueOrThrow({ where: { id: recentEvent.id } })).userId).toBe(user.id);
  const left = await prisma.outboxMessage.findMany({
    where: { id: { in: [oldSent.id, oldFailed.id, oldPending.id, recentSent.id] } },
    select: { id: true },
  });
  expect(left.map((m) => m.id).sort()).toEqual([oldPending.id, recentSent.id].sort()); // undelivered mail waits
});

test("log-in attempts are deleted after the period the notice lists", async () => {
  const old = await prisma.loginAttempt.create({
    data: { key: "login:id:13900000002", success: false, createdAt: ago(RETENTION_DAYS.loginAttempts + 0.1) },
  });
  const recent = await prisma.loginAttempt.create({
    data: { key: "login:id:13900000002", success: false, createdAt: ago(RETENTION_DAYS.loginAttempts - 0.1) },
  });
  await job("loginAttempts.prune").run(now);
  expect(await prisma.loginAttempt.count({ where: { id: old.id } })).toBe(0);
  expect(await prisma.loginAttempt.count({ where: { id: recent.id } })).toBe(1);
});
