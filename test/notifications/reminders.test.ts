// Issue #10 item 6: reminders on the shared scheduler. The day-before reminder reaches each
// confirmed registrant exactly once with two server processes running the jobs (and once more
// running them by hand), and the process's delivery worker sends its SMS; judges are reminded
// once when judging closes within 48 hours with sheets open; union staff get one digest a day of
// applications past the 15-working-day deadline.
import { afterAll, expect, test } from "vitest";
import {
  digestOverdueApplications,
  remindActivitiesTomorrow,
  remindJudges,
} from "~/domain/notifications/reminders.server";
import { createOrg, createUser, grantRole } from "~/seed/factories.server";
import { prisma } from "~/utils/db.server";
import { parseLocalDate, toLocalDateKey } from "~/utils/time";
import { makeActivity, makeCenter } from "../activities/helpers";
import { startServerProcess, type ServerProcess } from "../security/server-processes";

const HOUR = 3600_000;
const DAY = 24 * HOUR;
const started: ServerProcess[] = [];
afterAll(async () => {
  await Promise.all(started.map((s) => s.close()));
});

test("two server processes send the day-before reminder once per confirmed registrant, by SMS", async () => {
  const { center } = await makeCenter("提醒县");
  // 10:00 tomorrow, Beijing time.
  const tomorrow10 = new Date(parseLocalDate(toLocalDateKey(new Date()))!.getTime() + DAY + 10 * HOUR);
  const activity = await makeActivity(center, { title: "明天的篮球赛", capacity: 2, startsAt: tomorrow10 });
  const later = await makeActivity(center, { capacity: 2, startsAt: new Date(tomorrow10.getTime() + 3 * DAY) });
  const [a, b, waiting, elsewhere] = await Promise.all([
    createUser(),
    createUser({ email: null }),
    createUser(),
    createUser(),
  ]);
  const reg = (activityId: string, userId: string, status: string, code: string) =>
    prisma.registration.create({ data: { activityId, userId, status, checkinCode: code } });
  await reg(activity.id, a.id, "confirmed", "AAAA01");
  await reg(activity.id, b.id, "confirmed", "AAAA02");
  await reg(activity.id, waiting.id, "waitlisted", "AAAA03");
  await reg(later.id, elsewhere.id, "confirmed", "AAAA04");

  const servers = await Promise.all([
    startServerProcess(process.env.DATABASE_URL!, { env: { XG_JOBS: "on", SMS_PROVIDER: "outbox" } }),
    startServerProcess(process.env.DATABASE_URL!, { env: { XG_JOBS: "on", SMS_PROVIDER: "outbox" } }),
  ]);
  started.push(...servers);
  // One process runs the job; its delivery worker then sends what the job wrote.
  await Promise.race(
    servers.map((s) => s.waitForOutput(/reminders\.activityTomorrow \S+: ok .*reminded 2 registrants/)),
  );
  await Promise.race(servers.map((s) => s.waitForOutput(/\[outbox\] sent [1-9]/)));
  // Running the job again (a later hour, or by hand) reminds no one twice.
  expect(await remindActivitiesTomorrow()).toBe("reminded 0 registrants");

  const reminders = await prisma.notification.findMany({
    where: { kind: "messages.notify.activityReminder" },
    select: { userId: true, params: true },
  });
  expect(reminders.map((r) => r.userId).sort()).toEqual([a.id, b.id].sort());
  expect(JSON.parse(reminders[0].params)).toMatchObject({
    title: "明天的篮球赛",
    time: expect.stringMatching(/ 10:00$/),
  });
  const sms = await prisma.outboxMessage.findMany({
    where: { kind: "messages.notify.activityReminder", channel: "sms" },
    select: { recipient: true, status: true, providerRef: true },
  });
  expect(sms.map((m) => m.recipient).sort()).toEqual([a.phone, b.phone].sort());
  expect(sms.some((m) => m.status === "sent" && m.providerRef === "outbox")).toBe(true);
  const runs = await prisma.scheduledJobRun.findMany({ where: { job: "reminders.activityTomorrow" } });
  expect(runs.filter((r) => r.status === "ok").length).toBeGreaterThanOrEqual(1);
  expect(runs.every((r) => r.status !== "failed")).toBe(true);
});

