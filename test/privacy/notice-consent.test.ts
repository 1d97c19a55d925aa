// Issue #11 item 2: a privacy notice in both languages (versioned, with the retention periods and
// what visitor counting does), linked from registration; separate consent at the application,
// recorded with the notice's version and time, and asked again when the version changes.
import { afterAll, beforeAll, expect, test } from "vitest";
import { PRIVACY_NOTICE_VERSION, RETENTION_DAYS } from "~/domain/privacy/notice";
import { createUser } from "~/seed/factories.server";
import { prisma } from "~/utils/db.server";
import { getPage, postForm, sessionCookieFor, startServer, type TestServer } from "../helpers/server";
import { makeCity, type City } from "../membership/fixtures";

let server: TestServer;
let c: City;
beforeAll(async () => {
  server = await startServer();
  c = await makeCity();
});
afterAll(() => server.close());

const form = (extra: Record<string, string> = {}) => ({
  name: "同意测试",
  gender: "female",
  birthDate: "1993-06-01",
  phone: "13912340077",
  enterpriseId: c.shop.id,
  employmentType: "full_time",
  isMigrant: "yes",
  ...extra,
});

test("the notice is there in both languages with its version, retention periods and visitor counting", async () => {
  const zh = await (await getPage(server, "/privacy", { headers: { "Accept-Language": "zh-CN" } })).text();
  expect(zh).toContain("个人信息保护政策");
  expect(zh).toContain(`版本 ${PRIVACY_NOTICE_VERSION}`);
  expect(zh).toContain(`审核决定后 ${RETENTION_DAYS.rejectedApplications} 天删除`);
  expect(zh).toContain("不使用任何跟踪 Cookie");
  const en = await (await getPage(server, "/privacy", { headers: { "Accept-Language": "en" } })).text();
  expect(en).toContain("Privacy notice");
  expect(en).toContain(`Version ${PRIVACY_NOTICE_VERSION}`);
  expect(en).toContain(`${RETENTION_DAYS.outboxMessages} days`);
  expect(en).toContain("no tracking cookie");
  const register = await (await getPage(server, "/register")).text();
  expect(register).toContain('href="/privacy"');
});

test("applying without ticking the consent is a 400 on that field; with it, consent is recorded with version and time", async () => {
  const worker = await createUser();
  const cookie = await sessionCookieFor(worker.id);
  const refused = await postForm(server, "/join", form(), { cookie });
  expect(refused.status).toBe(400);
  expect(await refused.text()).toContain("请阅读个人信息保护政策并勾选同意");
  expect(await prisma.membershipApplication.count({ where: { userId: worker.id } })).toBe(0);
  expect(await prisma.privacyConsent.count({ where: { userId: worker.id } })).toBe(0);

  const before = Date.now();
  const ok = await postForm(server, "/join", form({ consentSensitive: "yes" }), { cookie });
  expect(ok.status).toBe(302);
  const consent = await prisma.privacyConsent.findFirstOrThrow({ where: { userId: worker.id } });
  expect(consent).toMatchObject({ purpose: "sensitive", noticeVersion: PRIVACY_NOTICE_VERSION });
  expect(consent.grantedAt.getTime()).toBeGreaterThanOrEqual(before - 1000);
  const page = await (await getPage(server, "/me/data", { cookie })).text();
  expect(page).toContain(`同意了版本 ${PRIVACY_NOTICE_VERSION} 的个人信息保护政策`);
  expect(page).not.toContain('data-testid="consent-renew"');
});

test("after the notice's version changes, someone whose data is held is asked again, and the new consent is recorded", async () => {
  const worker = await createUser();
  const cookie = await sessionCookieFor(worker.id);
  expect((await postForm(server, "/join", form({ consentSensitive: "yes" }), { cookie })).status).toBe(302);
  // Their consent was to the previous version of the notice.
  await prisma.privacyConsent.updateMany({
    where: { userId: worker.id },
    data: { noticeVersion: PRIVACY_NOTICE_VERSION - 1 },
  });
  const asked = await (await getPage(server, "/me/data", { cookie })).text();
  expect(asked).toContain('data-testid="consent-renew"');
  expect(asked).toContain(`个人信息保护政策已更新到版本 ${PRIVACY_NOTICE_VERSION}`);

  const res = await postForm(server, "/me/data", { intent: "consent" }, { cookie });
  expect(res.status).toBe(200);
  expect(
    await prisma.privacyConsent.count({ where: { userId: worker.id, noticeVersion: PRIVACY_NOTICE_VERSION } }),
  ).toBe(1);
  const after = await (await getPage(server, "/me/data", { cookie })).text();
  expect(after).not.toContain('data-testid="consent-renew"');
});
