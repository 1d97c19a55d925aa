// A small city with an open assessment round: counties A and B (from the membership fixture),
// union staff for county A's joint union and for county B's, a compact scheme for every kind of
// union (one rigid pass/fail item with evidence, one rigid points item, one auto flexible item,
// one manual flexible item), and the round open until `deadline`.
import { createRound, createScheme, openRound } from "~/domain/assessment/schemes.server";
import { createUser, grantRole } from "~/seed/factories.server";
import { makeCity } from "../membership/fixtures";

export const PNG = Buffer.from(
  "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6360000002000001e221bc330000000049454e44ae426082",
  "hex",
);

export async function makeAssessment(options: { deadline?: Date } = {}) {
  const c = await makeCity();
  const unionStaffA = await createUser({ name: "甲县联合工会干部" });
  const unionStaffB = await createUser({ name: "乙县联合工会干部" });
  await grantRole(unionStaffA.id, "union_staff", c.jointA.id);
  await grantRole(unionStaffB.id, "union_staff", c.jointB.id);
  const scheme = await createScheme({
    key: `test-${c.city.id}`,
    year: 2026,
    name: "测试方案",
    items: [
      { kind: "rigid", scoring: "pass_fail", name: "有依法选举的工会主席", maxPoints: 40, requiresEvidence: true },
      { kind: "rigid", scoring: "points", name: "有健全完善的制度机制", maxPoints: 60 },
      {
        kind: "flexible",
        scoring: "points",
        name: "通过平台开展的活动",
        maxPoints: 20,
        autoSource: "activities",
        autoPer: 5,
      },
      { kind: "flexible", scoring: "points", name: "特色工作", maxPoints: 40 },
    ],
  });
  const items = await import("~/utils/db.server").then(({ prisma }) =>
    prisma.assessmentItem.findMany({ where: { schemeId: scheme.id }, orderBy: { position: "asc" } }),
  );
  const round = await createRound(
    {
      year: 2026,
      name: "2026 年度考评",
      deadline: options.deadline ?? new Date(Date.now() + 30 * 86_400_000),
      schemeIds: [scheme.id],
    },
    c.cityStaff.id,
  );
  await openRound(round.id, c.cityStaff.id);
  const [chair, rules, activities, extra] = items;
  return { ...c, unionStaffA, unionStaffB, scheme, round, items: { chair, rules, activities, extra } };
}
export type Assessment = Awaited<ReturnType<typeof makeAssessment>>;
