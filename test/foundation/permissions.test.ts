// Roles reach down the organisation tree: city staff see every county, county staff their own
// county and below, never a neighbour. Checked through the permission module and through the
// admin pages that rely on it; plus the organisation move that rewrites the tree.
import { afterAll, beforeAll, expect, test } from "vitest";
import { moveOrg } from "~/domain/admin/orgs.server";
import { createOrg, createUser, grantRole } from "~/seed/factories.server";
import { prisma } from "~/utils/db.server";
import { hasRoleFor, orgInScope, scopeOrgIds, scopePaths } from "~/utils/permissions.server";
import { getPage, postForm, sessionCookieFor, startServer, type TestServer } from "../helpers/server";

let server: TestServer;
let tree: Awaited<ReturnType<typeof makeTree>>;

async function makeTree() {
  const city = await createOrg({ kind: "city", name: "临汾市总工会（测试）" });
  const fushan = await createOrg({ kind: "county", name: "浮山县总工会（测试）", parentId: city.id });
  const yaodu = await createOrg({ kind: "county", name: "尧都区总工会（测试）", parentId: city.id });
  const fushanJoint = await createOrg({
    kind: "union",
    unionType: "joint",
    name: "天坛镇联合工会",
    parentId: fushan.id,
  });
  const fushanCenter = await createOrg({ kind: "center", name: "浮山县职工文化活动中心", parentId: fushan.id });
  const yaoduUnion = await createOrg({
    kind: "union",
    unionType: "committee",
    name: "煤电集团工会",
    parentId: yaodu.id,
  });
  const cityStaff = await createUser({ name: "市总工作人员" });
  const fushanStaff = await createUser({ name: "浮山工作人员" });
  const cityAdmin = await createUser({ name: "市总管理员" });
  const fushanAdmin = await createUser({ name: "浮山管理员" });
  const worker = await createUser({ name: "普通职工" });
  await grantRole(cityStaff.id, "union_staff", city.id);
  await grantRole(fushanStaff.id, "union_staff", fushan.id);
  await grantRole(cityAdmin.id, "admin", city.id);
  await grantRole(fushanAdmin.id, "admin", fushan.id);
  return {
    city,
    fushan,
    yaodu,
    fushanJoint,
    fushanCenter,
    yaoduUnion,
    cityStaff,
    fushanStaff,
    cityAdmin,
    fushanAdmin,
    worker,
  };
}

beforeAll(async () => {
  server = await startServer();
  tree = await makeTree();
});
afterAll(() => server.close());

test("city staff reach every county; county staff their own county and below, not a neighbour", async () => {
  const { city, fushan, yaodu, fushanJoint, yaoduUnion, cityStaff, fushanStaff, worker } = tree;
  for (const org of [city, fushan, yaodu, fushanJoint, yaoduUnion])
    expect(await hasRoleFor(cityStaff.id, "union_staff", org.id)).toBe(true);
  expect(await hasRoleFor(fushanStaff.id, "union_staff", fushan.id)).toBe(true);
  expect(await hasRoleFor(fushanStaff.id, "union_staff", fushanJoint.id)).toBe(true);
  expect(await hasRoleFor(fushanStaff.id, "union_staff", yaodu.id)).toBe(false);
  expect(await hasRoleFor(fushanStaff.id, "union_staff", yaoduUnion.id)).toBe(false);
  expect(await hasRoleFor(fushanStaff.id, "union_staff", city.id)).toBe(false);
  // A role is not another role.
  expect(await hasRoleFor(fushanStaff.id, "center_staff", fushan.id)).toBe(false);
  expect(await hasRoleFor(worker.id, "union_staff", fushan.id)).toBe(false);

  expect(await scopePaths(fushanStaff.id, "union_staff")).toEqual([fushan.path]);
  const visible = await prisma.organisation.findMany({
    where: orgInScope(await scopePaths(fushanStaff.id, "union_staff")),
    select: { id: true },
  });
  expect(visible.map((o) => o.id).sort()).toEqual([fushan.id, fushanJoint.id, tree.fushanCenter.id].sort());
  expect(await scopeOrgIds(worker.id, "union_staff")).toEqual([]);
});

test("an admin grant covers every role in its subtree", async () => {
  const { fushanAdmin, fushanCenter, yaodu } = tree;
  expect(await hasRoleFor(fushanAdmin.id, "center_staff", fushanCenter.id)).toBe(true);
  expect(await hasRoleFor(fushanAdmin.id, "contest_organiser", fushanCenter.id)).toBe(true);
  expect(await hasRoleFor(fushanAdmin.id, "center_staff", yaodu.id)).toBe(false);
});

