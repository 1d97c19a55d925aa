// Issue #11 item 1: ID numbers encrypted at rest, shown only as their last 4 characters, the whole
// number only to the deciding staff member on an explicit, audited reveal.
import ExcelJS from "exceljs";
import { afterAll, beforeAll, expect, test } from "vitest";
import { approveApplication } from "~/domain/membership/applications.server";
import { decryptIdNumber } from "~/domain/privacy/id-numbers.server";
import { createUser } from "~/seed/factories.server";
import { prisma } from "~/utils/db.server";
import { rawQuery } from "../helpers/raw-db";
import { getPage, postForm, sessionCookieFor, startServer, type TestServer } from "../helpers/server";
import { makeCity, type City } from "../membership/fixtures";

const ID = "141027198803142335"; // fictional, valid check digit
let server: TestServer;
let c: City;
let applicationId: string;
let cookies: { a: string; b: string; city: string };

const form = (extra: Record<string, string> = {}) => ({
  name: "加密测试",
  gender: "male",
  birthDate: "1988-03-14",
  phone: "13912345678",
  enterpriseId: c.shop.id,
  employmentType: "full_time",
  isMigrant: "yes",
  incomeBand: "3000_5000",
  consentSensitive: "yes",
  idNumber: ID,
  ...extra,
});

beforeAll(async () => {
  server = await startServer();
  c = await makeCity();
  cookies = {
    a: await sessionCookieFor(c.staffA.id),
    b: await sessionCookieFor(c.staffB.id),
    city: await sessionCookieFor(c.cityStaff.id),
  };
  const worker = await createUser();
  const res = await postForm(server, "/join", form(), { cookie: await sessionCookieFor(worker.id) });
  expect(res.status).toBe(302);
  applicationId = (await prisma.membershipApplication.findFirstOrThrow({ where: { userId: worker.id } })).id;
});
afterAll(() => server.close());

/** Every 5-character piece of the number: a page showing any of them shows more than the last 4. */
function expectAtMostLast4(text: string) {
  for (let i = 0; i + 5 <= ID.length; i++)
    expect(text, `shows ${ID.slice(i, i + 5)}`).not.toContain(ID.slice(i, i + 5));
}
const visible = (html: string) => html.replace(/<script[\s\S]*?<\/script>/g, "").replace(/<link[^>]*>/g, "");

test("the ID number is stored encrypted: the raw database column is unreadable, and another key cannot decrypt it", async () => {
  const [raw] = await rawQuery<{ idNumberCipher: string; idNumberHash: string; idNumberLast4: string }>(
    `SELECT "idNumberCipher", "idNumberHash", "idNumberLast4" FROM "MembershipApplication" WHERE "id" = $1`,
    [applicationId],
  );
  expect(raw.idNumberCipher).toMatch(/^v1:[0-9a-f]{8}:/);
  expectAtMostLast4(raw.idNumberCipher);
  expectAtMostLast4(raw.idNumberHash);
  expect(raw.idNumberLast4).toBe("2335");
  // With this test file's key it decrypts; with any other key it does not.
  expect(decryptIdNumber(raw.idNumberCipher)).toBe(ID);
  const foreign = raw.idNumberCipher.replace(/^v1:[0-9a-f]{8}:/, "v1:00000000:");
  expect(() => decryptIdNumber(foreign)).toThrow(/not configured/);
  const tampered = raw.idNumberCipher.slice(0, -2) + (raw.idNumberCipher.endsWith("A") ? "BB" : "AA");
  expect(() => decryptIdNumber(tampered)).toThrow();
});

test("staff pages and both export formats show at most the last 4 characters", async () => {
  for (const path of ["/union/applications", `/union/applications/${applicationId}`]) {
    const html = await (await getPage(server, path, { cookie: cookies.a })).text();
    expect(html).toContain("加密测试");
    expectAtMostLast4(visible(html));
  }
  const detail = await (await getPage(server, `/union/applications/${applicationId}`, { cookie: cookies.a })).text();
  expect(detail).toContain("**************2335");
  const csv = await (
    await getPage(server, "/union/applications/export?status=all&format=csv", { cookie: cookies.a })
  ).text();
  expect(csv).toContain("**************2335");
  expectAtMostLast4(csv);
  const xlsx = await getPage(server, "/union/applications/export?status=all&format=xlsx", { cookie: cookies.a });
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(Buffer.from(await xlsx.arrayBuffer()) as never);
  const cells: string[] = [];
  book.worksheets[0].eachRow((row) => row.eachCell((cell) => cells.push(String(cell.value))));
  expect(cells).toContain("**************2335");
  expectAtMostLast4(cells.join("|"));
});

test("the same ID number on another account's application is refused on its field", async () => {
  const other = await createUser();
  const res = await postForm(server, "/join", form({ name: "冒用者" }), { cookie: await sessionCookieFor(other.id) });
  expect(res.status).toBe(409);
  expect(await res.text()).toContain("该身份证号码已用于另一个账号的入会申请");
  expect(await prisma.membershipApplication.count({ where: { userId: other.id } })).toBe(0);
});

test("reveal: the deciding staff member sees the whole number, audited; other staff are refused", async () => {
  const reveal = (cookie: string) =>
    postForm(server, `/union/applications/${applicationId}`, { intent: "reveal" }, { cookie });
  const audits = () => prisma.auditLog.count({ where: { action: "idNumber.reveal", entityId: applicationId } });

  // Out of scope (another county): no page at all, nothing revealed.
  const outside = await reveal(cookies.b);
  expect([403, 404]).toContain(outside.status);
  expect(await outside.text()).not.toContain(ID);
  expect(await audits()).toBe(0);

  // Pending: the staff member deciding it (in scope) may reveal; the page says it is logged.
  const pending = await reveal(cookies.a);
  expect(pending.status).toBe(200);
  expect(await pending.text()).toContain(`完整号码：${ID}`);
  expect(await audits()).toBe(1);
  const entry = await prisma.auditLog.findFirstOrThrow({ where: { action: "idNumber.reveal" } });
  expect(entry).toMatchObject({ actorId: c.staffA.id, entity: "MembershipApplication" });

  // Decided by staff A: city staff (in scope, not the decider) is refused; A still may.
  await approveApplication(applicationId, c.staffA.id);
  const page = async (cookie: string) =>
    (await getPage(server, `/union/applications/${applicationId}`, { cookie })).text();
  expect(await page(cookies.city)).not.toContain("查看完整身份证号码");
  expect(await page(cookies.a)).toContain("查看完整身份证号码");
  const cityTry = await reveal(cookies.city);
  expect(cityTry.status).toBe(403);
  const cityText = await cityTry.text();
  expect(cityText).toContain("只有审核该申请的工作人员可以查看完整号码");
  expect(cityText).not.toContain(ID);
  expect(await audits()).toBe(1);
  const decider = await reveal(cookies.a);
  expect(decider.status).toBe(200);
  expect(await decider.text()).toContain(ID);
  expect(await audits()).toBe(2);
});
