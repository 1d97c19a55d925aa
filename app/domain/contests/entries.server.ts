// Workers' entries and ideas: drafts, submission before the deadline, withdrawal, support (点赞).
// Co-authors listed by phone are invited and count (as authors, and for judges' conflicts of
// interest) only once they accept; a judge of the contest cannot be listed at all, or an entrant
// could keep chosen judges away from their entry.
import { notify } from "~/domain/notifications/notify.server";
import { prisma, type Tx } from "~/utils/db.server";
import { sqlDate } from "~/utils/sql-dialect.server";
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

type AuthorStatus = "invited" | "accepted" | "declined";

/**
 * The entry's authors from the form's lines. A registered co-author keeps the answer they already
 * gave on this entry (`previous`), otherwise is "invited"; name-only co-authors are the
 * submitter's word and are "accepted" (they have no account to answer with).
 */
async function resolveCoAuthors(
  tx: Tx,
  contestId: string,
  lines: string[],
  submitter: { id: string; name: string },
  previous: Map<string, AuthorStatus>,
) {
  const authors: { userId: string | null; name: string; status: AuthorStatus }[] = [
    { userId: submitter.id, name: submitter.name, status: "accepted" },
  ];
  for (const raw of lines
    .map((l) => l.trim())
    .filter(Boolean)
    .slice(0, 10)) {
    if (PHONE_RE.test(raw)) {
      const user = await tx.user.findUnique({ where: { phone: raw }, select: { id: true, name: true } });
      if (!user) throw new RuleError("contests.validation.coAuthorUnknown", "coAuthors", 400, { phone: raw });
      const judge = await tx.contestJudge.findUnique({
        where: { contestId_userId: { contestId, userId: user.id } },
        select: { id: true },
      });
      if (judge) throw new RuleError("judging.validation.coAuthorIsJudge", "coAuthors", 400, { phone: raw });
      if (!authors.some((a) => a.userId === user.id))
        authors.push({ userId: user.id, name: user.name, status: previous.get(user.id) ?? "invited" });
    } else {
      authors.push({ userId: null, name: raw.slice(0, 40), status: "accepted" });
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
    const previous = new Map<string, AuthorStatus>();
    if (params.entryId)
      for (const a of await tx.entryAuthor.findMany({
        where: { entryId: params.entryId, entry: { submittedById: user.id }, userId: { not: null } },
        select: { userId: true, status: true },
      }))
        previous.set(a.userId!, a.status as AuthorStatus);
    const authors = await resolveCoAuthors(tx, contest.id, params.input.coAuthors, user, previous);
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
      data: authors.map((a, position) => ({
        entryId: entryId!,
        userId: a.userId,
        name: a.name,
        position,
        status: a.status,
      })),
    });
    const invited = authors.filter((a) => a.userId && a.status === "invited" && !previous.has(a.userId));
    await notify(
      tx,
      invited.map((a) => a.userId!),
      {
        kind: "judging.notify.coAuthorInvited",
        params: { name: user.name, title: params.input.title },
        link: `/contests/${contest.id}`,
      },
    );
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

/**
 * A co-author answers an invitation, while submission is open (afterwards the team is fixed, so
 * judges' conflicts cannot change under an assignment). Accepting is refused to a judge of the
 * contest. The submitter is told the answer.
 */
export async function answerCoAuthorInvitation(params: {
  entryId: string;
  userId: string;
  accept: boolean;
  now?: Date;
}) {
  const now = params.now ?? new Date();
  return prisma.$transaction(async (tx) => {
    const author = await tx.entryAuthor.findFirst({
      where: { entryId: params.entryId, userId: params.userId, status: "invited" },
      select: {
        id: true,
        entry: {
          select: {
            title: true,
            submittedById: true,
            contestId: true,
            contest: { select: { submissionClosesAt: true } },
          },
        },
      },
    });
    if (!author) throw new RuleError("judging.error.noInvitation", null, 404);
    if (now > author.entry.contest.submissionClosesAt)
      throw new RuleError("contests.error.submissionClosed", null, 403);
    if (params.accept) {
      const judge = await tx.contestJudge.findUnique({
        where: { contestId_userId: { contestId: author.entry.contestId, userId: params.userId } },
        select: { id: true },
      });
      if (judge) throw new RuleError("judging.validation.judgeCannotCoAuthor", null, 403);
    }
    const status = params.accept ? "accepted" : "declined";
    const updated = await tx.entryAuthor.updateMany({ where: { id: author.id, status: "invited" }, data: { status } });
    if (updated.count !== 1) throw new RuleError("judging.error.noInvitation", null, 409);
    const me = await tx.user.findUniqueOrThrow({ where: { id: params.userId }, select: { name: true } });
    await notify(tx, author.entry.submittedById, {
      kind: params.accept ? "judging.notify.coAuthorAccepted" : "judging.notify.coAuthorDeclined",
      params: { name: me.name, title: author.entry.title },
      link: `/contests/${author.entry.contestId}`,
    });
    return status;
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
      await tx.$executeRaw`INSERT INTO "IdeaSupport" ("entryId", "userId", "createdAt") VALUES (${entryId}, ${userId}, ${sqlDate(new Date())}) ON CONFLICT DO NOTHING`;
    if (inserted > 0)
      await tx.$executeRaw`UPDATE "Entry" SET "supportCount" = "supportCount" + 1 WHERE "id" = ${entryId}`;
    return inserted > 0;
  });
}
