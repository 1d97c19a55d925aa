// Issue 8, item 10: a county admin listed every user in the city with phone and e-mail (and opened
// the city admin's page); center staff entering a walk-in with someone else's number saw that
// person's real name and wrote an attendance into their history.
import { afterAll, beforeAll, expect, test } from "vitest";
import { createOrg, createUser, grantRole } from "~/seed/factories.server";
import { prisma } from "~/utils/db.server";
import { getPage, postForm, sessionCookieFor, startServer, type TestServer } from "../helpers/server";
import { makeActivity, makeCenter } from "../activities/helpers";

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server.close());

let cities = 0;
async function makeCity() {
  const prefix = `1360${++cities}00000`; // + one digit: each person's number
  const city = await createOrg({ kind: "city", name: "范围测试市总工会" });
  const mine = await createOrg({ kind: "county", name: "本县总工会", parentId: city.id });
  const other = await createOrg({ kind: "county", name: "邻县总工会", parentId: city.id });
  const otherCenter = await createOrg({ kind: "center", name: "邻县活动中心", parentId: other.id });
  const myCenter = await createOrg({ kind: "center", name: "本县活动中心", parentId: mine.id });
  const person = (name: string, phone: string, countyId: string | null) =>
    createUser({ name, phone, email: `${phone}@scope.test`, countyId });
  const countyAdmin = await person("本县管理员", `${prefix}1`, mine.id);
  const cityAdmin = await person("市总管理员", `${prefix}2`, mine.id); // lives in the county, but is its superior
  const neighbourAdmin = await person("邻县管理员", `${prefix}3`, mine.id);
  const local = await person("本县职工", `${prefix}4`, mine.id);
  const outsider = await person("邻县职工", `${prefix}5`, other.id);
  const staffHere = await person("邻县人在本县任职", `${prefix}6`, other.id);
  const newcomer = await person("尚无归属", `${prefix}7`, null);
  await grantRole(countyAdmin.id, "admin", mine.id);
  await grantRole(cityAdmin.id, "admin", city.id);
  await grantRole(neighbourAdmin.id, "admin", other.id);
  await grantRole(staffHere.id, "center_staff", myCenter.id);
  await grantRole(staffHere.id, "center_staff", otherCenter.id);
  return {
    prefix,
    city,
    mine,
    other,
    myCenter,
    otherCenter,
    countyAdmin,
    cityAdmin,
    neighbourAdmin,
    local,
    outsider,
    staffHere,
    newcomer,
  };
}

test("a county admin lists and opens only the users of their county, never the city admin nor a neighbour's people", async () => {
  const c = await makeCity();
  const cookie = await sessionCookieFor(c.countyAdmin.id);
  const list = await (await getPage(server, `/admin/users?q=${c.prefix}`, { cookie })).text();
  for (const visible of [c.countyAdmin, c.local, c.staffHere]) expect(list, visible.name).toContain(visible.phone!);
  for (const hidden of [c.cityAdmin, c.neighbourAdmin, c.outsider, c.newcomer]) {
    expect(list, hidden.name).not.toContain(hidden.phone!);
    expect(list, hidden.name).not.toContain(hidden.email!);
    expect(list, hidden.name).not.toContain(hidden.name);
  }
  // Searching for them by name, number or e-mail finds nothing either.
  for (const q of [c.cityAdmin.name, c.outsider.phone!, c.neighbourAdmin.email!]) {
    expect(await (await getPage(server, `/admin/users?q=${encodeURIComponent(q)}`, { cookie })).text(), q).toContain(
      "没有找到匹配的用户",
    );
  }
  for (const hidden of [c.cityAdmin, c.neighbourAdmin, c.outsider]) {
    const page = await getPage(server, `/admin/users/${hidden.id}`, { cookie });
    expect(page.status, hidden.name).toBe(404);
    expect(await page.text()).not.toContain(hidden.phone!);
  }
  expect((await getPage(server, `/admin/users/${c.local.id}`, { cookie })).status).toBe(200);

  // The city admin sees everyone.
  const cityList = await (
    await getPage(server, `/admin/users?q=${c.prefix}`, { cookie: await sessionCookieFor(c.cityAdmin.id) })
  ).text();
  for (const u of [c.countyAdmin, c.cityAdmin, c.neighbourAdmin, c.local, c.outsider, c.staffHere, c.newcomer])
    expect(cityList, u.name).toContain(u.phone!);
});

