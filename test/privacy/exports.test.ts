// Issue #11 item 4: staff downloads mask phone numbers (138****0001) unless contact details are
// asked for with a stated purpose; every download is audited, with the purpose when given.
import { afterAll, beforeAll, expect, test } from "vitest";
import { submitApplication } from "~/domain/membership/applications.server";
import { createUser, grantRole } from "~/seed/factories.server";
import { prisma } from "~/utils/db.server";
import { getPage, sessionCookieFor, startServer, type TestServer } from "../helpers/server";
import { applicationInput, makeCity, type City } from "../membership/fixtures";

const PHONE = "13812340001";
let server: TestServer;
let c: City;
let staffCookie: string;
let unionCookie: string;
let staffId: string;
let activityId: string;

beforeAll(async () => {
  server = await startServer();
  c = await makeCity();
  const staff = await createUser();
  staffId = staff.id;
  await grantRole(staff.id, "center_staff", c.centerA.id);
  staffCookie = await sessionCookieFor(staff.id);
  unionCookie = await sessionCookieFor(c.staffA.id);
  const worker = await createUser({ phone: PHONE, name: "导出测试" });
  const now = Date.now();
  const at = (days: number) => new Date(now + days * 86_400_000);
  activityId = (
    await prisma.activity.create({
      data: {
        centerId: c.centerA.id,
        countyId: c.countyA.id,
        title: "导出测试活动",
        description: "-",
        category: "lecture",
        address: "-",
        startsAt: at(1),
        endsAt: at(1.1),
        signupOpensAt: at(-3),
        signupClosesAt: at(0.5),
        capacity: 10,
        status: "published",
        confirmedCount: 1,
      },
    })
  ).id;
  await prisma.registration.create({
    data: { activityId, userId: worker.id, status: "confirmed", checkinCode: "EXP001" },
  });
  await submitApplication(applicationInput(worker.id, { name: "导出测试", phone: PHONE, enterpriseId: c.shop.id }));
});
afterAll(() => server.close());

const exportsOf = (actorId: string) =>
  prisma.auditLog.findMany({ where: { action: "export", actorId }, orderBy: { id: "asc" } });

test("the attendance and application downloads mask phones by default, and are audited", async () => {
  for (const [path, cookie] of [
    [`/center/activities/${activityId}/export?format=csv`, staffCookie],
    ["/union/applications/export?status=all&format=csv", unionCookie],
  ] as const) {
    const res = await getPage(server, path, { cookie });
    expect(res.status).toBe(200);
    const csv = await res.text();
    expect(csv).toContain("导出测试");
    expect(csv).toContain("138****0001");
    expect(csv).not.toContain(PHONE);
  }
  const audits = await prisma.auditLog.findMany({
    where: { action: "export", entity: { in: ["Activity", "MembershipApplication"] } },
  });
  expect(audits).toHaveLength(2);
  for (const a of audits) expect(JSON.parse(a.after!).contactDetails).toBeUndefined();
});

test("contact details need a stated purpose (translated 400 without), and the purpose is audited", async () => {
  const path = `/center/activities/${activityId}/export?format=csv&contact=1`;
  const before = (await exportsOf(staffId)).length;
  const refused = await getPage(server, `${path}&purpose=`, { cookie: staffCookie });
  expect(refused.status).toBe(400);
  expect(await refused.text()).toContain("导出完整手机号码时必须填写用途");
  const refusedEn = await getPage(server, path, { cookie: staffCookie, headers: { "Accept-Language": "en" } });
  expect(refusedEn.status).toBe(400);
  expect(await refusedEn.text()).toContain("needs a purpose");

  const purpose = "活动临时改期，逐一电话通知";
  const res = await getPage(server, `${path}&purpose=${encodeURIComponent(purpose)}`, { cookie: staffCookie });
  expect(res.status).toBe(200);
  expect(await res.text()).toContain(PHONE);
  const logs = await exportsOf(staffId);
  expect(logs.length).toBe(before + 1); // refusals export nothing and log nothing
  expect(JSON.parse(logs.at(-1)!.after!)).toMatchObject({ contactDetails: true, purpose });

  const union = await getPage(
    server,
    `/union/applications/export?status=all&format=csv&contact=1&purpose=${encodeURIComponent("核实入会信息")}`,
    { cookie: unionCookie },
  );
  expect(await union.text()).toContain(PHONE);
  const unionLog = (await exportsOf(c.staffA.id)).at(-1)!;
  expect(JSON.parse(unionLog.after!)).toMatchObject({ contactDetails: true, purpose: "核实入会信息" });
});