test("judges with open sheets are reminded once when judging closes within 48 hours", async () => {
  const org = await createOrg({ kind: "union", name: "评审工会" });
  const now = new Date();
  const contest = (closesIn: number, title: string) =>
    prisma.contest.create({
      data: {
        orgId: org.id,
        kind: "five_small",
        title,
        description: "",
        submissionOpensAt: new Date(now.getTime() - 20 * DAY),
        submissionClosesAt: new Date(now.getTime() - 10 * DAY),
        judgingOpensAt: new Date(now.getTime() - 5 * DAY),
        judgingClosesAt: new Date(now.getTime() + closesIn),
        resultsAt: new Date(now.getTime() + closesIn + DAY),
        status: "published",
      },
    });
  const [closing, distant] = await Promise.all([contest(24 * HOUR, "五小评选"), contest(5 * DAY, "远期评选")]);
  const [busy, done, author] = await Promise.all([createUser(), createUser(), createUser()]);
  const entry = async (contestId: string, title: string) =>
    prisma.entry.create({
      data: { contestId, title, category: "innovation", status: "submitted", submittedById: author.id },
    });
  const [e1, e2, e3] = await Promise.all([entry(closing.id, "甲"), entry(closing.id, "乙"), entry(distant.id, "丙")]);
  await prisma.assignment.createMany({
    data: [
      { contestId: closing.id, entryId: e1.id, judgeId: busy.id, status: "assigned" },
      { contestId: closing.id, entryId: e2.id, judgeId: busy.id, status: "assigned" },
      { contestId: closing.id, entryId: e1.id, judgeId: done.id, status: "submitted" },
      { contestId: distant.id, entryId: e3.id, judgeId: busy.id, status: "assigned" },
    ],
  });
  expect(await remindJudges(now)).toBe("reminded 1 judges");
  expect(await remindJudges(new Date(now.getTime() + HOUR))).toBe("reminded 0 judges");
  const sent = await prisma.notification.findMany({ where: { kind: "messages.notify.judgingReminder" } });
  expect(sent).toHaveLength(1);
  expect(sent[0].userId).toBe(busy.id);
  expect(JSON.parse(sent[0].params)).toMatchObject({ contest: "五小评选", n: 2 });
});

test("union staff get one digest a day counting the overdue applications in their scope", async () => {
  const county = await createOrg({ kind: "county", name: "摘要县总工会" });
  const union = await createOrg({ kind: "union", name: "摘要工会", parentId: county.id });
  const otherUnion = await createOrg({ kind: "union", name: "别处工会" });
  const [unionStaff, countyStaff, otherStaff, applicant] = await Promise.all([
    createUser(),
    createUser(),
    createUser(),
    createUser(),
  ]);
  await grantRole(unionStaff.id, "union_staff", union.id);
  await grantRole(countyStaff.id, "union_staff", county.id);
  await grantRole(otherStaff.id, "union_staff", otherUnion.id);
  const now = new Date("2030-03-20T02:00:00Z"); // a Wednesday
  const apply = (createdAt: Date) =>
    prisma.membershipApplication.create({
      data: {
        userId: applicant.id,
        name: "申请人",
        gender: "male",
        birthDate: new Date("1990-01-01"),
        phone: applicant.phone!,
        employmentType: "full_time",
        unionId: union.id,
        countyId: county.id,
        createdAt,
      },
    });
  await apply(new Date(now.getTime() - 30 * DAY)); // overdue
  await apply(new Date(now.getTime() - 16 * DAY)); // 16 calendar days: 12 working days, not yet overdue
  expect(await digestOverdueApplications(now)).toBe("sent 2 digests");
  expect(await digestOverdueApplications(new Date(now.getTime() + 2 * HOUR))).toBe("sent 0 digests");
  const digests = await prisma.notification.findMany({ where: { kind: "messages.notify.overdueDigest" } });
  expect(digests.map((d) => d.userId).sort()).toEqual([unionStaff.id, countyStaff.id].sort());
  expect(digests.every((d) => JSON.parse(d.params).n === 1)).toBe(true);
  // The next day, another digest.
  expect(await digestOverdueApplications(new Date(now.getTime() + DAY))).toBe("sent 2 digests");
});
