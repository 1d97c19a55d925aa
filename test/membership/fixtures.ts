// A small city for the membership tests: two counties, each with a joint union; county A also has
// an enterprise with its own union committee and an activity center. Staff for each level.
import { createEnterprise, createOrg, createUser, grantRole } from "~/seed/factories.server";
import { prisma } from "~/utils/db.server";

let n = 0;
export async function makeCity() {
  const tag = `${Date.now().toString(36)}${n++}`;
  const city = await createOrg({ kind: "city", name: `测试市总工会${tag}` });
  const countyA = await createOrg({ kind: "county", name: `甲县总工会${tag}`, parentId: city.id });
  const countyB = await createOrg({ kind: "county", name: `乙县总工会${tag}`, parentId: city.id });
  const jointA = await createOrg({
    kind: "union",
    unionType: "joint",
    name: `甲县联合工会${tag}`,
    parentId: countyA.id,
  });
  const factoryUnion = await createOrg({
    kind: "union",
    unionType: "committee",
    name: `甲县机械厂工会${tag}`,
    parentId: countyA.id,
  });
  const jointB = await createOrg({
    kind: "union",
    unionType: "joint",
    name: `乙县联合工会${tag}`,
    parentId: countyB.id,
  });
  const centerA = await createOrg({ kind: "center", name: `甲县职工文化活动中心${tag}`, parentId: countyA.id });
  const factory = await createEnterprise({
    name: `甲县机械厂${tag}`,
    countyId: countyA.id,
    unionId: factoryUnion.id,
    workerCount: 400,
  });
  const shop = await createEnterprise({
    name: `甲县小超市${tag}`,
    countyId: countyA.id,
    industry: "retail",
    size: "micro",
    workerCount: 10,
  });
  const staffA = await createUser({ name: "甲县干部" });
  const staffB = await createUser({ name: "乙县干部" });
  const cityStaff = await createUser({ name: "市总干部" });
  await grantRole(staffA.id, "union_staff", countyA.id);
  await grantRole(staffB.id, "union_staff", countyB.id);
  await grantRole(cityStaff.id, "union_staff", city.id);
  return { city, countyA, countyB, jointA, factoryUnion, jointB, centerA, factory, shop, staffA, staffB, cityStaff };
}

export type City = Awaited<ReturnType<typeof makeCity>>;

export function applicationInput(userId: string, extra: Record<string, unknown> = {}) {
  return {
    userId,
    name: "申请人",
    gender: "male",
    birthDate: new Date("1990-05-01T00:00:00+08:00"),
    phone: "13912345678",
    employmentType: "full_time",
    isMigrant: false,
    ...extra,
  };
}

export async function makeActivity(centerId: string, countyId: string, category = "sports_culture") {
  const start = new Date(Date.now() - 3 * 86_400_000);
  return prisma.activity.create({
    data: {
      centerId,
      countyId,
      title: `职工羽毛球赛${n++}`,
      description: "测试活动",
      category,
      address: "活动中心",
      startsAt: start,
      endsAt: new Date(start.getTime() + 7_200_000),
      signupOpensAt: new Date(start.getTime() - 10 * 86_400_000),
      signupClosesAt: start,
      capacity: 50,
      status: "published",
    },
  });
}
