// Members rate their union once per round. The answer row holds no user, no time and a random id;
// the receipt row (round, user) — written in the same transaction, with the table's primary key as
// the guard — is what makes a second answer impossible, even when two arrive at the same moment.
import { isUniqueViolation, prisma } from "~/utils/db.server";
import { RuleError } from "~/utils/rule-error";
import { EVALUATION_QUESTIONS, MIN_ANSWERS, SATISFIED_AT } from "./constants";
import { round1 } from "./grading";

export async function evaluationContext(roundId: string, userId: string) {
  const [round, membership, receipt] = await Promise.all([
    prisma.assessmentRound.findUnique({
      where: { id: roundId },
      select: { id: true, name: true, status: true, year: true },
    }),
    prisma.membership.findUnique({
      where: { userId },
      select: { unionId: true, union: { select: { name: true, countyId: true } } },
    }),
    prisma.evaluationReceipt.findUnique({ where: { roundId_userId: { roundId, userId } } }),
  ]);
  if (!round) throw new RuleError("assessment.error.notFound", null, 404);
  if (!membership) throw new RuleError("assessment.error.notMember", null, 403);
  return { round, union: membership.union, unionId: membership.unionId, answered: Boolean(receipt) };
}

export async function submitEvaluation(roundId: string, userId: string, ratings: number[], comment: string) {
  const ctx = await evaluationContext(roundId, userId);
  if (ctx.round.status !== "open") throw new RuleError("assessment.error.roundNotOpen", null, 409);
  if (ctx.answered) throw new RuleError("assessment.error.alreadyAnswered", null, 409);
  const average = round1(ratings.reduce((a, b) => a + b, 0) / ratings.length);
  try {
    await prisma.$transaction([
      prisma.evaluationReceipt.create({ data: { roundId, userId } }),
      prisma.memberEvaluation.create({
        data: {
          roundId,
          unionId: ctx.unionId,
          countyId: ctx.union.countyId,
          ratings: JSON.stringify(ratings),
          average,
          comment,
        },
      }),
    ]);
  } catch (error) {
    if (isUniqueViolation(error)) throw new RuleError("assessment.error.alreadyAnswered", null, 409);
    throw error;
  }
}

/** Averages per question and the satisfaction rate — or only the count, below MIN_ANSWERS. */
export async function evaluationSummary(roundId: string, unionId: string) {
  const rows = await prisma.memberEvaluation.findMany({
    where: { roundId, unionId },
    select: { ratings: true, average: true },
  });
  if (rows.length < MIN_ANSWERS) return { answers: rows.length, hidden: true as const };
  const parsed = rows.map((r) => JSON.parse(r.ratings) as number[]);
  const averages = EVALUATION_QUESTIONS.map((_, i) =>
    round1(parsed.reduce((a, r) => a + (r[i] ?? 0), 0) / parsed.length),
  );
  const satisfied = rows.filter((r) => r.average >= SATISFIED_AT).length;
  return { answers: rows.length, hidden: false as const, averages, rate: round1((satisfied / rows.length) * 100) };
}

/** Individual answers (ratings and comment, in random order) — for reviewers above the union only. */
export async function evaluationAnswers(roundId: string, unionId: string) {
  const rows = await prisma.memberEvaluation.findMany({
    where: { roundId, unionId },
    select: { id: true, ratings: true, comment: true },
    orderBy: { id: "asc" },
  });
  if (rows.length < MIN_ANSWERS) return null;
  return rows.map((r) => ({ id: r.id, ratings: JSON.parse(r.ratings) as number[], comment: r.comment }));
}
