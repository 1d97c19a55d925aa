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
      phone: "13611112222",
      email: "",
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
    phone: "13611112222",
    email: null,
    employerId: enterprise.id,
    countyId: county.id,
    isMigrant: true,
    gender: "female",
  });
  expect(saved.birthDate?.toISOString()).toBe("1992-06-29T16:00:00.000Z");

  // An employer that is not registered is kept as typed text.
  await postForm(
    server,
    "/me/profile",
    { name: "改好了", phone: "13611112222", employerName: "小李修车铺", isMigrant: "no" },
    { cookie },
  );
  expect(await prisma.user.findUniqueOrThrow({ where: { id: user.id } })).toMatchObject({
    employerId: null,
    employerName: "小李修车铺",
    isMigrant: false,
  });
});

test("a phone or email another account uses, a bad phone or no way to log in: 400 with field messages, nothing saved", async () => {
  const other = await createUser({ phone: "13622223333", email: "taken@example.test" });
  const user = await createUser({ name: "原名", phone: "13622224444" });
  const cookie = await sessionCookieFor(user.id);
  const attempt = (fields: Record<string, string>) =>
    postForm(server, "/me/profile", { name: "新名", isMigrant: "no", ...fields }, { cookie });

  const dupPhone = await attempt({ phone: other.phone! });
  expect(dupPhone.status).toBe(400);
  expect(await dupPhone.text()).toContain("该手机号已注册");
  const dupEmail = await attempt({ phone: user.phone!, email: "TAKEN@example.test" });
  expect(dupEmail.status).toBe(400);
  expect(await dupEmail.text()).toContain("该邮箱已注册");
  const badPhone = await attempt({ phone: "1234" });
  expect(badPhone.status).toBe(400);
  expect(await badPhone.text()).toContain("请输入 11 位中国大陆手机号");
  const nothing = await attempt({ phone: "", email: "" });
  expect(nothing.status).toBe(400);
  expect(await nothing.text()).toContain("请填写手机号或邮箱");
  const badCounty = await attempt({ phone: user.phone!, countyId: "not-a-county" });
  expect(badCounty.status).toBe(400);

  expect(await prisma.user.findUniqueOrThrow({ where: { id: user.id } })).toMatchObject({
    name: "原名",
    phone: "13622224444",
  });
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
  expect(html).toContain('href="/me/profile"');
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