test("a county admin cannot open, edit or move another county's organisations, nor grant roles there", async () => {
  const { fushanAdmin, yaodu, yaoduUnion, fushan, worker } = tree;
  const cookie = await sessionCookieFor(fushanAdmin.id);
  expect((await getPage(server, `/admin/orgs/${fushan.id}`, { cookie })).status).toBe(200);
  expect((await getPage(server, `/admin/orgs/${yaodu.id}`, { cookie })).status).toBe(403);
  const auditsBefore = await prisma.auditLog.count();

  const edit = await postForm(server, `/admin/orgs/${yaoduUnion.id}`, { intent: "update", name: "被篡改" }, { cookie });
  expect(edit.status).toBe(403);
  expect((await prisma.organisation.findUniqueOrThrow({ where: { id: yaoduUnion.id } })).name).toBe("煤电集团工会");

  // Moving their own union under a neighbour's county is refused: the destination is out of scope.
  const move = await postForm(
    server,
    `/admin/orgs/${tree.fushanJoint.id}`,
    { intent: "move", parentId: yaodu.id },
    { cookie },
  );
  expect(move.status).toBe(403);
  expect((await prisma.organisation.findUniqueOrThrow({ where: { id: tree.fushanJoint.id } })).parentId).toBe(
    fushan.id,
  );

  const grant = await postForm(
    server,
    `/admin/users/${worker.id}`,
    { intent: "grant", role: "union_staff", orgId: yaodu.id },
    { cookie },
  );
  expect(grant.status).toBe(403);
  expect(await prisma.roleGrant.count({ where: { userId: worker.id } })).toBe(0);
  expect(await prisma.auditLog.count()).toBe(auditsBefore);

  // Workers and staff without admin see no admin pages at all.
  expect((await getPage(server, "/admin", { cookie: await sessionCookieFor(worker.id) })).status).toBe(403);
  expect((await getPage(server, "/admin/users", { cookie: await sessionCookieFor(tree.cityStaff.id) })).status).toBe(
    403,
  );
});

test("an admin grants and revokes a role in scope; both are written to the audit log", async () => {
  const { fushanAdmin, fushanCenter, worker } = tree;
  const cookie = await sessionCookieFor(fushanAdmin.id);
  const grant = await postForm(
    server,
    `/admin/users/${worker.id}`,
    { intent: "grant", role: "center_staff", orgId: fushanCenter.id },
    { cookie },
  );
  expect(grant.status).toBe(200);
  expect(await grant.text()).toContain("已授予角色");
  const row = await prisma.roleGrant.findFirstOrThrow({
    where: { userId: worker.id, role: "center_staff", orgId: fushanCenter.id },
  });
  expect(row.grantedById).toBe(fushanAdmin.id);
  expect(await hasRoleFor(worker.id, "center_staff", fushanCenter.id)).toBe(true);

  const again = await postForm(
    server,
    `/admin/users/${worker.id}`,
    { intent: "grant", role: "center_staff", orgId: fushanCenter.id },
    { cookie },
  );
  expect(again.status).toBe(400);
  expect(await again.text()).toContain("该用户已在此组织拥有这个角色");

  const page = await (await getPage(server, `/admin/users/${worker.id}`, { cookie })).text();
  expect(page).toContain("活动中心工作人员");

  const revoke = await postForm(server, `/admin/users/${worker.id}`, { intent: "revoke", grantId: row.id }, { cookie });
  expect(revoke.status).toBe(200);
  expect(await revoke.text()).toContain("已撤销角色");
  expect(await prisma.roleGrant.count({ where: { userId: worker.id } })).toBe(0);
  const log = await prisma.auditLog.findMany({ where: { entityId: row.id }, orderBy: { id: "asc" } });
  expect(log.map((l) => [l.action, l.actorId])).toEqual([
    ["role.grant", fushanAdmin.id],
    ["role.revoke", fushanAdmin.id],
  ]);
  expect(JSON.parse(log[1].before!)).toEqual({ userId: worker.id, orgId: fushanCenter.id, role: "center_staff" });
  // Who and where are columns, and the user's role history is read from them.
  expect(log.map((l) => [l.subjectUserId, l.orgId])).toEqual([
    [worker.id, fushanCenter.id],
    [worker.id, fushanCenter.id],
  ]);
  const history = (await (await getPage(server, `/admin/users/${worker.id}`, { cookie })).text()).replaceAll(
    "<!-- -->",
    "",
  );
  expect(history).toContain(`授予 活动中心工作人员（${fushanCenter.name}）`);
  expect(history).toContain(`撤销 活动中心工作人员（${fushanCenter.name}）`);
});

