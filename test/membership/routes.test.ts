import { afterAll, beforeAll, expect, test } from "vitest";
import { submitApplication } from "~/domain/membership/applications.server";
import { createEnterprise, createUser, withCreditCheck } from "~/seed/factories.server";
import { prisma } from "~/utils/db.server";
import { getPage, postForm, sessionCookieFor, startServer, type TestServer } from "../helpers/server";
import { applicationInput, makeCity, type City } from "./fixtures";

let server: TestServer;
let c: City;
let cookieA: string;
let cookieB: string;
let cookieCity: string;
let appA: string; // pending, county A
let appB: string; // pending, county B
beforeAll(async () => {
  server = await startServer();
  c = await makeCity();
  [cookieA, cookieB, cookieCity] = await Promise.all(
    [c.staffA, c.staffB, c.cityStaff].map((u) => sessionCookieFor(u.id)),
  );
  const wa = await createUser({ name: "甲县申请人" });
  const wb = await createUser({ name: "乙县申请人" });
  await submitApplication(
    applicationInput(wa.id, { name: "甲县申请人", enterpriseId: c.shop.id, idNumber: "11010519491231002X" }),
  );
  await submitApplication(applicationInput(wb.id, { name: "乙县申请人", unionId: c.jointB.id }));
  appA = (await prisma.membershipApplication.findFirstOrThrow({ where: { userId: wa.id } })).id;
  appB = (await prisma.membershipApplication.findFirstOrThrow({ where: { userId: wb.id } })).id;
});
afterAll(() => server.close());

const validForm = (extra: Record<string, string> = {}) => ({
  name: "王小明",
  gender: "male",
  birthDate: "1992-04-05",
  phone: "13912340000",
  enterpriseId: c.shop.id,
  employmentType: "full_time",
  isMigrant: "yes",
  consentSensitive: "yes",
  ...extra,
});

test("a bad credit code, phone or ID number gets a field message and 400; nothing is written", async () => {
  const worker = await createUser();
  const cookie = await sessionCookieFor(worker.id);
  const good = withCreditCheck("91141000MA0KR0001");
  const badCode = good.slice(0, 17) + (good[17] === "0" ? "1" : "0");
  const res = await postForm(
    server,
    "/join",
    validForm({
      enterpriseId: "new",
      newName: "错码单位",
      newCreditCode: badCode,
      newCountyId: c.countyA.id,
      newIndustry: "retail",
      newSize: "micro",
    }),
    { cookie },
  );
  expect(res.status).toBe(400);
  expect(await res.text()).toContain("最后一位校验码须正确");
  const phone = await postForm(server, "/join", validForm({ phone: "1391234" }), { cookie });
  expect(phone.status).toBe(400);
  expect(await phone.text()).toContain("请输入 11 位中国大陆手机号（以 1 开头）");
  const id = await postForm(server, "/join", validForm({ idNumber: "110105194912310021" }), { cookie });
  expect(id.status).toBe(400);
  expect(await id.text()).toContain("身份证号码格式不正确");
  expect(await prisma.membershipApplication.count({ where: { userId: worker.id } })).toBe(0);
  expect(await prisma.enterprise.count({ where: { name: "错码单位" } })).toBe(0);
});

test("the application form speaks English when asked, and suggests the county's joint union", async () => {
  const worker = await createUser({ countyId: c.countyA.id });
  const html = await (
    await getPage(server, "/join", { cookie: await sessionCookieFor(worker.id), headers: { "Accept-Language": "en" } })
  ).text();
  expect(html).toContain("Apply to join the union");
  expect(html).toContain("Unified social credit code");
  expect(html).toContain(`Suggested: ${c.jointA.name}`);
});

test("applying works over HTTP; a second try while pending, or as a member, gets a clear message", async () => {
  const worker = await createUser();
  const cookie = await sessionCookieFor(worker.id);
  // Another valid number: the same number on another account's application is refused (issue #11).
  const ok = await postForm(server, "/join", validForm({ idNumber: "110105194912310038" }), { cookie });
  expect(ok.status).toBe(302);
  expect(ok.headers.get("location")).toBe("/join?submitted=1");
  const again = await postForm(server, "/join", validForm(), { cookie });
  expect(again.status).toBe(409);
  expect(await again.text()).toContain("您已有一份正在审核的入会申请");
  const member = await createUser();
  await prisma.membership.create({
    data: {
      userId: member.id,
      unionId: c.jointA.id,
      number: "LF2026888001",
      since: new Date(),
      verifyToken: "route-test-token-1",
    },
  });
  const memberRes = await postForm(server, "/join", validForm(), { cookie: await sessionCookieFor(member.id) });
  expect(memberRes.status).toBe(409);
  expect(await memberRes.text()).toContain("您已经是工会会员");
});

