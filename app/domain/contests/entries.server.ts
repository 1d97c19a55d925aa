// Workers' entries and ideas: drafts, submission before the deadline, withdrawal, support (点赞).
import { prisma, sqlDate, type Tx } from "~/utils/db.server";
import { recordFunnelStep } from "~/utils/funnel.server";
import { RuleError } from "~/utils/rule-error";
import { parseStringList } from "~/utils/string-list";
import { PHONE_RE } from "~/utils/validation";
import { ACTIVE_ENTRY, categoriesFor } from "./constants";
import { isEligible } from "./contests.server";

export type EntryInput = {
  category: string;
  title: string;
  problem: string;
  solution: string;
  benefit: string;
  estimatedSaving: number | null;
  /** One co-author per line: an 11-digit phone of a registered user, or a name. */
  coAuthors: string[];
};

async function resolveCoAuthors(tx: Tx, lines: string[], submitter: { id: string; name: string }) {
  const authors: { userId: string | null; name: string }[] = [{ userId: submitter.id, name: submitter.name }];
  for (const raw of lines
    .map((l) => l.trim())
    .filter(Boolean)
    .slice(0, 10)) {
    if (PHONE_RE.test(raw)) {
      const user = await tx.user.findUnique({ where: { phone: raw }, select: { id: true, name: true } });
      if (!user) throw new RuleError("contests.validation.coAuthorUnknown", "coAuthors", 400, { phone: raw });
      if (!authors.some((a) => a.userId === user.id)) authors.push({ userId: user.id, name: user.name });
    } else {
      authors.push({ userId: null, name: raw.slice(0, 40) });
    }
  }
  return authors;
}

/**
 * Creates or updates an entry (the submitter's own, still a draft) and, when `submit`, submits it.
 * Attachment file ids must already be stored (checked by type and size) by the caller.
 */
export async function saveEntry(params: {
  contestId: string;
  userId: string;
  entryId?: string | null;
  input: EntryInput;
  fileIds: string[];
  submit: boolean;
  now?: Date;
}) {
  const now = params.now ?? new Date();
  const contest = await prisma.contest.findUnique({
    where: { id: params.contestId },
    select: {
      id: true,
      kind: true,
      status: true,
      orgId: true,
      eligibility: true,
      categories: true,
      submissionOpensAt: true,
      submissionClosesAt: true,
      org: { select: { countyId: true } },
    },
  });
  if (!contest || contest.status === "draft") throw new RuleError("contests.error.notFound", null, 404);
  if (now < contest.submissionOpensAt) throw new RuleError("contests.error.submissionNotOpen", null, 403);
  if (now > contest.submissionClosesAt) throw new RuleError("contests.error.submissionClosed", null, 403);
  if (!(await isEligible(params.userId, contest))) throw new RuleError("contests.error.notEligible", null, 403);
  const allowed = parseStringList(contest.categories);
  const categories = allowed.length ? allowed : [...categoriesFor(contest.kind)];
  if (!categories.includes(params.input.category)) throw new RuleError("validation.invalidChoice", "category");

  return prisma.$transaction(async (tx) => {
    const user = await tx.user.findUniqueOrThrow({
      where: { id: params.userId },
      select: { id: true, name: true, isMigrant: true, employerId: true, employer: { select: { unionId: true } } },
    });
    const authors = await resolveCoAuthors(tx, params.input.coAuthors, user);
    const fields = {
      category: params.input.category,
      title: params.input.title,
      problem: params.input.problem,
      solution: params.input.solution,
      benefit: params.input.benefit,
      estimatedSaving: params.input.estimatedSaving,
    };
    let entryId = params.entryId ?? null;
    if (entryId) {
      // Only the submitter's own draft can be edited; the status condition makes it race-free.
      const updated = await tx.entry.updateMany({
        where: { id: entryId, contestId: contest.id, submittedById: user.id, status: "draft" },
        data: fields,
      });
      if (updated.count !== 1) throw new RuleError("contests.error.notEditable", null, 409);
      await tx.entryAuthor.deleteMany({ where: { entryId } });
    } else {
      entryId = (
        await tx.entry.create({
          data: { ...fields, contestId: contest.id, submittedById: user.id },
          select: { id: true },
        })
      ).id;
    }
    await tx.entryAuthor.createMany({
      data: authors.map((a, position) => ({ entryId: entryId!, userId: a.userId, name: a.name, position })),
    });
    if (params.fileIds.length) {
      const existing = await tx.entryAttachment.count({ where: { entryId } });
      if (existing + params.fileIds.length > 10) throw new RuleError("upload.tooMany", "attachments", 400, { max: 10 });
      await tx.entryAttachment.createMany({
        data: params.fileIds.map((fileId, i) => ({ entryId: entryId!, fileId, position: existing + i })),
      });
    }
    if (params.submit) {
      await tx.entry.update({
        where: { id: entryId },
        data: {
          status: "submitted",
          submittedAt: now,
          enterpriseId: user.employerId,
          orgId: user.employer?.unionId ?? null,
        },
      });
      await tx.entryStatusChange.create({ data: { entryId, from: "draft", to: "submitted", actorId: user.id } });
      await recordFunnelStep(
        {
          step: "contest_entry",
          userId: user.id,
          sourceType: "contest",
          contestId: contest.id,
          countyId: contest.org.countyId,
          category: contest.kind,
          isMigrant: user.isMigrant,
          dedupeKey: `contest_entry|${entryId}`,
          at: now,
        },
        tx,
      );
    }
    return { entryId };
  });
}

/** Withdraws a submitted entry: five-small entries until the deadline, ideas until evaluation starts. */
export async function withdrawEntry(entryId: string, userId: string, now = new Date()) {
  return prisma.$transaction(async (tx) => {
    const entry = await tx.entry.findFirst({
      where: { id: entryId, submittedById: userId },
      select: { status: true, contest: { select: { kind: true, submissionClosesAt: true } } },
    });
    if (!entry) throw new RuleError("contests.error.notFound", null, 404);
    if (entry.contest.kind === "five_small" && now > entry.contest.submissionClosesAt)
      throw new RuleError("contests.error.submissionClosed", null, 403);
    const from = entry.status;
    if (from !== "submitted" && from !== "draft") throw new RuleError("contests.error.cannotWithdraw", null, 409);
    const updated = await tx.entry.updateMany({ where: { id: entryId, status: from }, data: { status: "withdrawn" } });
    if (updated.count !== 1) throw new RuleError("contests.error.cannotWithdraw", null, 409);
    await tx.entryStatusChange.create({ data: { entryId, from, to: "withdrawn", actorId: userId } });
  });
}

/** A coworker supports (点赞) an idea, at most once; the count moves in the same transaction. */
export async function supportIdea(contestId: string, entryId: string, userId: string) {
  return prisma.$transaction(async (tx) => {
    const entry = await tx.entry.findFirst({
      where: {
        id: entryId,
        contestId,
        contest: { kind: "golden_idea", status: { not: "draft" } },
        status: ACTIVE_ENTRY,
      },
      select: { submittedById: true },
    });
    if (!entry) throw new RuleError("contests.error.notFound", null, 404);
    if (entry.submittedById === userId) throw new RuleError("contests.error.ownIdea", null, 403);
    const inserted =
      await tx.$executeRaw`INSERT OR IGNORE INTO IdeaSupport (entryId, userId, createdAt) VALUES (${entryId}, ${userId}, ${sqlDate(new Date())})`;
    if (inserted > 0) await tx.$executeRaw`UPDATE Entry SET supportCount = supportCount + 1 WHERE id = ${entryId}`;
    return inserted > 0;
  });
}