test("an admin cannot revoke a grant outside their remit, nor their own admin role", async () => {
  const { fushanAdmin, cityAdmin, cityStaff } = tree;
  const cookie = await sessionCookieFor(fushanAdmin.id);
  const cityGrant = await prisma.roleGrant.findFirstOrThrow({ where: { userId: cityStaff.id } });
  // City staff are outside a county admin's remit: their page does not exist for them.
  expect(
    (await postForm(server, `/admin/users/${cityStaff.id}`, { intent: "revoke", grantId: cityGrant.id }, { cookie }))
      .status,
  ).toBe(404);
  const ownGrant = await prisma.roleGrant.findFirstOrThrow({ where: { userId: fushanAdmin.id, role: "admin" } });
  const own = await postForm(
    server,
    `/admin/users/${fushanAdmin.id}`,
    { intent: "revoke", grantId: ownGrant.id },
    { cookie },
  );
  expect(own.status).toBe(400);
  expect(await prisma.roleGrant.count({ where: { id: { in: [cityGrant.id, ownGrant.id] } } })).toBe(2);
  // The city admin can see the county's pages too.
  expect(
    (await getPage(server, `/admin/orgs/${tree.fushanJoint.id}`, { cookie: await sessionCookieFor(cityAdmin.id) }))
      .status,
  ).toBe(200);
});

