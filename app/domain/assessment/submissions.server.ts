// A union's self-assessment and its way up: the union fills it in and submits before the deadline,
// the county reviews (accept / adjust a score with a reason / return for more evidence), an
// inspection group or the city confirms (or changes) the scores, and the grade and level follow.
// Every state change is one conditional UPDATE on the submission's status (two reviewers clicking
// at once change it once), and every change is written to the audit log.
import type { Prisma } from "@prisma/client";
import { notify } from "~/domain/notifications/notify.server";
import type { MessageKey } from "~/i18n";
import { audit } from "~/utils/audit.server";
import { isUniqueViolation, prisma } from "~/utils/db.server";
import { keepUploadsIf } from "~/utils/stored-files.server";
import { checkFiles, filesIn, storeFiles, UPLOAD_RULES, type UploadError } from "~/utils/upload.server";
import { RuleError } from "~/utils/rule-error";
import { EDITABLE } from "./constants";
import { computeFigures } from "./figures.server";
import { autoPoints, effectiveScore, evaluate, parseThresholds, round1, scoreProblem } from "./grading";

type Tx = Prisma.TransactionClient;
export type FieldError = { key: MessageKey | UploadError["key"]; params?: Record<string, string | number> };

/** An audit entry about a submission (its status, scores or files). */
const submissionChange = (actorId: string, action: string, entityId: string, before: unknown, after: unknown) => ({
  actorId,
  action,
  entity: "AssessmentSubmission",
  entityId,
  before,
  after,
});

/** The round's scheme for a kind of union, or null when the round has none for it. */
export async function schemeFor(roundId: string, unionType: string | null) {
  const links = await prisma.assessmentRoundScheme.findMany({
    where: { roundId },
    select: { scheme: { select: { id: true, unionKinds: true } } },
  });
  return links.find((l) => l.scheme.unionKinds.split(",").includes(unionType ?? ""))?.scheme.id ?? null;
}

/** The union's submission in the round, created (as a draft) on first use. */
export async function startSubmission(roundId: string, unionId: string) {
  const existing = await prisma.assessmentSubmission.findUnique({
    where: { roundId_unionId: { roundId, unionId } },
    select: { id: true },
  });
  if (existing) return existing.id;
  const [round, union] = await Promise.all([
    prisma.assessmentRound.findUnique({ where: { id: roundId }, select: { status: true } }),
    prisma.organisation.findUnique({ where: { id: unionId }, select: { unionType: true, countyId: true, kind: true } }),
  ]);
  if (!round || !union || union.kind !== "union") throw new RuleError("assessment.error.notFound", null, 404);
  if (round.status !== "open") throw new RuleError("assessment.error.roundNotOpen", null, 409);
  const schemeId = await schemeFor(roundId, union.unionType);
  if (!schemeId) throw new RuleError("assessment.error.noScheme", null, 409);
  try {
    return (
      await prisma.assessmentSubmission.create({
        data: { roundId, unionId, schemeId, countyId: union.countyId },
        select: { id: true },
      })
    ).id;
  } catch (error) {
    // Two first visits at once: the unique (round, union) index keeps one; use it.
    if (!isUniqueViolation(error)) throw error;
    return (
      await prisma.assessmentSubmission.findUniqueOrThrow({
        where: { roundId_unionId: { roundId, unionId } },
        select: { id: true },
      })
    ).id;
  }
}

export async function loadSubmission(id: string) {
  return prisma.assessmentSubmission.findUnique({
    where: { id },
    include: {
      round: true,
      union: {
        select: {
          id: true,
          name: true,
          path: true,
          countyId: true,
          unionType: true,
          county: { select: { name: true } },
        },
      },
      scheme: { include: { items: { orderBy: { position: "asc" } } } },
      scores: true,
      files: { where: { itemId: { not: null } }, include: { file: { select: { id: true, name: true, size: true } } } },
      visits: {
        orderBy: { visitedOn: "desc" },
        include: {
          group: { select: { name: true } },
          photos: { include: { file: { select: { id: true, name: true } } } },
        },
      },
    },
  });
}

