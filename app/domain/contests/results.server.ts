// Results from the database: submitted scorings → the pure math in scoring.ts.
import { prisma } from "~/utils/db.server";
import { RuleError } from "~/utils/rule-error";
import { computeResults, prefillAwards, type ScoreMethod } from "./scoring";
import { ACTIVE_ENTRY } from "./constants";

export async function loadResults(contestId: string) {
  const contest = await prisma.contest.findUniqueOrThrow({
    where: { id: contestId },
    select: {
      scoreMethod: true,
      normalizeScores: true,
      criteria: { select: { id: true, name: true, maxPoints: true, weight: true }, orderBy: { position: "asc" } },
      tiers: { select: { id: true, name: true, count: true, position: true, key: true }, orderBy: { position: "asc" } },
    },
  });
  const [entries, assignments] = await Promise.all([
    prisma.entry.findMany({
      where: { contestId, status: ACTIVE_ENTRY },
      select: { id: true, title: true, category: true, submittedAt: true, awardTierId: true },
      orderBy: { submittedAt: "asc" },
    }),
    // One flat query: a nested Prisma include is several times slower for large contests.
    prisma.$queryRaw<{ judgeId: string; entryId: string; criterionId: string | null; points: number | null }[]>`
      SELECT a.judgeId, a.entryId, s.criterionId, s.points
      FROM Assignment a LEFT JOIN Score s ON s.assignmentId = a.id
      WHERE a.contestId = ${contestId} AND a.status = 'submitted'`,
  ]);
  const byPair = new Map<string, { judgeId: string; entryId: string; points: Record<string, number> }>();
  for (const row of assignments) {
    const key = `${row.judgeId}|${row.entryId}`;
    const scoring = byPair.get(key) ?? { judgeId: row.judgeId, entryId: row.entryId, points: {} };
    if (row.criterionId !== null && row.points !== null) scoring.points[row.criterionId] = Number(row.points);
    byPair.set(key, scoring);
  }
  const results = computeResults({
    criteria: contest.criteria,
    entries,
    scorings: [...byPair.values()],
    method: contest.scoreMethod as ScoreMethod,
    normalise: contest.normalizeScores,
  });
  const suggested = prefillAwards(results, contest.tiers);
  return { contest, entries, results, suggested };
}

/** Saves the organiser's award choices (entry id → tier id or "") and optionally publishes. */
export async function saveAwards(
  contestId: string,
  awards: Record<string, string>,
  publish: boolean,
  now = new Date(),
) {
  const contest = await prisma.contest.findUniqueOrThrow({
    where: { id: contestId },
    select: { judgingOpensAt: true, judgingClosesAt: true, tiers: { select: { id: true } } },
  });
  if (publish && now < contest.judgingOpensAt) throw new RuleError("contests.error.tooEarlyToPublish", null, 403);
  // Before judging closes, results go out only once every judge has submitted.
  if (publish && now <= contest.judgingClosesAt) {
    const open = await prisma.assignment.count({
      where: { contestId, status: "assigned", entry: { status: ACTIVE_ENTRY } },
    });
    if (open > 0) throw new RuleError("contests.error.judgingUnfinished", null, 409, { n: open });
  }
  const tierIds = new Set(contest.tiers.map((t) => t.id));
  for (const tier of Object.values(awards))
    if (tier && !tierIds.has(tier)) throw new RuleError("validation.invalidChoice");
  await prisma.$transaction(async (tx) => {
    for (const [entryId, tierId] of Object.entries(awards)) {
      await tx.entry.updateMany({ where: { id: entryId, contestId }, data: { awardTierId: tierId || null } });
    }
    if (publish) await tx.contest.update({ where: { id: contestId }, data: { status: "results_published" } });
  });
}
