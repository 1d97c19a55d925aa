// Results from the database: submitted scorings → the pure math in scoring.ts. Awards are chosen
// by the organiser and locked when results are published; after that an award changes only by a
// correction, which needs a reason, is audited and is shown as "corrected on …" on the public page.
import { notify } from "~/domain/notifications/notify.server";
import { audit } from "~/utils/audit.server";
import { prisma } from "~/utils/db.server";
import { lockKey } from "~/utils/sql-dialect.server";
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
      // NULLs first, as SQLite sorts them (PostgreSQL would put them last): one order on both engines.
      orderBy: { submittedAt: { sort: "asc", nulls: "first" } },
    }),
    // One flat query: a nested Prisma include is several times slower for large contests.
    prisma.$queryRaw<{ judgeId: string; entryId: string; criterionId: string | null; points: number | null }[]>`
      SELECT a."judgeId", a."entryId", s."criterionId", s."points"
      FROM "Assignment" a LEFT JOIN "Score" s ON s."assignmentId" = a."id"
      WHERE a."contestId" = ${contestId} AND a."status" = 'submitted'`,
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
    select: { status: true, judgingOpensAt: true, judgingClosesAt: true, tiers: { select: { id: true } } },
  });
  if (contest.status === "results_published") throw new RuleError("judging.error.awardsLocked", null, 409);
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
    // Decided inside the transaction, after the contest's lock (SQLite: the write lock the
    // transaction holds from its start): a save racing a publication cannot change awards once
    // they are public, nor two publications tell everyone twice.
    await lockKey(tx, `contest-results:${contestId}`);
    const open = await tx.contest.count({ where: { id: contestId, status: { not: "results_published" } } });
    if (open !== 1) throw new RuleError("judging.error.awardsLocked", null, 409);
    for (const [entryId, tierId] of Object.entries(awards)) {
      await tx.entry.updateMany({ where: { id: entryId, contestId }, data: { awardTierId: tierId || null } });
    }
    if (!publish) return;
    const contest = await tx.contest.update({
      where: { id: contestId },
      data: { status: "results_published" },
      select: { title: true },
    });
    // Everyone with an entry in the contest (submitters and accepted co-authors) is told.
    const authors = await tx.entryAuthor.findMany({
      where: { status: "accepted", userId: { not: null }, entry: { contestId, status: ACTIVE_ENTRY } },
      select: { userId: true },
    });
    const submitters = await tx.entry.findMany({
      where: { contestId, status: ACTIVE_ENTRY },
      select: { submittedById: true },
    });
    await notify(tx, [...submitters.map((e) => e.submittedById), ...authors.map((a) => a.userId!)], {
      kind: "judging.notify.resultsOut",
      params: { contest: contest.title },
      link: `/contests/${contestId}`,
    });
  });
}

/**
 * Changes one entry's award after publication: a reason is required, the change is audited
 * (before, after, reason) and the entry shows "corrected on <date>" on the public page.
 */
export async function correctAward(params: {
  contestId: string;
  entryId: string;
  tierId: string | null;
  reason: string;
  actorId: string;
  now?: Date;
}) {
  const now = params.now ?? new Date();
  await prisma.$transaction(async (tx) => {
    const entry = await tx.entry.findFirst({
      where: { id: params.entryId, contestId: params.contestId, status: ACTIVE_ENTRY },
      select: {
        awardTierId: true,
        contest: { select: { status: true, orgId: true, tiers: { select: { id: true } } } },
      },
    });
    if (!entry) throw new RuleError("contests.error.notFound", "entryId", 404);
    if (entry.contest.status !== "results_published") throw new RuleError("judging.error.notPublished", null, 409);
    if (params.tierId && !entry.contest.tiers.some((t) => t.id === params.tierId))
      throw new RuleError("validation.invalidChoice", "tierId");
    if (entry.awardTierId === params.tierId) throw new RuleError("judging.validation.sameAward", "tierId");
    const updated = await tx.entry.updateMany({
      where: { id: params.entryId, awardTierId: entry.awardTierId },
      data: { awardTierId: params.tierId, awardCorrectedAt: now },
    });
    if (updated.count !== 1) throw new RuleError("judging.error.awardChanged", null, 409);
    await audit(tx, {
      actorId: params.actorId,
      action: "award.correct",
      entity: "Entry",
      entityId: params.entryId,
      orgId: entry.contest.orgId,
      before: { awardTierId: entry.awardTierId },
      after: { awardTierId: params.tierId, reason: params.reason },
    });
  });
}
