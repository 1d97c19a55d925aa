// Issue #11 item 3: "My data" — download everything held about me (JSON and XLSX, audited), and
// delete my account (password-confirmed, audited): no personal field is left anywhere, while
// contest results keep an anonymised author, attendance counts stay, and an approved membership
// ends with its number retired.
import ExcelJS from "exceljs";
import { afterAll, beforeAll, expect, test } from "vitest";
import { approveApplication, submitApplication } from "~/domain/membership/applications.server";
import { DELETED_NAME } from "~/domain/privacy/delete-account.server";
import { createOrg, createUser } from "~/seed/factories.server";
import { prisma } from "~/utils/db.server";
import { rawQuery, tableNames } from "../helpers/raw-db";
import { getPage, postForm, sessionCookieFor, startServer, type TestServer } from "../helpers/server";
import { applicationInput, makeCity, type City } from "../membership/fixtures";

const tag = Date.now().toString(36).slice(-5);
const PERSONAL = {
  name: `隐私测试员${tag}`,
  phone: "13987650001",
  email: `privacy-${tag}@example.cn`,
  idNumber: "141027197901018827",
  employerName: `个体修车铺${tag}`,
  workplace: `浮山县天坛镇${tag}号`,
  answer: `我的过敏史${tag}`,
};
let server: TestServer;
let c: City;
let userId: string;
let cookie: string;
let activityId: string;
let entryId: string;
let number: string;

beforeAll(async () => {
  server = await startServer();
  c = await makeCity();
  const user = await createUser({ name: PERSONAL.name, phone: PERSONAL.phone, countyId: c.countyA.id });
  userId = user.id;
  await prisma.user.update({
    where: { id: userId },
    data: { email: PERSONAL.email, employerName: PERSONAL.employerName, gender: "male", isMigrant: true },
  });
  cookie = await sessionCookieFor(userId);
  await submitApplication(
    applicationInput(userId, {
      name: PERSONAL.name,
      phone: PERSONAL.phone,
      enterpriseId: c.shop.id,
      idNumber: PERSONAL.idNumber,
      incomeBand: "3000_5000",
      workplace: PERSONAL.workplace,
      isMigrant: true,
      consentSensitive: true,
    }),
  );
  const app = await prisma.membershipApplication.findFirstOrThrow({ where: { userId } });
  number = (await approveApplication(app.id, c.staffA.id)).number;

  // An activity they attended (1 confirmed seat) and a contest entry with an award.
  const now = Date.now();
  const at = (days: number) => new Date(now + days * 86_400_000);
  const activity = await prisma.activity.create({
    data: {
      centerId: c.centerA.id,
      countyId: c.countyA.id,
      title: `隐私测试活动${tag}`,
      description: "-",
      category: "lecture",
      address: "-",
      startsAt: at(-2),
      endsAt: at(-1.9),
      signupOpensAt: at(-10),
      signupClosesAt: at(-3),
      capacity: 10,
      status: "published",
      confirmedCount: 1,
      questions: { create: { position: 0, kind: "text", label: "过敏史" } },
    },
    include: { questions: true },
  });
  activityId = activity.id;
  await prisma.registration.create({
    data: {
      activityId,
      userId,
      status: "confirmed",
      checkinCode: "PRV001",
      attendedAt: at(-2),
      answers: JSON.stringify({ [activity.questions[0].id]: PERSONAL.answer }),
    },
  });
  const org = await createOrg({
    kind: "union",
    unionType: "committee",
    name: `竞赛主办${tag}`,
    parentId: c.countyA.id,
  });
  const contest = await prisma.contest.create({
    data: {
      orgId: org.id,
      kind: "five_small",
      title: `隐私测试竞赛${tag}`,
      description: "-",
      submissionOpensAt: at(-30),
      submissionClosesAt: at(-20),
      judgingOpensAt: at(-19),
      judgingClosesAt: at(-10),
      resultsAt: at(-5),
      status: "results_published",
      tiers: { create: { position: 0, key: "first", name: "一等奖", count: 1 } },
    },
    include: { tiers: true },
  });
  const entry = await prisma.entry.create({
    data: {
      contestId: contest.id,
      category: "invention",
      title: `节能改造${tag}`,
      status: "submitted",
      submittedById: userId,
      submittedAt: at(-25),
      awardTierId: contest.tiers[0].id,
      authors: { create: { userId, name: PERSONAL.name, position: 0 } },
    },
  });
  entryId = entry.id;
  await prisma.notification.create({ data: { userId, kind: "membership.notify.approved", params: "{}" } });
  await prisma.outboxMessage.create({
    data: { userId, channel: "sms", recipient: PERSONAL.phone, kind: "membership.notify.approved" },
  });
});
afterAll(() => server.close());

