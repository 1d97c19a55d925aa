// Judges, assignments and scores. Every score change and every reopening is audited.
import { randomUUID } from "node:crypto";
import { notify } from "~/domain/notifications/notify.server";
import { audit } from "~/utils/audit.server";
import { prisma, type Tx } from "~/utils/db.server";
import { join, lockKey, sql, sqlDate, stringAgg } from "~/utils/sql-dialect.server";
import { RuleError } from "~/utils/rule-error";
import { isConflicted, planAssignments, type EntryForAssignment, type JudgeInfo } from "./assignment";
import { ACTIVE_ENTRY, SCORE_STEP } from "./constants";

export async function inviteJudge(contestId: string, phone: string) {
  const user = await prisma.user.findUnique({ where: { phone }, select: { id: true } });
  if (!user) throw new RuleError("contests.validation.judgeUnknown", "phone");
  await prisma.contestJudge.upsert({
    where: { contestId_userId: { contestId, userId: user.id } },
    update: {},
    create: { contestId, userId: user.id },
  });
  return user.id;
}

async function judgeInfos(contestId: string): Promise<JudgeInfo[]> {
  const judges = await prisma.contestJudge.findMany({
    where: { contestId },
    select: { userId: true, user: { select: { employerId: true, employer: { select: { unionId: true } } } } },
    orderBy: { createdAt: "asc" },
  });
  return judges.map((j) => ({
    id: j.userId,
    employerId: j.user.employerId,
    unionId: j.user.employer?.unionId ?? null,
  }));
}

async function entriesForAssignment(contestId: string, entryId?: string): Promise<EntryForAssignment[]> {
  // One flat query (accepted authors, their employers and those employers' unions folded in with
  // group_concat): a nested Prisma include is several times slower for contests with thousands of
  // entries. Co-authors count only once they accepted the invitation.
  const rows = await prisma.$queryRaw<
    {
      id: string;
      enterpriseId: string | null;
      orgId: string | null;
      submittedById: string;
      authorIds: string | null;
      teamEnterpriseIds: string | null;
      teamOrgIds: string | null;
    }[]
  >`
    SELECT e."id", e."enterpriseId", e."orgId", e."submittedById", ${stringAgg(sql`a."userId"`)} AS "authorIds",
      ${stringAgg(sql`u."employerId"`)} AS "teamEnterpriseIds", ${stringAgg(sql`ent."unionId"`)} AS "teamOrgIds"
    FROM "Entry" e
      LEFT JOIN "EntryAuthor" a ON a."entryId" = e."id" AND a."userId" IS NOT NULL AND a."status" = 'accepted'
      LEFT JOIN "User" u ON u."id" = a."userId"
      LEFT JOIN "Enterprise" ent ON ent."id" = u."employerId"
    WHERE e."contestId" = ${contestId} AND e."status" NOT IN ('draft', 'withdrawn')
      AND (CAST(${entryId ?? null} AS TEXT) IS NULL OR e."id" = ${entryId ?? null})
    GROUP BY e."id"
    ORDER BY CASE WHEN e."submittedAt" IS NULL THEN 0 ELSE 1 END, e."submittedAt", e."id"`;
  const list = (s: string | null) => (s ? s.split(",") : []);
  return rows.map((e) => ({
    id: e.id,
    enterpriseId: e.enterpriseId,
    orgId: e.orgId,
    authorIds: [e.submittedById, ...list(e.authorIds)],
    teamEnterpriseIds: list(e.teamEnterpriseIds),
    teamOrgIds: list(e.teamOrgIds),
  }));
}

/** Runs the automatic assignment for every active entry, keeping existing assignments. */
export async function autoAssign(contestId: string) {
  const contest = await prisma.contest.findUniqueOrThrow({
    where: { id: contestId },
    select: { judgesPerEntry: true },
  });
  const [judges, entries, current] = await Promise.all([
    judgeInfos(contestId),
    entriesForAssignment(contestId),
    prisma.assignment.findMany({ where: { contestId }, select: { entryId: true, judgeId: true, status: true } }),
  ]);
  const plan = planAssignments({
    judges,
    entries,
    judgesPerEntry: contest.judgesPerEntry,
    existing: current.filter((a) => a.status !== "conflict"),
    declined: current.filter((a) => a.status === "conflict"),
  });
  const createdAt = sqlDate(new Date());
  await prisma.$transaction(async (tx) => {
    // One row per pair: the unique (entryId, judgeId) index keeps concurrent runs from doubling.
    for (let i = 0; i < plan.added.length; i += 500) {
      const rows = plan.added
        .slice(i, i + 500)
        .map((p) => sql`(${randomUUID()}, ${contestId}, ${p.entryId}, ${p.judgeId}, 'assigned', ${createdAt})`);
      await tx.$executeRaw`INSERT INTO "Assignment" ("id", "contestId", "entryId", "judgeId", "status", "createdAt")
        VALUES ${join(rows)} ON CONFLICT DO NOTHING`;
    }
    // The automatic run ends an assignment round: its pairs and any hand assignments not yet announced.
    await announceAssignments(tx, contestId);
  });
  return plan;
}

