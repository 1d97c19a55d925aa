// The golden-idea lifecycle: submitted → under_evaluation → adopted | not_adopted (reason)
// → implemented → verified (realised annual saving) → rewarded (amount or points).
// Each step is allowed only from its predecessor, recorded, and notifies the authors in-app.
import { notify } from "~/domain/notifications/notify.server";
import type { MessageKey } from "~/i18n";
import { prisma } from "~/utils/db.server";
import { RuleError } from "~/utils/rule-error";

export const IDEA_TRANSITIONS = {
  evaluate: { from: "submitted", to: "under_evaluation" },
  adopt: { from: "under_evaluation", to: "adopted" },
  reject: { from: "under_evaluation", to: "not_adopted" },
  implement: { from: "adopted", to: "implemented" },
  verify: { from: "implemented", to: "verified" },
  reward: { from: "verified", to: "rewarded" },
} as const;
export type IdeaAction = keyof typeof IDEA_TRANSITIONS;

export function nextActions(status: string): IdeaAction[] {
  return (Object.keys(IDEA_TRANSITIONS) as IdeaAction[]).filter((a) => IDEA_TRANSITIONS[a].from === status);
}

export async function transitionIdea(params: {
  entryId: string;
  contestId: string;
  actorId: string;
  action: IdeaAction;
  reason?: string | null;
  realisedSaving?: number | null;
  rewardAmount?: number | null;
  rewardPoints?: number | null;
}) {
  const { from, to } = IDEA_TRANSITIONS[params.action];
  if (params.action === "reject" && !params.reason?.trim())
    throw new RuleError("contests.validation.reasonRequired", "reason");
  if (
    params.action === "verify" &&
    (params.realisedSaving === null || params.realisedSaving === undefined || params.realisedSaving < 0)
  )
    throw new RuleError("contests.validation.savingRequired", "realisedSaving");
  if (
    params.action === "reward" &&
    !(params.rewardAmount && params.rewardAmount > 0) &&
    !(params.rewardPoints && params.rewardPoints > 0)
  )
    throw new RuleError("contests.validation.rewardRequired", "rewardAmount");

  await prisma.$transaction(async (tx) => {
    const data: Record<string, unknown> = { status: to };
    if (params.action === "reject" || params.action === "adopt") data.decisionReason = params.reason?.trim() || null;
    if (params.action === "verify") data.realisedSaving = params.realisedSaving;
    if (params.action === "reward") {
      data.rewardAmount = params.rewardAmount || null;
      data.rewardPoints = params.rewardPoints || null;
    }
    // The status condition is the guard: a concurrent or repeated step finds nothing to update.
    const updated = await tx.entry.updateMany({
      where: { id: params.entryId, contestId: params.contestId, status: from, contest: { kind: "golden_idea" } },
      data,
    });
    if (updated.count !== 1) throw new RuleError("contests.error.wrongState", null, 409);
    await tx.entryStatusChange.create({
      data: { entryId: params.entryId, from, to, reason: params.reason?.trim() || null, actorId: params.actorId },
    });
    const entry = await tx.entry.findUniqueOrThrow({
      where: { id: params.entryId },
      select: {
        title: true,
        submittedById: true,
        authors: { where: { status: "accepted" }, select: { userId: true } },
      },
    });
    const recipients = new Set([entry.submittedById, ...entry.authors.flatMap((a) => (a.userId ? [a.userId] : []))]);
    await notify(tx, [...recipients], {
      kind: `contests.notify.idea.${to}` as MessageKey,
      params: { title: entry.title },
      link: "/me/entries",
    });
  });
}