/**
 * Saves the union's self-assessment from its form (score_<item>, note_<item>, evidence_<item>
 * files) and, when `submit`, submits it. Values posted for auto-filled items are refused: those
 * figures come from the portal's data only. Nothing is written unless every field is valid.
 */
export async function saveSelfAssessment(submissionId: string, actorId: string, form: FormData, submit: boolean) {
  const sub = await loadSubmission(submissionId);
  if (!sub) throw new RuleError("assessment.error.notFound", null, 404);
  const now = new Date();
  if (!EDITABLE.includes(sub.status)) throw new RuleError("assessment.error.notEditable", null, 409);
  if (sub.round.status !== "open") throw new RuleError("assessment.error.roundNotOpen", null, 409);
  if (sub.round.deadline < now) throw new RuleError("assessment.error.deadlinePassed", null, 409);

  const errors: Record<string, FieldError> = {};
  const values = new Map<string, { score: number | null; note: string }>();
  const newFiles = new Map<string, File[]>();
  const rule = UPLOAD_RULES.assessment_evidence;
  for (const item of sub.scheme.items) {
    const text = (name: string) => {
      const v = form.get(`${name}_${item.id}`);
      return typeof v === "string" ? v.trim() : "";
    };
    if (item.autoSource) {
      if (form.has(`score_${item.id}`))
        throw new RuleError("assessment.error.autoReadOnly", null, 400, { item: item.name });
      continue;
    }
    const raw = text("score");
    const score = raw === "" ? null : Number(raw);
    const note = text("note");
    if (score !== null) {
      const problem = scoreProblem(item, score);
      if (problem) errors[`score_${item.id}`] = { key: problem, params: { max: item.maxPoints } };
    } else if (submit) errors[`score_${item.id}`] = { key: "assessment.error.scoreRequired" };
    if (note.length > 1000) errors[`note_${item.id}`] = { key: "validation.tooLong" };
    values.set(item.id, { score, note });

    const files = filesIn(form, `evidence_${item.id}`);
    const existing = sub.files.filter((f) => f.itemId === item.id).length;
    if (existing + files.length > rule.maxFiles)
      errors[`evidence_${item.id}`] = { key: "upload.tooMany", params: { max: rule.maxFiles } };
    else {
      const problem = await checkFiles(files, "assessment_evidence");
      if (problem) errors[`evidence_${item.id}`] = { key: problem.key, params: problem.params };
    }
    newFiles.set(item.id, files);
    if (submit && item.requiresEvidence && existing + files.length === 0 && !errors[`evidence_${item.id}`])
      errors[`evidence_${item.id}`] = { key: "assessment.error.evidenceRequired" };
  }
  if (Object.keys(errors).length) return { ok: false as const, errors };

  const figures = await computeFigures(sub.unionId, sub.roundId, sub.round.year);
  // Files stored here are deleted again unless the save below commits (a refused or raced save
  // leaves nothing on disk).
  const storedIds: string[] = [];
  return keepUploadsIf(
    storedIds,
    async () => {
      const stored = new Map<string, string[]>();
      for (const [itemId, files] of newFiles) {
        if (!files.length) continue;
        const result = await storeFiles(files, "assessment_evidence", actorId);
        if ("error" in result)
          return {
            ok: false as const,
            errors: { [`evidence_${itemId}`]: { key: result.error.key, params: result.error.params } },
          };
        stored.set(itemId, result.ids);
        storedIds.push(...result.ids);
      }
      const scores = new Map<string, number | null>();
      for (const item of sub.scheme.items)
        scores.set(
          item.id,
          item.autoSource
            ? autoPoints(item, figures[item.autoSource as keyof typeof figures])
            : values.get(item.id)!.score,
        );
      const totals = evaluate(sub.scheme.items, scores, parseThresholds(sub.scheme));
      await prisma.$transaction(async (tx) => {
        // The write comes first and re-checks status and deadline in the same statement.
        const { count } = await tx.assessmentSubmission.updateMany({
          where: { id: sub.id, status: { in: EDITABLE }, round: { is: { status: "open", deadline: { gte: now } } } },
          data: submit
            ? {
                status: "submitted",
                submittedAt: now,
                rigidTotal: totals.rigidTotal,
                flexibleTotal: totals.flexibleTotal,
              }
            : { rigidTotal: totals.rigidTotal, flexibleTotal: totals.flexibleTotal },
        });
        if (count === 0) throw new RuleError("assessment.error.notEditable", null, 409);
        for (const item of sub.scheme.items) {
          const data = item.autoSource
            ? { figure: figures[item.autoSource as keyof typeof figures], selfScore: scores.get(item.id) ?? 0 }
            : { selfScore: values.get(item.id)!.score, note: values.get(item.id)!.note };
          await tx.assessmentScore.upsert({
            where: { submissionId_itemId: { submissionId: sub.id, itemId: item.id } },
            create: { submissionId: sub.id, itemId: item.id, ...data },
            update: data,
          });
        }
        for (const [itemId, ids] of stored)
          await tx.assessmentFile.createMany({ data: ids.map((fileId) => ({ fileId, itemId, submissionId: sub.id })) });
        await audit(
          tx,
          submissionChange(
            actorId,
            submit ? "assessment.submit" : "assessment.save",
            sub.id,
            { status: sub.status },
            {
              status: submit ? "submitted" : sub.status,
              scores: Object.fromEntries(scores),
              files: [...stored.values()].flat(),
            },
          ),
        );
      });
      return { ok: true as const };
    },
    (result) => result.ok,
  );
}

