// Demo data for the assessment: the 2026 round on the default "six haves" scheme, unions at every
// stage (draft, submitted, returned, reviewed, confirmed), two inspection groups with visits, member
// evaluations (enough for a summary at the coal-power group's union and the confirmed unions, too
// few at the Tianta joint union) and excellent unions (confirmed and one awaiting the city).
import { confirmSubmission } from "~/domain/assessment/submissions.server";
import { computeFigures } from "~/domain/assessment/figures.server";
import { decideNomination, nominate } from "~/domain/assessment/excellent.server";
import { autoPoints, evaluate, parseThresholds } from "~/domain/assessment/grading";
import { createGroup, recordVisit } from "~/domain/assessment/inspection.server";
import { notify } from "~/domain/notifications/notify.server";
import { createDefaultScheme, createRound, openRound } from "~/domain/assessment/schemes.server";
import { audit } from "~/utils/audit.server";
import { prisma } from "~/utils/db.server";
import { parseCalendarDate, toLocalDateKey } from "~/utils/time";
import { createOrg, createUser, grantRole } from "./factories.server";
import type { FoundationSeed } from "./foundation.server";

export const ASSESSMENT_PHONES = { unionStaff: "13800000042", inspector: "13800000043" } as const;

const DAY = 86_400_000;