/**
 * Hand assignment by the organiser; refuses a conflicted pair. The judge is not told yet: the
 * organiser ends the round with "notify judges" (announceAssignments), one notification per judge.
 */
export async function assignByHand(contestId: string, entryId: string, judgeUserId: string) {
  const [judges, entries] = await Promise.all([judgeInfos(contestId), entriesForAssignment(contestId, entryId)]);
  const judge = judges.find((j) => j.id === judgeUserId);
  const entry = entries[0];
  if (!judge) throw new RuleError("contests.validation.notAJudge", "judgeId");
  if (!entry) throw new RuleError("contests.error.notFound", "entryId", 404);
  if (isConflicted(judge, entry)) throw new RuleError("contests.validation.conflict", "judgeId");
  const declined = await prisma.assignment.findFirst({
    where: { entryId, judgeId: judgeUserId, status: "conflict" },
    select: { id: true },
  });
  if (declined) throw new RuleError("contests.validation.conflict", "judgeId");
  // A unique (entryId, judgeId) pair: a repeated click or a concurrent one adds nothing.
  await prisma.$executeRaw`INSERT INTO "Assignment" ("id", "contestId", "entryId", "judgeId", "status", "createdAt")
    VALUES (${randomUUID()}, ${contestId}, ${entryId}, ${judgeUserId}, 'assigned', ${sqlDate(new Date())}) ON CONFLICT DO NOTHING`;
}

/** Hand assignments made since the last round that the judges have not been told of. */
export function unannouncedCount(contestId: string) {
  return prisma.assignment.count({ where: { contestId, notifiedAt: null, status: "assigned" } });
}

/**
 * Ends an assignment round: one in-app notification per judge with new work ("n new entries to
 * score in <contest>") covering every assignment not yet announced. Rounds of one contest take
 * turns (the lock on PostgreSQL; on SQLite write transactions hold the write lock from their
 * start), so two concurrent rounds cannot both count the same unannounced assignments.
 */
export async function announceAssignments(tx: Tx, contestId: string) {
  await lockKey(tx, `assignment-round:${contestId}`);
  const pending = await tx.assignment.groupBy({
    by: ["judgeId"],
    where: { contestId, notifiedAt: null, status: "assigned" },
    _count: { _all: true },
  });
  await tx.assignment.updateMany({ where: { contestId, notifiedAt: null }, data: { notifiedAt: new Date() } });
  const counts = new Map(pending.map((p) => [p.judgeId, p._count._all]));
  if (counts.size === 0) return 0;
  const contest = await tx.contest.findUniqueOrThrow({ where: { id: contestId }, select: { title: true } });
  for (const [judgeId, n] of counts)
    await notify(tx, judgeId, {
      kind: "contests.notify.assigned",
      params: { n, contest: contest.title },
      link: "/judging",
    });
  return counts.size;
}

/** The organiser's "notify judges": ends the round of hand assignments. Returns how many judges were told. */
export function notifyAssignedJudges(contestId: string) {
  return prisma.$transaction((tx) => announceAssignments(tx, contestId));
}

export async function removeAssignment(contestId: string, assignmentId: string) {
  // A declared conflict stays: it is what keeps the judge off this entry in later assignments.
  const removed = await prisma.assignment.deleteMany({
    where: { id: assignmentId, contestId, status: { notIn: ["submitted", "conflict"] } },
  });
  if (removed.count !== 1) throw new RuleError("contests.error.cannotRemove", null, 409);
}

function assertJudgingOpen(contest: { judgingOpensAt: Date; judgingClosesAt: Date }, now: Date) {
  if (now < contest.judgingOpensAt || now > contest.judgingClosesAt)
    throw new RuleError("contests.error.judgingClosed", null, 403);
}

export type ScoreValue = { criterionId: string; points: number | null; comment: string };

/** Every change to a score or an assignment's status is one "score.change" entry. */
const scoreChange = (actorId: string, entityId: string, before: unknown, after: unknown) => ({
  actorId,
  action: "score.change",
  entity: "Score",
  entityId,
  before,
  after,
});

/**
 * A judge saves (or submits) their scores for one assignment. Only the assigned judge, while
 * judging is open, and only while the assignment is not submitted or declared a conflict.
 * Returns field errors keyed `points.<criterionId>` for out-of-range values.
 */
