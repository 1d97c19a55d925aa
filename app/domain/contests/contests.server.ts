// Creating contests and the phase rules everyone else checks.
import { prisma } from "~/utils/db.server";
import { RuleError } from "~/utils/rule-error";

export type ContestInput = {
  orgId: string;
  kind: "five_small" | "golden_idea";
  title: string;
  description: string;
  categories: string[];
  eligibility: "org" | "county" | "city";
  submissionOpensAt: Date;
  submissionClosesAt: Date;
  judgingOpensAt: Date;
  judgingClosesAt: Date;
  resultsAt: Date;
  blindReview: boolean;
  judgesPerEntry: number;
  scoreMethod: "auto" | "mean" | "trimmed";
  normalizeScores: boolean;
  criteria: { name: string; maxPoints: number; weight: number }[];
  tiers: { key: string; name: string; count: number }[];
  publish: boolean;
};

/** Phases must follow each other: submission, then judging, then results. */
export function checkPhases(
  c: Pick<
    ContestInput,
    "submissionOpensAt" | "submissionClosesAt" | "judgingOpensAt" | "judgingClosesAt" | "resultsAt"
  >,
) {
  if (c.submissionClosesAt <= c.submissionOpensAt)
    throw new RuleError("validation.endBeforeStart", "submissionClosesAt");
  if (c.judgingOpensAt < c.submissionClosesAt)
    throw new RuleError("contests.validation.judgingBeforeSubmission", "judgingOpensAt");
  if (c.judgingClosesAt <= c.judgingOpensAt) throw new RuleError("validation.endBeforeStart", "judgingClosesAt");
  if (c.resultsAt < c.judgingClosesAt) throw new RuleError("contests.validation.resultsBeforeJudging", "resultsAt");
}

export async function createContest(input: ContestInput, userId: string) {
  checkPhases(input);
  return prisma.$transaction(async (tx) =>
    tx.contest.create({
      data: {
        orgId: input.orgId,
        kind: input.kind,
        title: input.title,
        description: input.description,
        categories: JSON.stringify(input.categories),
        eligibility: input.eligibility,
        submissionOpensAt: input.submissionOpensAt,
        submissionClosesAt: input.submissionClosesAt,
        judgingOpensAt: input.judgingOpensAt,
        judgingClosesAt: input.judgingClosesAt,
        resultsAt: input.resultsAt,
        blindReview: input.blindReview,
        judgesPerEntry: input.judgesPerEntry,
        scoreMethod: input.scoreMethod,
        normalizeScores: input.normalizeScores,
        status: input.publish ? "published" : "draft",
        createdById: userId,
        criteria: { create: input.criteria.map((c, position) => ({ ...c, position })) },
        tiers: { create: input.tiers.map((t, position) => ({ ...t, position })) },
      },
      select: { id: true },
    }),
  );
}

export type ContestSettings = Pick<
  ContestInput,
  | "title"
  | "description"
  | "eligibility"
  | "submissionOpensAt"
  | "submissionClosesAt"
  | "judgingOpensAt"
  | "judgingClosesAt"
  | "resultsAt"
  | "blindReview"
  | "judgesPerEntry"
  | "scoreMethod"
  | "normalizeScores"
>;

/**
 * Changes a contest's settings (not its kind, organisation, rubric or tiers). Two things are fixed once they matter: how scores are combined,
 * after results are published (the public page would silently change); and blind review, which
 * cannot be switched off once judging has opened (judges would see who wrote what they scored).
 */
export async function updateContest(contestId: string, input: ContestSettings, now = new Date()) {
  checkPhases(input);
  await prisma.$transaction(async (tx) => {
    const current = await tx.contest.findUniqueOrThrow({
      where: { id: contestId },
      select: { status: true, scoreMethod: true, normalizeScores: true, blindReview: true, judgingOpensAt: true },
    });
    const scoringChanged =
      current.scoreMethod !== input.scoreMethod || current.normalizeScores !== input.normalizeScores;
    if (current.status === "results_published" && scoringChanged)
      throw new RuleError("contests.error.scoringLocked", "scoreMethod", 409);
    if (current.blindReview && !input.blindReview && now >= current.judgingOpensAt)
      throw new RuleError("contests.error.blindLocked", "blindReview", 409);
    await tx.contest.update({ where: { id: contestId }, data: input });
  });
}

export type Phase = "upcoming" | "submission" | "between" | "judging" | "closed";

export function contestPhase(
  c: { submissionOpensAt: Date; submissionClosesAt: Date; judgingOpensAt: Date; judgingClosesAt: Date },
  now = new Date(),
): Phase {
  if (now < c.submissionOpensAt) return "upcoming";
  if (now <= c.submissionClosesAt) return "submission";
  if (now < c.judgingOpensAt) return "between";
  if (now <= c.judgingClosesAt) return "judging";
  return "closed";
}

/** Whether a worker may take part: the contest org's employees, its county, or anyone in the city. */
export async function isEligible(userId: string, contest: { orgId: string; eligibility: string }) {
  if (contest.eligibility === "city") return true;
  const [user, org] = await Promise.all([
    prisma.user.findUnique({
      where: { id: userId },
      select: { countyId: true, employer: { select: { countyId: true, union: { select: { path: true } } } } },
    }),
    prisma.organisation.findUnique({
      where: { id: contest.orgId },
      select: { path: true, countyId: true, kind: true },
    }),
  ]);
  if (!user || !org) return false;
  if (org.kind === "city") return true;
  if (contest.eligibility === "county") {
    return Boolean(org.countyId && (user.countyId === org.countyId || user.employer?.countyId === org.countyId));
  }
  return Boolean(user.employer?.union?.path.startsWith(org.path));
}
