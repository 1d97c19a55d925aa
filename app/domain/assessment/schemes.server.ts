// Schemes (versioned, locked once a round that uses them opens) and rounds.
import { notify } from "~/domain/notifications/notify.server";
import { audit } from "~/utils/audit.server";
import { isUniqueViolation, prisma } from "~/utils/db.server";
import { RuleError } from "~/utils/rule-error";
import { UNION_KINDS, type AutoSource } from "./constants";
import type { GradeThresholds, LevelThresholds } from "./grading";

export type ItemInput = {
  kind: "rigid" | "flexible";
  scoring: "pass_fail" | "points";
  name: string;
  nameEn?: string;
  maxPoints: number;
  requiresEvidence?: boolean;
  autoSource?: AutoSource;
  autoPer?: number;
};

// The default scheme: the provincial "six haves" (六有) as rigid items (100 points: the grade),
// and work done through the portal as flexible items (the level).
export const SIX_HAVES: ItemInput[] = [
  {
    kind: "rigid",
    scoring: "pass_fail",
    name: "有依法选举的工会主席",
    nameEn: "A legally elected chair",
    maxPoints: 15,
    requiresEvidence: true,
  },
  {
    kind: "rigid",
    scoring: "points",
    name: "有独立健全的组织机构（委员会、经审会、女职工委员会）",
    nameEn: "A sound organisation (committee, funds review, women workers)",
    maxPoints: 15,
    requiresEvidence: true,
  },
  {
    kind: "rigid",
    scoring: "points",
    name: "有服务职工的活动载体",
    nameEn: "Venues and programmes that serve workers",
    maxPoints: 15,
    requiresEvidence: true,
  },
  {
    kind: "rigid",
    scoring: "points",
    name: "有健全完善的制度机制",
    nameEn: "Sound rules and mechanisms",
    maxPoints: 15,
    requiresEvidence: true,
  },
  {
    kind: "rigid",
    scoring: "pass_fail",
    name: "有自主管理的工会经费",
    nameEn: "Self-managed union funds",
    maxPoints: 15,
    requiresEvidence: true,
  },
  {
    kind: "rigid",
    scoring: "points",
    name: "有会员满意的工作绩效（会员满意率）",
    nameEn: "Work that satisfies members (satisfaction rate)",
    maxPoints: 25,
    autoSource: "satisfaction",
    autoPer: 0.25,
  },
  {
    kind: "flexible",
    scoring: "points",
    name: "会员规模",
    nameEn: "Members",
    maxPoints: 5,
    autoSource: "members",
    autoPer: 0.05,
  },
  {
    kind: "flexible",
    scoring: "points",
    name: "年度发展新会员",
    nameEn: "New members this year",
    maxPoints: 10,
    autoSource: "new_members",
    autoPer: 1,
  },
  {
    kind: "flexible",
    scoring: "points",
    name: "通过平台开展的活动",
    nameEn: "Activities held through the portal",
    maxPoints: 10,
    autoSource: "activities",
    autoPer: 2,
  },
  {
    kind: "flexible",
    scoring: "points",
    name: "活动参与人次",
    nameEn: "Activity attendance",
    maxPoints: 10,
    autoSource: "attendance",
    autoPer: 0.2,
  },
  {
    kind: "flexible",
    scoring: "points",
    name: "五小竞赛参赛作品",
    nameEn: "Contest entries",
    maxPoints: 10,
    autoSource: "entries",
    autoPer: 1,
  },
  {
    kind: "flexible",
    scoring: "points",
    name: "金点子被采纳",
    nameEn: "Golden ideas adopted",
    maxPoints: 15,
    autoSource: "adopted_ideas",
    autoPer: 3,
  },
  {
    kind: "flexible",
    scoring: "points",
    name: "入会申请 15 个工作日内办结率",
    nameEn: "Applications handled within 15 working days",
    maxPoints: 5,
    autoSource: "applications_on_time",
    autoPer: 0.05,
  },
  {
    kind: "flexible",
    scoring: "points",
    name: "特色工作与创新",
    nameEn: "Distinctive work and innovation",
    maxPoints: 10,
  },
];
export const DEFAULT_GRADE: GradeThresholds = { pass: 85, basic: 70 };
export const DEFAULT_LEVEL: LevelThresholds = { model: 50, one: 35, two: 20, three: 10 };

export async function createScheme(input: {
  key: string;
  year: number;
  version?: number;
  unionKinds?: readonly string[];
  name: string;
  nameEn?: string;
  grade?: GradeThresholds;
  level?: LevelThresholds;
  items?: ItemInput[];
}) {
  return prisma.assessmentScheme.create({
    data: {
      key: input.key,
      year: input.year,
      version: input.version ?? 1,
      unionKinds: (input.unionKinds ?? UNION_KINDS).join(","),
      name: input.name,
      nameEn: input.nameEn ?? null,
      gradeThresholds: JSON.stringify(input.grade ?? DEFAULT_GRADE),
      levelThresholds: JSON.stringify(input.level ?? DEFAULT_LEVEL),
      items: {
        create: (input.items ?? SIX_HAVES).map((item, position) => ({
          position,
          kind: item.kind,
          scoring: item.scoring,
          name: item.name,
          nameEn: item.nameEn ?? null,
          maxPoints: item.maxPoints,
          requiresEvidence: item.requiresEvidence ?? false,
          autoSource: item.autoSource ?? null,
          autoPer: item.autoPer ?? null,
        })),
      },
    },
  });
}

