// The profile page (own details, membership, roles) and the notifications page.
import { afterAll, beforeAll, expect, test } from "vitest";
import { createEnterprise, createOrg, createUser, grantRole } from "~/seed/factories.server";
import { prisma } from "~/utils/db.server";
import { getPage, postForm, sessionCookieFor, startServer, type TestServer } from "../helpers/server";

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server.close());

test("a user edits their profile: employer, county, migrant worker, gender, birth date", async () => {
  const city = await createOrg({ kind: "city", name: "资料测试市" });
  const county = await createOrg({ kind: "county", name: "资料测试县总工会", parentId: city.id });
  const enterprise = await createEnterprise({ name: "资料测试煤业有限公司", countyId: county.id });
  const user = await createUser({ name: "改资料" });
  const cookie = await sessionCookieFor(user.id);
  const page = await (await getPage(server, "/me/profile", { cookie })).text();
  expect(page).toContain("资料测试煤业有限公司");
  expect(page).toContain("资料测试县总工会");

  const response = await postForm(
    server,
    "/me/profile",
    {
      name: "改好了",
      employerId: enterprise.id,
      employerName: "",
      countyId: county.id,
      isMigrant: "yes",
      gender: "female",
      birthDate: "1992-06-30",
    },
    { cookie },
  );
  expect(response.status).toBe(200);
  expect(await response.text()).toContain("个人资料已保存");
  const saved = await prisma.user.findUniqueOrThrow({ where: { id: user.id } });
  expect(saved).toMatchObject({
    name: "改好了",
    employerId: enterprise.id,
    countyId: county.id,
    isMigrant: true,
    gender: "female",
  });
  // A calendar date: stored at noon UTC of that day, the same day in UTC and in Beijing.
  expect(saved.birthDate?.toISOString()).toBe("1992-06-30T12:00:00.000Z");

  // An employer that is not registered is kept as typed text.
  await postForm(server, "/me/profile", { name: "改好了", employerName: "小李修车铺", isMigrant: "no" }, { cookie });
  expect(await prisma.user.findUniqueOrThrow({ where: { id: user.id } })).toMatchObject({
    employerId: null,
    employerName: "小李修车铺",
    isMigrant: false,
  });
});

test("the profile does not change the log-in phone or e-mail (issue 10: only verified, on /me/security); bad input is a 400", async () => {
  const other = await createUser({ phone: "13622223333", email: "taken@example.test" });
  const user = await createUser({ name: "原名", phone: "13622224444" });
  const cookie = await sessionCookieFor(user.id);
  const attempt = (fields: Record<string, string>) =>
    postForm(server, "/me/profile", { name: "新名", isMigrant: "no", ...fields }, { cookie });

  // Another account's phone and e-mail sent with the profile are ignored.
  const sneaky = await attempt({ phone: other.phone!, email: "TAKEN@example.test" });
  expect(sneaky.status).toBe(200);
  expect(await prisma.user.findUniqueOrThrow({ where: { id: user.id } })).toMatchObject({
    name: "新名",
    phone: "13622224444",
    email: user.email,
  });
  const page = await (await getPage(server, "/me/profile", { cookie })).text();
  expect(page).toContain('href="/me/security"');

  const badCounty = await attempt({ name: "又改", countyId: "not-a-county" });
  expect(badCounty.status).toBe(400);
  expect(await prisma.user.findUniqueOrThrow({ where: { id: user.id } })).toMatchObject({ name: "新名" });
});

test("the profile shows union membership (or a way to join), roles, and a log-out-everywhere form", async () => {
  const city = await createOrg({ kind: "city", name: "会员测试市" });
  const union = await createOrg({
    kind: "union",
    unionType: "committee",
    name: "会员测试公司工会委员会",
    parentId: city.id,
  });
  const member = await createUser();
  await prisma.membership.create({
    data: {
      userId: member.id,
      unionId: union.id,
      number: "LF-2026-000123",
      since: new Date(),
      verifyToken: `vt-${member.id}`,
    },
  });
  await grantRole(member.id, "judge", city.id);
  // React separates adjacent text pieces with empty comments; drop them to read the page as text.
  const html = (
    await (await getPage(server, "/me/profile", { cookie: await sessionCookieFor(member.id) })).text()
  ).replaceAll("<!-- -->", "");
  expect(html).toContain("会员测试公司工会委员会 会员，会员号 LF-2026-000123");
  expect(html).toContain("评委 · 会员测试市");
  expect(html).toMatch(/<form[^>]*action="\/logout"/);
  expect(html).toContain('name="everywhere" value="1"');

  const nonMember = await createUser();
  const plain = await (await getPage(server, "/me/profile", { cookie: await sessionCookieFor(nonMember.id) })).text();
  expect(plain).toContain("尚未入会");
  expect(plain).toContain('href="/join"');
  expect((await getPage(server, "/me/profile")).status).toBe(302);
});

test("notifications are rendered from their catalog key and params, newest first; mark all read touches only mine", async () => {
  const user = await createUser();
  const other = await createUser();
  const older = new Date(Date.now() - 60_000);
  await prisma.notification.createMany({
    data: [
      {
        userId: user.id,
        kind: "upload.tooMany",
        params: JSON.stringify({ max: 7 }),
        link: "/me/profile",
        createdAt: older,
      },
      {
        userId: user.id,
        kind: "auth.profile.memberOf",
        params: JSON.stringify({ union: "浮山县建筑业行业工会", number: "FS-9" }),
      },
      { userId: user.id, kind: "no.such.key", params: "not json" },
      { userId: other.id, kind: "notify.empty" },
    ],
  });
  const cookie = await sessionCookieFor(user.id);
  const html = await (await getPage(server, "/me/notifications", { cookie })).text();
  expect(html).toContain("浮山县建筑业行业工会 会员，会员号 FS-9");
  expect(html).toContain("文件过多：最多 7 个");
  expect(html.indexOf("FS-9")).toBeLessThan(html.indexOf("最多 7 个"));
  // Through the route that marks it read and then follows its link (issue #10).
  const linked = await prisma.notification.findFirstOrThrow({ where: { userId: user.id, kind: "upload.tooMany" } });
  expect(html).toContain(`href="/me/notifications/${linked.id}"`);
  expect(html).toContain("3 条未读");

  const en = await (
    await getPage(server, "/me/notifications", { cookie, headers: { "Accept-Language": "en" } })
  ).text();
  expect(en).toContain("Too many files: at most 7");

  const marked = await postForm(server, "/me/notifications", {}, { cookie });
  expect(marked.status).toBe(200);
  expect(await prisma.notification.count({ where: { userId: user.id, readAt: null } })).toBe(0);
  expect(await prisma.notification.count({ where: { userId: other.id, readAt: null } })).toBe(1);
});