test("the queue shows each county only its own applicants, with the ID number masked", async () => {
  const listA = await (await getPage(server, "/union/applications", { cookie: cookieA })).text();
  expect(listA).toContain("甲县申请人");
  expect(listA).not.toContain("乙县申请人");
  const listB = await (await getPage(server, "/union/applications", { cookie: cookieB })).text();
  expect(listB).toContain("乙县申请人");
  expect(listB).not.toContain("甲县申请人");
  const city = await (await getPage(server, "/union/applications", { cookie: cookieCity })).text();
  expect(city).toContain("甲县申请人");
  expect(city).toContain("乙县申请人");
  const detail = await (await getPage(server, `/union/applications/${appA}`, { cookie: cookieA })).text();
  expect(detail).toContain("**************002X");
  expect(detail).not.toContain("11010519491231002X");
});

test("the queue export holds only the county's own applicants, masked, and is audited", async () => {
  const res = await getPage(server, "/union/applications/export?status=pending&format=csv", { cookie: cookieA });
  expect(res.status).toBe(200);
  const csv = await res.text();
  expect(csv).toContain("甲县申请人");
  expect(csv).toContain("**************002X");
  expect(csv).not.toContain("11010519491231002X");
  expect(csv).not.toContain("乙县申请人");
  const log = await prisma.auditLog.findFirstOrThrow({
    where: { action: "export", entity: "MembershipApplication", actorId: c.staffA.id },
  });
  expect(JSON.parse(log.after!)).toMatchObject({ format: "csv", status: "pending" });
});

test("a county's staff cannot open, approve, reject or transfer another county's application", async () => {
  expect((await getPage(server, `/union/applications/${appB}`, { cookie: cookieA })).status).toBe(404);
  const attempts: Record<string, string>[] = [
    { intent: "approve" },
    { intent: "reject", reason: "不行" },
    { intent: "transfer", unionId: c.jointA.id },
  ];
  for (const fields of attempts) {
    const res = await postForm(server, `/union/applications/${appB}`, fields, { cookie: cookieA });
    expect(res.status, fields.intent).toBe(404);
  }
  const untouched = await prisma.membershipApplication.findUniqueOrThrow({ where: { id: appB } });
  expect(untouched).toMatchObject({ status: "pending", unionId: c.jointB.id });
  // A worker without a role is refused every staff page.
  const worker = await sessionCookieFor((await createUser()).id);
  for (const path of [
    "/union/applications",
    `/union/applications/${appA}`,
    "/union/applications/export?format=csv",
    "/union/dashboard",
    "/union/organisations",
    "/union/dashboard/export?table=funnel&format=csv",
  ]) {
    expect((await getPage(server, path, { cookie: worker })).status, path).toBe(403);
  }
});

test("staff approve in their scope; the member's card and its verification page work", async () => {
  const worker = await createUser({ name: "待批准" });
  await submitApplication(applicationInput(worker.id, { name: "待批准", enterpriseId: c.shop.id }));
  const app = await prisma.membershipApplication.findFirstOrThrow({ where: { userId: worker.id } });
  const res = await postForm(server, `/union/applications/${app.id}`, { intent: "approve" }, { cookie: cookieA });
  expect(res.status).toBe(200);
  const membership = await prisma.membership.findUniqueOrThrow({ where: { userId: worker.id } });
  expect(await res.text()).toContain(membership.number);
  const card = await (await getPage(server, "/me/card", { cookie: await sessionCookieFor(worker.id) })).text();
  expect(card).toContain(membership.number);
  expect(card).toContain("<svg");
  expect(card).toContain(`/verify/${membership.verifyToken}`);
  const valid = await (await getPage(server, `/verify/${membership.verifyToken}`)).text();
  expect(valid).toContain("有效");
  expect(valid).not.toContain("待批准");
  expect(valid).not.toContain(membership.number);
  const invalid = await (await getPage(server, "/verify/not-a-real-token")).text();
  expect(invalid).toContain("无效");
});

