// Test data for the contests tests: a small organisation tree, a contest in a chosen phase,
// judges and workers at known employers. Built with the shared factories.
import { DEFAULT_RUBRIC, DEFAULT_TIERS } from "~/domain/contests/constants";
import { createEnterprise, createOrg, createUser, grantRole } from "~/seed/factories.server";
import { prisma } from "~/utils/db.server";

const DAY = 86_400_000;

export async function orgTree(tag = "") {
  const city = await createOrg({ kind: "city", name: `测试市总工会${tag}` });
  const county = await createOrg({ kind: "county", name: `测试县总工会${tag}`, parentId: city.id });
  const unionA = await createOrg({
    kind: "union",
    unionType: "committee",
    name: `甲公司工会${tag}`,
    parentId: county.id,
  });
  const unionB = await createOrg({
    kind: "union",
    unionType: "committee",
    name: `乙公司工会${tag}`,
    parentId: county.id,
  });
  const entA = await createEnterprise({ name: `甲能源股份有限公司${tag}`, countyId: county.id, unionId: unionA.id });
  const entB = await createEnterprise({ name: `乙机械制造有限公司${tag}`, countyId: county.id, unionId: unionB.id });
  const entC = await createEnterprise({ name: `丙物流有限公司${tag}`, countyId: county.id, unionId: null });
  const organiser = await createUser({ name: "组织者钱" });
  await grantRole(organiser.id, "contest_organiser", unionA.id);
  return { city, county, unionA, unionB, entA, entB, entC, organiser };
}

export type Phase = "submission" | "judging" | "closed";

export async function makeContest(
  orgId: string,
  opts: {
    phase: Phase;
    kind?: "five_small" | "golden_idea";
    blindReview?: boolean;
    judgesPerEntry?: number;
    eligibility?: string;
  },
) {
  const now = Date.now();
  const offsets = {
    submission: [-5, 5, 6, 10],
    judging: [-10, -3, -1, 10],
    closed: [-30, -20, -15, -10],
  }[opts.phase];
  return prisma.contest.create({
    data: {
      orgId,
      kind: opts.kind ?? "five_small",
      title: "测试五小竞赛",
      description: "说明",
      categories: JSON.stringify(opts.kind === "golden_idea" ? ["safety", "cost"] : ["invention", "innovation"]),
      eligibility: opts.eligibility ?? "city",
      submissionOpensAt: new Date(now + offsets[0] * DAY),
      submissionClosesAt: new Date(now + offsets[1] * DAY),
      judgingOpensAt: new Date(now + offsets[2] * DAY),
      judgingClosesAt: new Date(now + offsets[3] * DAY),
      resultsAt: new Date(now + (offsets[3] + 1) * DAY),
      blindReview: opts.blindReview ?? true,
      judgesPerEntry: opts.judgesPerEntry ?? 2,
      status: "published",
      criteria: {
        create: DEFAULT_RUBRIC.map((c, position) => ({
          name: c.zh,
          maxPoints: c.maxPoints,
          weight: c.weight,
          position,
        })),
      },
      tiers: { create: DEFAULT_TIERS.map((t, position) => ({ key: t.key, name: t.zh, count: t.count, position })) },
    },
    include: { criteria: { orderBy: { position: "asc" } }, tiers: true },
  });
}

/** A submitted entry, as the submission path would record it. */
export async function submittedEntry(
  contestId: string,
  author: { id: string; name: string; employerId: string | null },
  unionId: string | null,
  extra: { title?: string; coAuthorName?: string; category?: string } = {},
) {
  return prisma.entry.create({
    data: {
      contestId,
      category: extra.category ?? "invention",
      title: extra.title ?? "皮带纠偏装置",
      problem: "问题描述",
      solution: "解决方案",
      benefit: "效益",
      status: "submitted",
      submittedAt: new Date(),
      submittedById: author.id,
      enterpriseId: author.employerId,
      orgId: unionId,
      authors: {
        create: [
          { userId: author.id, name: author.name, position: 0 },
          ...(extra.coAuthorName ? [{ name: extra.coAuthorName, position: 1 }] : []),
        ],
      },
    },
  });
}

export const fullMarks = (criteria: { id: string; maxPoints: number }[]) =>
  Object.fromEntries(criteria.map((c) => [`points.${c.id}`, String(c.maxPoints)]));
