// The demo seed: the 2026 round with unions at every stage, groups with visits, evaluations and
// excellent unions — and the demo accounts see what the README promises.
import { afterAll, beforeAll, expect, test } from "vitest";
import { ASSESSMENT_PHONES } from "~/seed/assessment.server";
import { DEMO_PHONES } from "~/seed/foundation.server";
import { seedDemoIfEmpty } from "~/seed/index.server";
import { prisma } from "~/utils/db.server";
import { getPage, sessionCookieFor, startServer, type TestServer } from "../helpers/server";

let server: TestServer;
beforeAll(async () => {
  expect(await seedDemoIfEmpty()).toBe(true);
  server = await startServer();
});
afterAll(() => server.close());

const cookieFor = async (phone: string) =>
  sessionCookieFor((await prisma.user.findUniqueOrThrow({ where: { phone } })).id);

test("the demo round has unions at every stage, visits, evaluations and excellent unions", async () => {
  const round = await prisma.assessmentRound.findFirstOrThrow({ where: { year: 2026 } });
  expect(round.status).toBe("open");
  const statuses = (
    await prisma.assessmentSubmission.findMany({ where: { roundId: round.id }, select: { status: true } })
  ).map((s) => s.status);
  expect(new Set(statuses)).toEqual(new Set(["draft", "submitted", "returned", "reviewed", "confirmed"]));
  const grades = (
    await prisma.assessmentSubmission.findMany({
      where: { roundId: round.id, status: "confirmed" },
      select: { grade: true },
    })
  ).map((s) => s.grade);
  expect(grades).toContain("pass");
  expect(grades.some((g) => g !== "pass")).toBe(true);
  expect(await prisma.inspectionGroup.count({ where: { roundId: round.id } })).toBe(2);
  expect(await prisma.inspectionVisit.count()).toBeGreaterThanOrEqual(3);
  expect(await prisma.excellentUnion.count({ where: { status: "confirmed" } })).toBeGreaterThanOrEqual(2);
  expect(await prisma.excellentUnion.count({ where: { status: "nominated" } })).toBeGreaterThanOrEqual(1);

  // The city sees the whole overview; the county its own unions; the public page lists the confirmed.
  const cityPage = await (
    await getPage(server, "/assessment", { cookie: await cookieFor(DEMO_PHONES.cityStaff) })
  ).text();
  expect(cityPage).toContain("各县（市、区）填报进度");
  expect(cityPage).toContain("侯马钢铁有限公司工会委员会");
  const countyPage = await (
    await getPage(server, "/assessment", { cookie: await cookieFor(DEMO_PHONES.countyStaff) })
  ).text();
  expect(countyPage).toContain("浮山县建筑业行业工会");
  expect(countyPage).not.toContain("侯马钢铁有限公司工会委员会");
  const unionPage = await (
    await getPage(server, "/assessment", { cookie: await cookieFor(ASSESSMENT_PHONES.unionStaff) })
  ).text();
  expect(unionPage).toContain("浮山县天坛镇联合工会");
  const inspectorPage = await getPage(server, "/assessment", { cookie: await cookieFor(ASSESSMENT_PHONES.inspector) });
  expect(inspectorPage.status).toBe(200);
  expect(await inspectorPage.text()).toContain("临汾晋能煤电集团有限公司工会委员会");
  const pub = await (await getPage(server, "/excellent?year=2026")).text();
  expect(pub).toContain("浮山县人民医院工会委员会");
  expect(pub).not.toContain("浮山中学工会委员会");
  // The member is invited to evaluate their union.
  const member = await prisma.user.findUniqueOrThrow({ where: { phone: DEMO_PHONES.member } });
  expect(await prisma.notification.count({ where: { userId: member.id, kind: "assessment.notify.evaluate" } })).toBe(1);
  expect(
    (await getPage(server, `/me/evaluation/${round.id}`, { cookie: await cookieFor(DEMO_PHONES.member) })).status,
  ).toBe(200);
  // The overview exports, and the export is logged.
  const csv = await getPage(server, `/assessment/export?round=${round.id}&table=coverage&format=csv`, {
    cookie: await cookieFor(DEMO_PHONES.cityStaff),
  });
  expect(csv.status).toBe(200);
  expect(await csv.text()).toContain("浮山县总工会");
  const xlsx = await getPage(server, `/assessment/export?round=${round.id}&table=failing&format=xlsx`, {
    cookie: await cookieFor(DEMO_PHONES.cityStaff),
  });
  expect(xlsx.headers.get("content-type")).toContain("spreadsheetml");
  expect(await prisma.auditLog.count({ where: { action: "export", entity: "assessment" } })).toBe(2);
});