async function transition(
  submissionId: string,
  from: string[],
  data: Prisma.AssessmentSubmissionUpdateManyMutationInput,
  actorId: string,
  action: string,
  tx: Tx,
) {
  const before = await tx.assessmentSubmission.findUnique({ where: { id: submissionId }, select: { status: true } });
  const { count } = await tx.assessmentSubmission.updateMany({
    where: { id: submissionId, status: { in: from } },
    data,
  });
  if (count === 0)
    throw new RuleError(
      before ? "assessment.error.wrongStatus" : "assessment.error.notFound",
      null,
      before ? 409 : 404,
    );
  await audit(tx, submissionChange(actorId, action, submissionId, before, data));
}

/** County: accept the submission as it stands (with any scores already adjusted). */
export function acceptSubmission(submissionId: string, actorId: string) {
  return prisma.$transaction((tx) =>
    transition(
      submissionId,
      ["submitted"],
      { status: "reviewed", reviewedAt: new Date() },
      actorId,
      "assessment.accept",
      tx,
    ),
  );
}

/** County: back to the union for more evidence, with what is missing; the union's staff are told. */
export async function returnSubmission(submissionId: string, actorId: string, note: string) {
  await prisma.$transaction((tx) =>
    transition(
      submissionId,
      ["submitted", "reviewed"],
      { status: "returned", reviewNote: note },
      actorId,
      "assessment.return",
      tx,
    ),
  );
  const sub = await prisma.assessmentSubmission.findUniqueOrThrow({
    where: { id: submissionId },
    select: { unionId: true, union: { select: { name: true } }, round: { select: { name: true } } },
  });
  const staff = await prisma.roleGrant.findMany({
    where: { orgId: sub.unionId, role: "union_staff" },
    select: { userId: true },
  });
  await prisma.$transaction((tx) =>
    notify(
      tx,
      staff.map((s) => s.userId),
      {
        kind: "assessment.notify.returned",
        params: { round: sub.round.name, union: sub.union.name },
        link: `/assessment/submissions/${submissionId}`,
      },
    ),
  );
}