export async function saveScores(params: {
  assignmentId: string;
  judgeId: string;
  values: ScoreValue[];
  submit: boolean;
  now?: Date;
}) {
  const now = params.now ?? new Date();
  const assignment = await prisma.assignment.findFirst({
    where: { id: params.assignmentId, judgeId: params.judgeId, entry: { status: ACTIVE_ENTRY } },
    select: {
      id: true,
      status: true,
      entryId: true,
      contest: {
        select: {
          status: true,
          judgingOpensAt: true,
          judgingClosesAt: true,
          criteria: { select: { id: true, maxPoints: true } },
        },
      },
    },
  });
  if (!assignment) throw new RuleError("contests.error.notAssigned", null, 403);
  if (assignment.contest.status === "results_published")
    throw new RuleError("contests.error.resultsPublished", null, 409);
  if (assignment.status === "conflict") throw new RuleError("contests.error.conflictDeclared", null, 403);
  if (assignment.status === "submitted") throw new RuleError("contests.error.scoresLocked", null, 409);
  assertJudgingOpen(assignment.contest, now);

  const fieldErrors: Record<string, string[]> = {};
  for (const c of assignment.contest.criteria) {
    const v = params.values.find((x) => x.criterionId === c.id);
    const p = v?.points;
    if (p === null || p === undefined) {
      if (params.submit) fieldErrors[`points.${c.id}`] = ["contests.validation.scoreRequired"];
      continue;
    }
    if (!Number.isFinite(p) || p < 0 || p > c.maxPoints || Math.round(p / SCORE_STEP) * SCORE_STEP !== p)
      fieldErrors[`points.${c.id}`] = ["contests.validation.scoreRange"];
  }
  if (Object.keys(fieldErrors).length) throw RuleError.forFields(fieldErrors);

  await prisma.$transaction(async (tx) => {
    // The status condition makes a concurrent submit/reopen race-free.
    const still = await tx.assignment.updateMany({
      where: { id: assignment.id, status: "assigned" },
      data: params.submit ? { status: "submitted", submittedAt: now } : { submittedAt: null },
    });
    if (still.count !== 1) throw new RuleError("contests.error.scoresLocked", null, 409);
    const existing = await tx.score.findMany({
      where: { assignmentId: assignment.id },
      select: { id: true, criterionId: true, points: true, comment: true },
    });
    for (const v of params.values) {
      if (v.points === null || Number.isNaN(v.points)) continue;
      if (!assignment.contest.criteria.some((c) => c.id === v.criterionId)) continue;
      const old = existing.find((s) => s.criterionId === v.criterionId);
      if (old && old.points === v.points && old.comment === v.comment) continue;
      const saved = await tx.score.upsert({
        where: { assignmentId_criterionId: { assignmentId: assignment.id, criterionId: v.criterionId } },
        update: { points: v.points, comment: v.comment },
        create: { assignmentId: assignment.id, criterionId: v.criterionId, points: v.points, comment: v.comment },
        select: { id: true },
      });
      await audit(
        tx,
        scoreChange(params.judgeId, saved.id, old ? { points: old.points, comment: old.comment } : null, {
          assignmentId: assignment.id,
          criterionId: v.criterionId,
          points: v.points,
          comment: v.comment,
        }),
      );
    }
    if (params.submit)
      await audit(
        tx,
        scoreChange(
          params.judgeId,
          assignment.id,
          { status: "assigned" },
          { assignmentId: assignment.id, status: "submitted" },
        ),
      );
  });
}

/** The organiser reopens a submitted scoring so the judge can change it. */
export async function reopenAssignment(contestId: string, assignmentId: string, actorId: string) {
  await prisma.$transaction(async (tx) => {
    // Published results stay as published: no reopening afterwards.
    const updated = await tx.assignment.updateMany({
      where: { id: assignmentId, contestId, status: "submitted", contest: { status: { not: "results_published" } } },
      data: { status: "assigned", submittedAt: null },
    });
    if (updated.count !== 1) throw new RuleError("contests.error.cannotReopen", null, 409);
    await audit(
      tx,
      scoreChange(actorId, assignmentId, { status: "submitted" }, { assignmentId, status: "assigned", reopened: true }),
    );
    // The judge is told, or the sheet would sit reopened until judging closes.
    const a = await tx.assignment.findUniqueOrThrow({
      where: { id: assignmentId },
      select: {
        judgeId: true,
        entryId: true,
        entry: { select: { title: true } },
        contest: { select: { title: true } },
      },
    });
    await notify(tx, a.judgeId, {
      kind: "judging.notify.reopened",
      params: { contest: a.contest.title, entry: a.entry.title },
      link: `/judging/${contestId}/${a.entryId}`,
    });
  });
}

/** A judge declares a conflict of interest: the assignment leaves scoring and the organiser can reassign. */
export async function declareConflict(assignmentId: string, judgeId: string, reason: string) {
  await prisma.$transaction(async (tx) => {
    const updated = await tx.assignment.updateMany({
      where: { id: assignmentId, judgeId, status: "assigned" },
      data: { status: "conflict", conflictReason: reason },
    });
    if (updated.count !== 1) throw new RuleError("contests.error.scoresLocked", null, 409);
    await audit(
      tx,
      scoreChange(judgeId, assignmentId, { status: "assigned" }, { assignmentId, status: "conflict", reason }),
    );
  });
}
