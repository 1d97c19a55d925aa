// The Linfen demo: the city federation, its 17 counties/districts and 2 development zones,
// grassroots unions of every type, the Fushan worker cultural activity center, enterprises,
// and one demo account per role.
import { prisma } from "~/utils/db.server";
import { ASSESSMENT_PHONES } from "./assessment.server";
import { createEnterprise, createOrg, createUser, DEFAULT_PASSWORD, grantRole } from "./factories.server";

// [name, English name, administrative division code]
const COUNTIES: [string, string, string][] = [
  ["尧都区", "Yaodu District", "141002"],
  ["曲沃县", "Quwo County", "141021"],
  ["翼城县", "Yicheng County", "141022"],
  ["襄汾县", "Xiangfen County", "141023"],
  ["洪洞县", "Hongtong County", "141024"],
  ["古县", "Gu County", "141025"],
  ["安泽县", "Anze County", "141026"],
  ["浮山县", "Fushan County", "141027"],
  ["吉县", "Ji County", "141028"],
  ["乡宁县", "Xiangning County", "141029"],
  ["大宁县", "Daning County", "141030"],
  ["隰县", "Xi County", "141031"],
  ["永和县", "Yonghe County", "141032"],
  ["蒲县", "Pu County", "141033"],
  ["汾西县", "Fenxi County", "141034"],
  ["侯马市", "Houma City", "141081"],
  ["霍州市", "Huozhou City", "141082"],
];
const ZONES: [string, string, string][] = [
  ["临汾经济开发区", "Linfen Economic Development Zone", "LFEDZ"],
  ["侯马经济开发区", "Houma Economic Development Zone", "HMEDZ"],
];

export const DEMO_PHONES = {
  worker: "13800000001",
  member: "13800000002",
  centerStaff: "13800000010",
  organiser: "13800000020",
  judge1: "13800000031",
  judge2: "13800000032",
  judge3: "13800000033",
  countyStaff: "13800000040",
  cityStaff: "13800000041",
  admin: "13800000099",
} as const;