export function createDefaultScheme(year: number) {
  return createScheme({
    key: "six-haves",
    year,
    name: `${year} 年度基层工会“六有”规范化考评方案`,
    nameEn: `${year} "six haves" assessment scheme`,
  });
}

/**
 * Changes an item of an unlocked scheme. One conditional UPDATE: if a round locked the scheme a
 * moment ago, nothing changes and the caller hears so.
 */
export async function updateItem(
  itemId: string,
  data: { name: string; maxPoints: number; requiresEvidence: boolean },
  actorId: string,
) {
  const before = await prisma.assessmentItem.findUnique({ where: { id: itemId } });
  if (!before) throw new RuleError("assessment.error.notFound", null, 404);
  const { count } = await prisma.assessmentItem.updateMany({
    where: { id: itemId, scheme: { is: { lockedAt: null } } },
    data,
  });
  if (count === 0) throw new RuleError("assessment.error.schemeLocked", null, 409);
  await audit(prisma, {
    actorId,
    action: "assessment.item.update",
    entity: "AssessmentItem",
    entityId: itemId,
    before,
    after: data,
  });
}

/** A new, unlocked version of a scheme with the same items (the way to change a locked one). */
export async function newVersion(schemeId: string, actorId: string) {
  const scheme = await prisma.assessmentScheme.findUnique({
    where: { id: schemeId },
    include: { items: { orderBy: { position: "asc" } } },
  });
  if (!scheme) throw new RuleError("assessment.error.notFound", null, 404);
  const latest = await prisma.assessmentScheme.aggregate({
    where: { key: scheme.key, year: scheme.year },
    _max: { version: true },
  });
  try {
    const copy = await createScheme({
      key: scheme.key,
      year: scheme.year,
      version: (latest._max.version ?? 0) + 1,
      unionKinds: scheme.unionKinds.split(","),
      name: scheme.name,
      nameEn: scheme.nameEn ?? undefined,
      grade: JSON.parse(scheme.gradeThresholds),
      level: JSON.parse(scheme.levelThresholds),
      items: scheme.items.map(
        (i) =>
          ({
            ...i,
            nameEn: i.nameEn ?? undefined,
            autoSource: (i.autoSource ?? undefined) as AutoSource | undefined,
            autoPer: i.autoPer ?? undefined,
          }) as ItemInput,
      ),
    });
    await audit(prisma, {
      actorId,
      action: "assessment.scheme.version",
      entity: "AssessmentScheme",
      entityId: copy.id,
      before: { from: schemeId },
    });
    return copy;
  } catch (error) {
    if (isUniqueViolation(error)) throw new RuleError("assessment.error.versionTaken", null, 409);
    throw error;
  }
}

export async function createRound(
  input: { year: number; name: string; deadline: Date; schemeIds: string[] },
  actorId: string,
) {
  const schemes = await prisma.assessmentScheme.count({ where: { id: { in: input.schemeIds }, year: input.year } });
  if (schemes === 0 || schemes !== input.schemeIds.length) throw new RuleError("assessment.error.schemeYear");
  const round = await prisma.assessmentRound.create({
    data: {
      year: input.year,
      name: input.name,
      deadline: input.deadline,
      schemes: { create: input.schemeIds.map((schemeId) => ({ schemeId })) },
    },
  });
  await audit(prisma, {
    actorId,
    action: "assessment.round.create",
    entity: "AssessmentRound",
    entityId: round.id,
    after: input,
  });
  return round;
}

/**
 * Opens a round: the status flips only from draft (one conditional UPDATE, so two clicks open it
 * once), its schemes are locked, and every member is invited to evaluate their union.
 */
export async function openRound(roundId: string, actorId: string) {
  const now = new Date();
  const opened = await prisma.$transaction(async (tx) => {
    const { count } = await tx.assessmentRound.updateMany({
      where: { id: roundId, status: "draft" },
      data: { status: "open", openedAt: now },
    });
    if (count === 0) return false;
    await tx.assessmentScheme.updateMany({
      where: { rounds: { some: { roundId } }, lockedAt: null },
      data: { lockedAt: now },
    });
    await audit(tx, { actorId, action: "assessment.round.open", entity: "AssessmentRound", entityId: roundId });
    return true;
  });
  if (!opened) throw new RuleError("assessment.error.roundNotDraft", null, 409);
  await inviteMembers(roundId);
}

/** One notification per member, written in batches (a city has hundreds of thousands). */
export async function inviteMembers(roundId: string) {
  const round = await prisma.assessmentRound.findUniqueOrThrow({ where: { id: roundId }, select: { name: true } });
  let cursor: string | undefined;
  for (;;) {
    const batch = await prisma.membership.findMany({
      select: { id: true, userId: true },
      orderBy: { id: "asc" },
      take: 2000,
      ...(cursor ? { skip: 1, cursor: { id: cursor } } : {}),
    });
    if (!batch.length) break;
    await prisma.$transaction((tx) =>
      notify(
        tx,
        batch.map((m) => m.userId),
        { kind: "assessment.notify.evaluate", params: { round: round.name }, link: `/me/evaluation/${roundId}` },
      ),
    );
    cursor = batch[batch.length - 1].id;
  }
}

export async function closeRound(roundId: string, actorId: string) {
  const { count } = await prisma.assessmentRound.updateMany({
    where: { id: roundId, status: "open" },
    data: { status: "closed", closedAt: new Date() },
  });
  if (count === 0) throw new RuleError("assessment.error.roundNotOpen", null, 409);
  await audit(prisma, { actorId, action: "assessment.round.close", entity: "AssessmentRound", entityId: roundId });
}