test("a county admin cannot grant or revoke anything on a user outside their remit", async () => {
  const c = await makeCity();
  const cookie = await sessionCookieFor(c.countyAdmin.id);
  const grantsBefore = await prisma.roleGrant.count();
  const cityAdminGrant = await prisma.roleGrant.findFirstOrThrow({ where: { userId: c.cityAdmin.id } });
  const attempts = [
    postForm(server, `/admin/users/${c.cityAdmin.id}`, { intent: "revoke", grantId: cityAdminGrant.id }, { cookie }),
    postForm(server, `/admin/users/${c.outsider.id}`, { intent: "grant", role: "judge", orgId: c.mine.id }, { cookie }),
    postForm(
      server,
      `/admin/users/${c.neighbourAdmin.id}`,
      { intent: "grant", role: "center_staff", orgId: c.myCenter.id },
      { cookie },
    ),
  ];
  for (const res of await Promise.all(attempts)) expect(res.status).toBe(404);
  expect(await prisma.roleGrant.count()).toBe(grantsBefore);

  // Someone in the remit who also holds a role elsewhere: visible, but the other grant stays out of reach.
  const elsewhere = await prisma.roleGrant.findFirstOrThrow({
    where: { userId: c.staffHere.id, orgId: c.otherCenter.id },
  });
  expect(
    (await postForm(server, `/admin/users/${c.staffHere.id}`, { intent: "revoke", grantId: elsewhere.id }, { cookie }))
      .status,
  ).toBe(403);
  expect(await prisma.roleGrant.count({ where: { id: elsewhere.id } })).toBe(1);
});

test("a newcomer who belongs nowhere yet is found by their exact number and can be given a first role", async () => {
  const c = await makeCity();
  const cookie = await sessionCookieFor(c.countyAdmin.id);
  expect(
    await (await getPage(server, `/admin/users?q=${c.newcomer.phone!.slice(0, 9)}`, { cookie })).text(),
  ).not.toContain(c.newcomer.name);
  const found = await (await getPage(server, `/admin/users?q=${c.newcomer.phone}`, { cookie })).text();
  expect(found).toContain(`/admin/users/${c.newcomer.id}`);
  const grant = await postForm(
    server,
    `/admin/users/${c.newcomer.id}`,
    { intent: "grant", role: "center_staff", orgId: c.myCenter.id },
    { cookie },
  );
  expect(grant.status).toBe(200);
  // Now one of the county's people: listed without the exact number.
  expect(await (await getPage(server, `/admin/users?q=${c.prefix}`, { cookie })).text()).toContain(c.newcomer.name);
});

// ───────────── Walk-ins with someone else's number ─────────────

const walkIn = (
  activityId: string,
  cookie: string,
  name: string,
  phone: string,
  headers: Record<string, string> = {},
) =>
  postForm(server, `/center/activities/${activityId}/checkin`, { intent: "walkin", name, phone }, { cookie, headers });

test("a walk-in with an existing number shows the staff only the name they typed and writes nothing into that person's history", async () => {
  const { center, staff } = await makeCenter("走入县");
  const activity = await makeActivity(center, { title: "冒名测试活动" });
  const owner = await createUser({ name: "陈磊", phone: "13688880001" });
  const cookie = await sessionCookieFor(staff.id);

  const res = await walkIn(activity.id, cookie, "冒名者", owner.phone!);
  expect(res.status).toBe(200);
  const html = await res.text();
  expect(html).not.toContain("陈磊");
  expect(html).toContain("已记录 冒名者 的现场报名。如果这个手机号已有账户，将请账户本人确认后再记入其活动记录。");
  // The invitation, worded "if not a member yet": the claim page (issue #10), then the application.
  expect(html).toContain(`/claim?phone=${owner.phone}&amp;from=activity%3A${activity.id}`);

  // Nothing in the owner's history: no registration, no attendance, no funnel step.
  expect(await prisma.registration.count({ where: { userId: owner.id } })).toBe(0);
  expect(await prisma.funnelEvent.count({ where: { userId: owner.id } })).toBe(0);
  // The door still counts a head, anonymously; searching the number finds no one.
  const door = await (
    await getPage(server, `/center/activities/${activity.id}/checkin?q=${owner.phone}`, { cookie })
  ).text();
  expect(door).toContain("已签到 1 人");
  expect(door).toContain("另有 1 位现场报名待手机号本人确认");
  expect(door).not.toContain("陈磊");
  expect(door).toContain("没有找到"); // activities.checkin.noMatch

  // Entering it again changes nothing and asks the owner once.
  expect((await walkIn(activity.id, cookie, "冒名者", owner.phone!)).status).toBe(200);
  expect(await prisma.unclaimedWalkIn.count({ where: { userId: owner.id } })).toBe(1);
  const notes = await prisma.notification.findMany({ where: { userId: owner.id } });
  expect(notes.map((n) => [n.kind, n.link])).toEqual([["activities.notify.walkInToConfirm", "/me/activities"]]);
});