export async function seedFoundation() {
  const city = await createOrg({
    kind: "city",
    name: "临汾市总工会",
    nameEn: "Linfen Federation of Trade Unions",
    code: "141000",
  });
  const counties: Record<string, string> = {};
  for (const [name, nameEn, code] of COUNTIES) {
    const org = await createOrg({
      kind: "county",
      name: `${name}总工会`,
      nameEn: `${nameEn} Federation of Trade Unions`,
      code,
      parentId: city.id,
    });
    counties[name] = org.id;
  }
  for (const [name, nameEn, code] of ZONES) {
    const org = await createOrg({
      kind: "zone",
      name: `${name}工会`,
      nameEn: `${nameEn} Trade Union`,
      code,
      parentId: city.id,
    });
    counties[name] = org.id;
  }
  const fushan = counties["浮山县"];
  const yaodu = counties["尧都区"];
  const houma = counties["侯马市"];

  const coalUnion = await createOrg({
    kind: "union",
    unionType: "committee",
    name: "临汾晋能煤电集团有限公司工会委员会",
    parentId: yaodu,
    foundedAt: new Date("2003-05-01T12:00:00Z"),
  });
  const fushanJoint = await createOrg({
    kind: "union",
    unionType: "joint",
    name: "浮山县天坛镇联合工会",
    nameEn: "Tiantan Town Joint Trade Union, Fushan", // the English join form shows it (issue #12)
    parentId: fushan,
    foundedAt: new Date("2015-03-12T12:00:00Z"),
  });
  const fushanIndustry = await createOrg({
    kind: "union",
    unionType: "industry",
    name: "浮山县建筑业行业工会",
    parentId: fushan,
    foundedAt: new Date("2018-07-01T12:00:00Z"),
  });
  const yaoduLogistics = await createOrg({
    kind: "union",
    unionType: "industry",
    name: "尧都区快递物流行业工会",
    parentId: yaodu,
    foundedAt: new Date("2020-09-15T12:00:00Z"),
  });
  const houmaSteel = await createOrg({
    kind: "union",
    unionType: "committee",
    name: "侯马钢铁有限公司工会委员会",
    parentId: houma,
    foundedAt: new Date("1998-04-20T12:00:00Z"),
  });
  const fushanCenter = await createOrg({
    kind: "center",
    name: "浮山县职工文化活动中心",
    nameEn: "Fushan County Worker Cultural Activity Center",
    parentId: fushan,
    address: "浮山县天坛镇府前街 18 号",
  });
  const yaoduCenter = await createOrg({
    kind: "center",
    name: "尧都区职工文化活动中心",
    nameEn: "Yaodu District Worker Cultural Activity Center",
    parentId: yaodu,
    address: "临汾市尧都区鼓楼南大街 66 号",
  });

  const coal = await createEnterprise({
    name: "临汾晋能煤电集团有限公司",
    countyId: yaodu,
    industry: "energy",
    size: "large",
    unionId: coalUnion.id,
    workerCount: 8600,
    creditBody: "91141000MA0K00001",
  });
  const construction = await createEnterprise({
    name: "浮山县宏达建筑工程有限公司",
    countyId: fushan,
    industry: "construction",
    size: "medium",
    unionId: fushanIndustry.id,
    workerCount: 320,
    creditBody: "91141027MA0K00002",
  });
  const farm = await createEnterprise({
    name: "浮山县绿源农产品专业合作社",
    countyId: fushan,
    industry: "agriculture",
    size: "small",
    unionId: null,
    workerCount: 45,
    creditBody: "93141027MA0K00003",
  });
  const express = await createEnterprise({
    name: "临汾顺达快递服务有限公司",
    countyId: yaodu,
    industry: "logistics",
    size: "small",
    unionId: yaoduLogistics.id,
    workerCount: 180,
    creditBody: "91141002MA0K00004",
  });
  const steel = await createEnterprise({
    name: "侯马钢铁有限公司",
    countyId: houma,
    industry: "manufacturing",
    size: "large",
    unionId: houmaSteel.id,
    workerCount: 5200,
    creditBody: "91141081MA0K00005",
  });
  const restaurant = await createEnterprise({
    name: "浮山县乡味餐饮店",
    countyId: fushan,
    industry: "services",
    size: "micro",
    unionId: null,
    workerCount: 12,
    creditBody: "92141027MA0K00006",
  });

  const u = async (key: keyof typeof DEMO_PHONES, name: string, extra: Parameters<typeof createUser>[0] = {}) =>
    createUser({ name, phone: DEMO_PHONES[key], email: `${key.toLowerCase()}@xingguang.demo`, ...extra });
  const worker = await u("worker", "张伟", {
    countyId: fushan,
    employerId: construction.id,
    isMigrant: true,
    gender: "male",
    birthDate: new Date("1988-03-14T12:00:00Z"),
  });
  const member = await u("member", "李娜", {
    countyId: yaodu,
    employerId: coal.id,
    gender: "female",
    birthDate: new Date("1990-08-02T12:00:00Z"),
  });
  const centerStaff = await u("centerStaff", "王芳", { countyId: fushan });
  const organiser = await u("organiser", "赵强", { countyId: yaodu, employerId: coal.id });
  const judge1 = await u("judge1", "刘建国", { countyId: houma, employerId: steel.id });
  const judge2 = await u("judge2", "陈晓梅", { countyId: yaodu, employerId: express.id });
  const judge3 = await u("judge3", "杨立新", { countyId: fushan, employerId: construction.id });
  const countyStaff = await u("countyStaff", "孙丽", { countyId: fushan });
  const cityStaff = await u("cityStaff", "周明", { countyId: yaodu });
  const admin = await u("admin", "系统管理员", { countyId: yaodu });

  await grantRole(centerStaff.id, "center_staff", fushanCenter.id);
  await grantRole(organiser.id, "contest_organiser", coalUnion.id);
  await grantRole(organiser.id, "contest_organiser", city.id);
  for (const judge of [judge1, judge2, judge3]) await grantRole(judge.id, "judge", city.id);
  await grantRole(countyStaff.id, "union_staff", fushan);
  await grantRole(cityStaff.id, "union_staff", city.id);
  await grantRole(admin.id, "admin", city.id);

  await prisma.membership.create({
    data: {
      userId: member.id,
      unionId: coalUnion.id,
      number: "LF2019000123",
      since: new Date("2019-06-01"),
      verifyToken: "demo-member-card-token-0001",
    },
  });

  return {
    city,
    counties,
    fushan,
    yaodu,
    houma,
    unions: { coalUnion, fushanJoint, fushanIndustry, yaoduLogistics, houmaSteel },
    centers: { fushanCenter, yaoduCenter },
    enterprises: { coal, construction, farm, express, steel, restaurant },
    users: { worker, member, centerStaff, organiser, judge1, judge2, judge3, countyStaff, cityStaff, admin },
  };
}

export type FoundationSeed = Awaited<ReturnType<typeof seedFoundation>>;

export const DEMO_ACCOUNTS = [
  ["worker (农民工, not a member)", DEMO_PHONES.worker],
  ["union member", DEMO_PHONES.member],
  ["center staff — 浮山县职工文化活动中心", DEMO_PHONES.centerStaff],
  ["contest organiser — 晋能煤电集团工会 / city", DEMO_PHONES.organiser],
  ["judge", DEMO_PHONES.judge1],
  ["judge", DEMO_PHONES.judge2],
  ["judge", DEMO_PHONES.judge3],
  ["union staff — 浮山县总工会 (county)", DEMO_PHONES.countyStaff],
  ["union staff — 临汾市总工会 (city)", DEMO_PHONES.cityStaff],
  ["union staff — 浮山县天坛镇联合工会 (self-assessment)", ASSESSMENT_PHONES.unionStaff],
  ["inspection group leader — 第一包联督查组", ASSESSMENT_PHONES.inspector],
  ["admin", DEMO_PHONES.admin],
] as const;

export { DEFAULT_PASSWORD };