test("users are found by name, phone or email, a page at a time", async () => {
  const { cityAdmin } = tree;
  const cookie = await sessionCookieFor(cityAdmin.id);
  const target = await createUser({ name: "查找目标王五", phone: "13912345678", email: "wangwu@find.test" });
  for (const q of ["王五", "12345678", "WANGWU@find"]) {
    const html = await (await getPage(server, `/admin/users?q=${encodeURIComponent(q)}`, { cookie })).text();
    expect(html, q).toContain(`/admin/users/${target.id}`);
  }
  const none = await (await getPage(server, `/admin/users?q=${encodeURIComponent("没有这个人")}`, { cookie })).text();
  expect(none).toContain("没有找到匹配的用户");
  for (let i = 0; i < 21; i++) await createUser({ name: `分页用户${i}` });
  const first = await (await getPage(server, `/admin/users?q=${encodeURIComponent("分页用户")}`, { cookie })).text();
  expect(first).toContain("第 1 / 2 页");
  const second = await (
    await getPage(server, `/admin/users?q=${encodeURIComponent("分页用户")}&page=2`, { cookie })
  ).text();
  expect((second.match(/\/admin\/users\/[a-z0-9]+"/g) ?? []).length).toBe(1);
});

test("moving an organisation rewrites the path and county of its whole subtree in one go", async () => {
  const city = await createOrg({ kind: "city", name: "移动测试市" });
  const east = await createOrg({ kind: "county", name: "东县", parentId: city.id });
  const west = await createOrg({ kind: "county", name: "西县", parentId: city.id });
  const joint = await createOrg({ kind: "union", unionType: "joint", name: "东县联合工会", parentId: east.id });
  const member = await createOrg({ kind: "union", unionType: "committee", name: "成员单位工会", parentId: joint.id });
  const center = await createOrg({ kind: "center", name: "联合工会活动室", parentId: member.id });
  const admin = await createUser();
  await grantRole(admin.id, "admin", city.id);
  const westStaff = await createUser();
  await grantRole(westStaff.id, "union_staff", west.id);
  expect(await hasRoleFor(westStaff.id, "union_staff", center.id)).toBe(false);

  const cookie = await sessionCookieFor(admin.id);
  const response = await postForm(server, `/admin/orgs/${joint.id}`, { intent: "move", parentId: west.id }, { cookie });
  expect(response.status).toBe(200);
  expect(await response.text()).toContain("组织已移动");

  const moved = await prisma.organisation.findMany({ where: { id: { in: [joint.id, member.id, center.id] } } });
  const byId = new Map(moved.map((o) => [o.id, o]));
  expect(byId.get(joint.id)).toMatchObject({ parentId: west.id, path: `${west.path}${joint.id}/`, countyId: west.id });
  expect(byId.get(member.id)).toMatchObject({ path: `${west.path}${joint.id}/${member.id}/`, countyId: west.id });
  expect(byId.get(center.id)).toMatchObject({
    path: `${west.path}${joint.id}/${member.id}/${center.id}/`,
    countyId: west.id,
  });
  // Permissions follow the tree at once.
  expect(await hasRoleFor(westStaff.id, "union_staff", center.id)).toBe(true);
  expect(await prisma.auditLog.count({ where: { action: "org.move", entityId: joint.id } })).toBe(1);
});

test("an organisation cannot move under itself or its own descendant, nor under a kind that cannot hold it", async () => {
  const city = await createOrg({ kind: "city", name: "环路测试市" });
  const county = await createOrg({ kind: "county", name: "环路县", parentId: city.id });
  const union = await createOrg({ kind: "union", unionType: "industry", name: "行业工会", parentId: county.id });
  const child = await createOrg({ kind: "union", unionType: "committee", name: "下级工会", parentId: union.id });
  const center = await createOrg({ kind: "center", name: "活动中心", parentId: county.id });
  const admin = await createUser();
  await grantRole(admin.id, "admin", city.id);

  await expect(moveOrg(admin.id, union.id, child.id)).rejects.toMatchObject({ key: "admin.orgs.error.intoOwnSubtree" });
  await expect(moveOrg(admin.id, union.id, union.id)).rejects.toMatchObject({ key: "admin.orgs.error.intoOwnSubtree" });
  await expect(moveOrg(admin.id, union.id, center.id)).rejects.toMatchObject({
    key: "admin.orgs.error.kindNotAllowed",
  });
  const cookie = await sessionCookieFor(admin.id);
  const viaPage = await postForm(server, `/admin/orgs/${union.id}`, { intent: "move", parentId: child.id }, { cookie });
  expect(viaPage.status).toBe(400);
  expect(await viaPage.text()).toContain("不能把组织移到它自己或它的下级组织之下");
  const after = await prisma.organisation.findUniqueOrThrow({ where: { id: union.id } });
  expect(after).toMatchObject({ parentId: county.id, path: union.path });
});

test("an admin creates a child organisation with its own path and county, and edits it; bad input gets field errors", async () => {
  const { fushanAdmin, fushan } = tree;
  const cookie = await sessionCookieFor(fushanAdmin.id);
  const missingType = await postForm(
    server,
    `/admin/orgs/${fushan.id}`,
    { intent: "create", kind: "union", name: "新工会" },
    { cookie },
  );
  expect(missingType.status).toBe(400);
  expect(await missingType.text()).toContain("请选择工会类型");
  const created = await postForm(
    server,
    `/admin/orgs/${fushan.id}`,
    {
      intent: "create",
      kind: "union",
      unionType: "industry",
      name: "浮山县餐饮行业工会",
      code: "FS-FOOD",
      foundedAt: "2024-05-01",
    },
    { cookie },
  );
  expect(created.status).toBe(200);
  const org = await prisma.organisation.findFirstOrThrow({ where: { name: "浮山县餐饮行业工会" } });
  expect(org).toMatchObject({
    kind: "union",
    unionType: "industry",
    parentId: fushan.id,
    countyId: fushan.id,
    path: `${fushan.path}${org.id}/`,
    code: "FS-FOOD",
  });

  const cityOnly = await postForm(
    server,
    `/admin/orgs/${fushan.id}`,
    { intent: "create", kind: "county", name: "县中县" },
    { cookie },
  );
  expect(cityOnly.status).toBe(400);
  const dupCode = await postForm(
    server,
    `/admin/orgs/${fushan.id}`,
    { intent: "update", name: fushan.name, code: "FS-FOOD" },
    { cookie },
  );
  expect(dupCode.status).toBe(400);
  expect(await dupCode.text()).toContain("该代码已被其他组织使用");

  const edit = await postForm(
    server,
    `/admin/orgs/${org.id}`,
    {
      intent: "update",
      name: "浮山县餐饮服务业工会",
      nameEn: "Fushan Catering Union",
      unionType: "industry",
      address: "府前街 1 号",
    },
    { cookie },
  );
  expect(edit.status).toBe(200);
  expect(await prisma.organisation.findUniqueOrThrow({ where: { id: org.id } })).toMatchObject({
    name: "浮山县餐饮服务业工会",
    nameEn: "Fushan Catering Union",
    code: null,
    address: "府前街 1 号",
  });
  const tree_ = await (await getPage(server, "/admin/orgs", { cookie })).text();
  expect(tree_).toContain("浮山县餐饮服务业工会");
  expect(tree_).not.toContain("煤电集团工会");
});

test("the roles an admin can grant are exactly the roles the permission module knows", async () => {
  const { GRANTABLE_ROLES } = await import("~/domain/admin/constants");
  const { ROLES } = await import("~/utils/permissions.server");
  expect([...GRANTABLE_ROLES]).toEqual([...ROLES]);
});