test("the owner confirms the walk-in on My activities: only then is it their attendance, as of the time at the door", async () => {
  const { center, staff } = await makeCenter("确认县");
  const activity = await makeActivity(center, { title: "确认测试活动" });
  const owner = await createUser({ name: "陈磊二", phone: "13688880002", isMigrant: true });
  const stranger = await createUser({ phone: "13688880003" });
  await walkIn(activity.id, await sessionCookieFor(staff.id), "现场的人", owner.phone!);
  const held = await prisma.unclaimedWalkIn.findFirstOrThrow({ where: { userId: owner.id } });
  const ownerCookie = await sessionCookieFor(owner.id);

  const mine = await (await getPage(server, "/me/activities", { cookie: ownerCookie })).text();
  expect(mine).toContain("请确认现场报名");
  expect(mine).toContain("确认测试活动");
  // Nobody else can answer for them.
  const other = await postForm(
    server,
    "/me/activities",
    { intent: "confirmWalkIn", walkInId: held.id },
    { cookie: await sessionCookieFor(stranger.id) },
  );
  expect(other.status).toBe(404);
  expect(await prisma.registration.count({ where: { activityId: activity.id } })).toBe(0);

  const yes = await postForm(
    server,
    "/me/activities",
    { intent: "confirmWalkIn", walkInId: held.id },
    { cookie: ownerCookie },
  );
  expect(yes.status).toBe(200);
  expect(await yes.text()).toContain("已确认，这次活动已记入您的记录。");
  const reg = await prisma.registration.findFirstOrThrow({ where: { activityId: activity.id, userId: owner.id } });
  expect(reg).toMatchObject({ status: "confirmed", walkIn: true, checkedInById: staff.id });
  expect(reg.attendedAt!.getTime()).toBe(held.createdAt.getTime());
  const attend = await prisma.funnelEvent.findMany({ where: { userId: owner.id, step: "attend" } });
  expect(attend.map((e) => [e.activityId, e.isMigrant])).toEqual([[activity.id, true]]);
  // Answered once: the head is now a registration, counted once at the door.
  expect(
    (await postForm(server, "/me/activities", { intent: "declineWalkIn", walkInId: held.id }, { cookie: ownerCookie }))
      .status,
  ).toBe(404);
  const door = await (
    await getPage(server, `/center/activities/${activity.id}/checkin`, { cookie: await sessionCookieFor(staff.id) })
  ).text();
  expect(door).toContain("已签到 1 人");
  expect(door).not.toContain("待手机号本人确认");
  expect((await prisma.activity.findUniqueOrThrow({ where: { id: activity.id } })).confirmedCount).toBe(1);
});

test("declining keeps the owner's history empty and the door's head count", async () => {
  const { center, staff } = await makeCenter("拒绝县");
  const activity = await makeActivity(center);
  const owner = await createUser({ phone: "13688880004" });
  const staffCookie = await sessionCookieFor(staff.id);
  await walkIn(activity.id, staffCookie, "不知是谁", owner.phone!);
  const held = await prisma.unclaimedWalkIn.findFirstOrThrow({ where: { userId: owner.id } });
  const no = await postForm(
    server,
    "/me/activities",
    { intent: "declineWalkIn", walkInId: held.id },
    { cookie: await sessionCookieFor(owner.id) },
  );
  expect(no.status).toBe(200);
  expect(await prisma.registration.count({ where: { userId: owner.id } })).toBe(0);
  expect(await prisma.funnelEvent.count({ where: { userId: owner.id } })).toBe(0);
  expect(
    await (await getPage(server, "/me/activities", { cookie: await sessionCookieFor(owner.id) })).text(),
  ).not.toContain("请确认现场报名");
  expect(
    await (await getPage(server, `/center/activities/${activity.id}/checkin`, { cookie: staffCookie })).text(),
  ).toContain("已签到 1 人");
});

test("a new number still opens an account and checks in at once, and the staff's answer looks the same as for a known number", async () => {
  const { center, staff } = await makeCenter("新号县");
  const activity = await makeActivity(center);
  const member = await createUser({ name: "老会员", phone: "13688880005" });
  await prisma.membership.create({
    data: {
      userId: member.id,
      unionId: center.id,
      number: `M-${member.id}`,
      since: new Date(),
      verifyToken: `t-${member.id}`,
    },
  });
  const cookie = await sessionCookieFor(staff.id);
  const strip = (html: string) => html.replace(/<svg[\s\S]*?<\/svg>/g, "").replace(/13688880\d\d/g, "PHONE");
  const known = await walkIn(activity.id, cookie, "某某", member.phone!);
  const fresh = await walkIn(activity.id, cookie, "某某", "13688880099");
  expect([known.status, fresh.status]).toEqual([200, 200]);
  const [knownHtml, freshHtml] = [strip(await known.text()), strip(await fresh.text())];
  const message = (html: string) => /role="(?:status|alert)"[^>]*>([^<]*)</.exec(html)?.[1];
  expect(message(knownHtml)).toBeTruthy();
  expect(message(knownHtml)).toBe(message(freshHtml));
  expect(knownHtml).toContain("如果 某某 还不是工会会员"); // a member's number does not reveal membership
  expect(knownHtml).not.toContain("老会员");
  const opened = await prisma.user.findUniqueOrThrow({
    where: { phone: "13688880099" },
    include: { registrations: true },
  });
  expect(opened.name).toBe("某某");
  expect(opened.registrations.map((r) => [r.activityId, r.walkIn, r.attendedAt !== null])).toEqual([
    [activity.id, true, true],
  ]);
});