/**
 * Sets one item's score at a stage — "review" (county, before acceptance is final) or "confirm"
 * (inspection group / city) — with the reason, audited with the value it replaced. A change to a
 * confirmed submission recomputes its grade and level at once.
 */
export async function adjustScore(
  submissionId: string,
  itemId: string,
  score: number,
  reason: string,
  stage: "review" | "confirm",
  actorId: string,
) {
  const item = await prisma.assessmentItem.findFirst({
    where: { id: itemId, scheme: { submissions: { some: { id: submissionId } } } },
  });
  if (!item) throw new RuleError("assessment.error.notFound", null, 404);
  const problem = scoreProblem(item, score);
  if (problem) throw new RuleError(problem, null, 400, { max: item.maxPoints });
  const allowed = stage === "review" ? ["submitted", "reviewed"] : ["reviewed", "confirmed"];
  await prisma.$transaction(async (tx) => {
    const { count } = await tx.assessmentSubmission.updateMany({
      where: { id: submissionId, status: { in: allowed } },
      data: { updatedAt: new Date() },
    });
    if (count === 0) throw new RuleError("assessment.error.wrongStatus", null, 409);
    const before = await tx.assessmentScore.findUnique({ where: { submissionId_itemId: { submissionId, itemId } } });
    const data =
      stage === "review"
        ? { reviewScore: score, reviewReason: reason }
        : { confirmedScore: score, confirmReason: reason };
    await tx.assessmentScore.upsert({
      where: { submissionId_itemId: { submissionId, itemId } },
      create: { submissionId, itemId, ...data },
      update: data,
    });
    await audit(tx, {
      actorId,
      action: `assessment.score.${stage}`,
      entity: "AssessmentScore",
      entityId: `${submissionId}:${itemId}`,
      before: { score: before ? effectiveScore(before) : null },
      after: { score, reason },
    });
    await recomputeIfConfirmed(tx, submissionId);
  });
}

async function finalScores(tx: Tx, submissionId: string) {
  const sub = await tx.assessmentSubmission.findUniqueOrThrow({
    where: { id: submissionId },
    include: { scheme: { include: { items: true } }, scores: true },
  });
  const byItem = new Map(sub.scores.map((s) => [s.itemId, s]));
  const scores = new Map(sub.scheme.items.map((i) => [i.id, byItem.get(i.id) ? effectiveScore(byItem.get(i.id)!) : 0]));
  return { sub, scores, result: evaluate(sub.scheme.items, scores, parseThresholds(sub.scheme)) };
}

async function recomputeIfConfirmed(tx: Tx, submissionId: string) {
  const { sub, result } = await finalScores(tx, submissionId);
  if (sub.status !== "confirmed") return;
  await tx.assessmentSubmission.update({ where: { id: submissionId }, data: result });
}

/** Inspection group / city: the scores stand; each becomes the confirmed score, and grade and level follow. */
export async function confirmSubmission(submissionId: string, actorId: string) {
  return prisma.$transaction(async (tx) => {
    const { count } = await tx.assessmentSubmission.updateMany({
      where: { id: submissionId, status: "reviewed" },
      data: { status: "confirmed", confirmedAt: new Date() },
    });
    if (count === 0) throw new RuleError("assessment.error.wrongStatus", null, 409);
    const { sub, scores, result } = await finalScores(tx, submissionId);
    for (const item of sub.scheme.items) {
      const score = round1(scores.get(item.id) ?? 0);
      await tx.assessmentScore.upsert({
        where: { submissionId_itemId: { submissionId, itemId: item.id } },
        create: { submissionId, itemId: item.id, confirmedScore: score },
        update: { confirmedScore: score },
      });
    }
    await tx.assessmentSubmission.update({ where: { id: submissionId }, data: result });
    await audit(
      tx,
      submissionChange(
        actorId,
        "assessment.confirm",
        submissionId,
        { status: "reviewed" },
        { status: "confirmed", ...result },
      ),
    );
    return result;
  });
}