test("the JSON download holds every personal field, the XLSX has a readable sheet per section, both audited", async () => {
  const res = await getPage(server, "/me/data/download?format=json", { cookie });
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toContain("application/json");
  const text = await res.text();
  for (const [field, value] of Object.entries(PERSONAL)) expect(text, field).toContain(value);
  const json = JSON.parse(text);
  expect(json.membership[0].number).toBe(number);
  expect(json.registrations[0].activity).toBe(`隐私测试活动${tag}`);
  expect(json.entries[0].award).toBe("一等奖");
  expect(json.consents[0].purpose).toBe("sensitive");

  const xlsx = await getPage(server, "/me/data/download?format=xlsx", { cookie });
  expect(xlsx.status).toBe(200);
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(Buffer.from(await xlsx.arrayBuffer()) as never);
  const sheetText = (name: string) => {
    const cells: string[] = [];
    book.getWorksheet(name)!.eachRow((row) => row.eachCell((cell) => cells.push(String(cell.value))));
    return cells.join("|");
  };
  expect(sheetText("账号")).toContain(PERSONAL.phone);
  expect(sheetText("入会申请")).toContain(PERSONAL.idNumber);
  expect(sheetText("活动报名")).toContain(PERSONAL.answer);
  expect(
    await prisma.auditLog.count({ where: { action: "export", entity: "User", entityId: userId, actorId: userId } }),
  ).toBe(2);
});

test("garbage to My data is a 400, never a 500", async () => {
  const forms: Record<string, string>[] = [
    {},
    { intent: "bogus" },
    { intent: "delete" },
    { intent: "delete", password: "x".repeat(5000) },
  ];
  for (const fields of forms) expect((await postForm(server, "/me/data", fields, { cookie })).status).toBe(400);
  expect((await getPage(server, "/me/data/download?format=pdf", { cookie })).status).toBe(400);
  expect((await getPage(server, "/me/data/download?format=json")).status).toBe(302); // logged out: to log-in
});

test("a wrong password deletes nothing; the right one leaves no personal field while results and counts stay", async () => {
  const wrong = await postForm(server, "/me/data", { intent: "delete", password: "not-my-password1" }, { cookie });
  expect(wrong.status).toBe(400);
  expect(await wrong.text()).toContain("密码不正确");
  expect((await prisma.user.findUniqueOrThrow({ where: { id: userId } })).phone).toBe(PERSONAL.phone);

  const res = await postForm(server, "/me/data", { intent: "delete", password: "Xingguang2026" }, { cookie });
  expect(res.status).toBe(302);
  expect(res.headers.get("set-cookie")).toMatch(/Max-Age=0/i);
  // Logged out everywhere: the old session no longer opens the profile.
  expect((await getPage(server, "/me/profile", { cookie })).status).toBe(302);

  // Not one personal value is left in any column of any table.
  for (const name of await tableNames()) {
    const dump = JSON.stringify(await rawQuery(`SELECT * FROM "${name}"`));
    for (const [field, value] of Object.entries(PERSONAL)) expect(dump, `${name}.${field}`).not.toContain(value);
  }

  // What others rely on stays: the entry and its award with an anonymised author, the seat count
  // and the attendance; the membership has ended and its number is never issued again.
  const entry = await prisma.entry.findUniqueOrThrow({ where: { id: entryId }, include: { authors: true } });
  expect(entry.awardTierId).not.toBeNull();
  expect(entry.authors[0].name).toBe(DELETED_NAME);
  expect((await prisma.activity.findUniqueOrThrow({ where: { id: activityId } })).confirmedCount).toBe(1);
  expect(await prisma.registration.count({ where: { activityId, attendedAt: { not: null } } })).toBe(1);
  expect(await prisma.membership.count({ where: { userId } })).toBe(0);
  expect(await prisma.retiredMembershipNumber.count({ where: { number } })).toBe(1);
  const next = await createUser();
  await submitApplication(applicationInput(next.id, { enterpriseId: c.shop.id }));
  const nextApp = await prisma.membershipApplication.findFirstOrThrow({ where: { userId: next.id } });
  expect((await approveApplication(nextApp.id, c.staffA.id)).number).not.toBe(number);
  expect(await prisma.auditLog.count({ where: { action: "account.delete", entityId: userId, actorId: userId } })).toBe(
    1,
  );
});