export async function seedAssessment(base: FoundationSeed) {
  const { unions, users } = base;
  const city = users.cityStaff.id;
  const county = users.countyStaff.id;
  const byName = (name: string) => prisma.organisation.findFirstOrThrow({ where: { name }, select: { id: true } });
  const houmaJoint = await byName("侯马市新田街道联合工会");
  const hospital = await createOrg({
    kind: "union",
    unionType: "committee",
    name: "浮山县人民医院工会委员会",
    parentId: base.fushan,
    foundedAt: new Date("2006-09-01T12:00:00Z"),
  });
  const school = await createOrg({
    kind: "union",
    unionType: "committee",
    name: "浮山中学工会委员会",
    parentId: base.fushan,
    foundedAt: new Date("2001-03-01T12:00:00Z"),
  });

  const unionStaff = await createUser({
    name: "刘晓燕",
    phone: ASSESSMENT_PHONES.unionStaff,
    email: "unionstaff@xingguang.demo",
    countyId: base.fushan,
  });
  await grantRole(unionStaff.id, "union_staff", unions.fushanJoint.id);
  const inspector = await createUser({
    name: "高建华",
    phone: ASSESSMENT_PHONES.inspector,
    email: "inspector@xingguang.demo",
    countyId: base.yaodu,
  });

  // Members who answer the questionnaire: six at the coal-power group's union, three at Tianta.
  let n = 0;
  const member = async (unionId: string) => {
    const i = ++n;
    const u = await createUser({ name: `评价会员${i}`, phone: `13600000${String(i).padStart(3, "0")}`, email: null });
    await prisma.membership.create({
      data: {
        userId: u.id,
        unionId,
        number: `LF2026E${String(i).padStart(5, "0")}`,
        since: new Date("2024-05-01"),
        verifyToken: `demo-eval-${i}`,
      },
    });
    return u;
  };
  const answerers = [
    ...(await Promise.all(
      [5, 5, 4, 4, 5, 3].map(async (r) => ({ r, u: await member(unions.coalUnion.id), unionId: unions.coalUnion.id })),
    )),
    ...(await Promise.all(
      [5, 4, 2].map(async (r) => ({ r, u: await member(unions.fushanJoint.id), unionId: unions.fushanJoint.id })),
    )),
    ...(await Promise.all(
      [5, 5, 5, 4, 4].map(async (r) => ({ r, u: await member(unions.houmaSteel.id), unionId: unions.houmaSteel.id })),
    )),
    ...(await Promise.all(
      [5, 5, 4, 4, 5, 4].map(async (r) => ({ r, u: await member(hospital.id), unionId: hospital.id })),
    )),
    ...(await Promise.all([5, 4, 4, 5, 3].map(async (r) => ({ r, u: await member(school.id), unionId: school.id })))),
  ];

  const scheme = await createDefaultScheme(2026);
  const deadline = new Date(Math.max(Date.parse("2026-12-31T23:59:00+08:00"), Date.now() + 30 * DAY));
  const round = await createRound(
    { year: 2026, name: "2026 年度基层工会规范化考评", deadline, schemeIds: [scheme.id] },
    city,
  );
  await openRound(round.id, city);

  const comments = [
    "活动丰富，希望多办技能培训",
    "",
    "食堂和宿舍条件有待改善",
    "",
    "法律援助很及时",
    "会务公开可以再及时一些",
  ];
  for (const [i, { r, u, unionId }] of answerers.entries()) {
    const ratings = [r, r, Math.max(1, r - (i % 2)), r];
    const org = await prisma.organisation.findUniqueOrThrow({ where: { id: unionId }, select: { countyId: true } });
    await prisma.$transaction([
      prisma.evaluationReceipt.create({ data: { roundId: round.id, userId: u.id } }),
      prisma.memberEvaluation.create({
        data: {
          roundId: round.id,
          unionId,
          countyId: org.countyId,
          ratings: JSON.stringify(ratings),
          average: ratings.reduce((a, b) => a + b, 0) / 4,
          comment: comments[i] ?? "",
        },
      }),
    ]);
  }

  const items = await prisma.assessmentItem.findMany({ where: { schemeId: scheme.id }, orderBy: { position: "asc" } });
  const thresholds = parseThresholds(scheme);
  // Own scores for the manual items, in item order (auto items are filled from the portal's data).
  const submission = async (unionId: string, status: string, manual: number[], extra: { reviewNote?: string } = {}) => {
    const org = await prisma.organisation.findUniqueOrThrow({ where: { id: unionId }, select: { countyId: true } });
    const figures = await computeFigures(unionId, round.id, 2026);
    let k = 0;
    const rows = items.map((item) => {
      if (item.autoSource) {
        const figure = figures[item.autoSource as keyof typeof figures];
        return { itemId: item.id, figure, selfScore: autoPoints(item, figure) };
      }
      return {
        itemId: item.id,
        figure: null,
        selfScore: manual[k++] ?? null,
        note: k === 1 ? "换届选举批复文件已上传" : "",
      };
    });
    const totals = evaluate(items, new Map(rows.map((r) => [r.itemId, r.selfScore])), thresholds);
    const submitted = status !== "draft";
    const sub = await prisma.assessmentSubmission.create({
      data: {
        roundId: round.id,
        unionId,
        countyId: org.countyId,
        schemeId: scheme.id,
        status: status === "confirmed" ? "reviewed" : status,
        rigidTotal: totals.rigidTotal,
        flexibleTotal: totals.flexibleTotal,
        submittedAt: submitted ? new Date(Date.now() - 10 * DAY) : null,
        reviewedAt: status === "reviewed" || status === "confirmed" ? new Date(Date.now() - 5 * DAY) : null,
        reviewNote: extra.reviewNote ?? null,
        scores: { create: rows },
      },
    });
    await audit(prisma, {
      actorId: null,
      action: submitted ? "assessment.submit" : "assessment.save",
      entity: "AssessmentSubmission",
      entityId: sub.id,
      after: { status },
    });
    if (status === "confirmed") await confirmSubmission(sub.id, city);
    return sub;
  };
  // Six haves, manual items in order: chair (pass/fail 15), organisation, venues, rules (15 each),
  // funds (pass/fail 15); then the flexible "distinctive work" (10).
  await submission(unions.fushanJoint.id, "draft", [15, 12]);
  await submission(unions.fushanIndustry.id, "submitted", [15, 13, 12, 14, 15, 6]);
  await submission(houmaJoint.id, "returned", [15, 10, 8, 9, 0, 3], {
    reviewNote: "请补充工会经费独立核算的银行开户证明。",
  });
  const coal = await submission(unions.coalUnion.id, "reviewed", [15, 15, 14, 15, 15, 9]);
  const steel = await submission(unions.houmaSteel.id, "confirmed", [15, 15, 15, 15, 15, 10]);
  const logistics = await submission(unions.yaoduLogistics.id, "confirmed", [15, 9, 8, 10, 0, 4]);
  const hosp = await submission(hospital.id, "confirmed", [15, 15, 15, 14, 15, 8]);
  await submission(school.id, "confirmed", [15, 14, 15, 15, 15, 7]);
  // The county adjusted one score while reviewing the coal-power group's union.
  const venues = items.find((i) => i.name.startsWith("有服务职工的活动载体"))!;
  await prisma.assessmentScore.update({
    where: { submissionId_itemId: { submissionId: coal.id, itemId: venues.id } },
    data: { reviewScore: 13, reviewReason: "职工书屋面积不足" },
  });

  const group1 = await createGroup(
    {
      roundId: round.id,
      name: "第一包联督查组",
      leaderId: inspector.id,
      memberIds: [county],
      targetOrgIds: [base.fushan, base.yaodu],
    },
    city,
  );
  const group2 = await createGroup(
    {
      roundId: round.id,
      name: "第二包联督查组",
      leaderId: city,
      memberIds: [inspector.id],
      targetOrgIds: [base.houma, base.counties["洪洞县"], base.counties["临汾经济开发区"]],
    },
    city,
  );
  await recordVisit(
    {
      groupId: group1.id,
      submissionId: coal.id,
      visitedOn: parseCalendarDate(toLocalDateKey(new Date(Date.now() - 3 * DAY)))!,
      findings: "职工书屋、活动室运行正常；女职工委员会台账齐全。",
      photoIds: [],
    },
    inspector.id,
  );
  await recordVisit(
    {
      groupId: group1.id,
      submissionId: hosp.id,
      visitedOn: parseCalendarDate(toLocalDateKey(new Date(Date.now() - 6 * DAY)))!,
      findings: "经审会按季度审查经费，记录完整。",
      photoIds: [],
    },
    inspector.id,
  );
  await recordVisit(
    {
      groupId: group1.id,
      submissionId: logistics.id,
      visitedOn: parseCalendarDate(toLocalDateKey(new Date(Date.now() - 7 * DAY)))!,
      findings: "未单独设立经费账户，已要求整改。",
      photoIds: [],
    },
    inspector.id,
  );
  await recordVisit(
    {
      groupId: group2.id,
      submissionId: steel.id,
      visitedOn: parseCalendarDate(toLocalDateKey(new Date(Date.now() - 8 * DAY)))!,
      findings: "职工之家建设标准高，劳动竞赛常态化。",
      photoIds: [],
    },
    city,
  );
  await prisma.$transaction((tx) =>
    notify(tx, inspector.id, {
      kind: "assessment.notify.evaluate",
      params: { round: round.name },
      link: "/assessment",
    }),
  );

  // Excellent unions: the county nominated two, the city confirmed one; Houma's was confirmed too.
  await nominate(round.id, hospital.id, "医院工会“六有”建设全面达标，职工满意度高。", county);
  await nominate(round.id, school.id, "教职工之家建设扎实，师德师风活动有特色。", county);
  await nominate(round.id, unions.houmaSteel.id, "劳动竞赛和职工创新工作室成效显著。", city);
  for (const unionId of [hospital.id, unions.houmaSteel.id]) {
    const row = await prisma.excellentUnion.findFirstOrThrow({ where: { roundId: round.id, unionId } });
    await decideNomination(row.id, true, city);
  }
  return { round, scheme };
}