test("rejecting needs a reason", async () => {
  const res = await postForm(
    server,
    `/union/applications/${appA}`,
    { intent: "reject", reason: "  " },
    { cookie: cookieA },
  );
  expect(res.status).toBe(400);
  expect(await res.text()).toContain("请填写不通过的原因");
  expect((await prisma.membershipApplication.findUniqueOrThrow({ where: { id: appA } })).status).toBe("pending");
});

test("the dashboard and its exports are limited to the staff member's county; exports are audited", async () => {
  expect((await getPage(server, `/union/dashboard?county=${c.countyB.id}`, { cookie: cookieA })).status).toBe(403);
  expect(
    (
      await getPage(server, `/union/dashboard/export?table=county&format=csv&county=${c.countyB.id}`, {
        cookie: cookieA,
      })
    ).status,
  ).toBe(403);
  const page = await getPage(server, "/union/dashboard", { cookie: cookieA });
  expect(page.status).toBe(200);
  const csv = await getPage(server, "/union/dashboard/export?table=funnel&format=csv&period=90", { cookie: cookieA });
  expect(csv.status).toBe(200);
  const bytes = Buffer.from(await csv.arrayBuffer());
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // BOM, so Excel reads UTF-8
  const body = bytes.toString("utf8");
  expect(body).toContain("环节");
  const xlsx = await getPage(server, "/union/dashboard/export?table=county&format=xlsx", { cookie: cookieCity });
  expect(xlsx.headers.get("content-type")).toContain("spreadsheetml");
  expect(
    Buffer.from(await xlsx.arrayBuffer())
      .subarray(0, 2)
      .toString(),
  ).toBe("PK");
  const logs = await prisma.auditLog.findMany({
    where: { action: "export", entity: "dashboard" },
    orderBy: { id: "asc" },
  });
  expect(logs.map((l) => [l.actorId, l.entityId])).toEqual([
    [c.staffA.id, "funnel"],
    [c.cityStaff.id, "county"],
  ]);
  expect(JSON.parse(logs[0].after!)).toMatchObject({ format: "csv", period: "90", counties: [c.countyA.id] });
});

test("organisation building: register a union covering a gap; other counties are out of reach", async () => {
  const gap = await createEnterprise({ name: "甲县新工厂", countyId: c.countyA.id, workerCount: 30 });
  const gapB = await createEnterprise({ name: "乙县新工厂", countyId: c.countyB.id, workerCount: 30 });
  const page = await (await getPage(server, `/union/organisations?county=${c.countyA.id}`, { cookie: cookieA })).text();
  expect(page).toContain("甲县新工厂");
  const res = await postForm(
    server,
    "/union/organisations",
    {
      intent: "register",
      name: "甲县新工厂工会委员会",
      unionType: "committee",
      foundedAt: "2026-10-01",
      parentId: c.countyA.id,
      enterpriseIds: [gap.id, gapB.id],
    },
    { cookie: cookieA },
  );
  expect(res.status).toBe(200);
  const union = await prisma.organisation.findFirstOrThrow({ where: { name: "甲县新工厂工会委员会" } });
  expect(union.path).toBe(`${c.countyA.path}${union.id}/`);
  expect((await prisma.enterprise.findUniqueOrThrow({ where: { id: gap.id } })).unionId).toBe(union.id);
  expect((await prisma.enterprise.findUniqueOrThrow({ where: { id: gapB.id } })).unionId).toBeNull(); // another county
  const denied = await postForm(
    server,
    "/union/organisations",
    { intent: "register", name: "越权工会", unionType: "joint", foundedAt: "2026-10-01", parentId: c.countyB.id },
    { cookie: cookieA },
  );
  expect(denied.status).toBe(403);
  expect(await prisma.organisation.count({ where: { name: "越权工会" } })).toBe(0);
  const coverDenied = await postForm(
    server,
    "/union/organisations",
    { intent: "cover", unionId: c.jointB.id, enterpriseIds: gapB.id },
    { cookie: cookieA },
  );
  expect(coverDenied.status).toBe(403);
  expect((await prisma.enterprise.findUniqueOrThrow({ where: { id: gapB.id } })).unionId).toBeNull();
});
