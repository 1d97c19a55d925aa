// Approval-required activities: a sign-up waits as "pending" until staff approve or decline it.
// Approving takes the seat then, by the same conditional UPDATE as a sign-up (so two staff
// approving the last seat at once cannot both give it away), or a waiting-list place when the
// activity is full and has a waiting list; with neither, the approval is refused and the sign-up
// stays pending. Both decisions are audited and the worker is told. Staff may decide after the
// sign-up window has closed: the window limits when workers ask, not when staff answer.
import { prisma, type Tx } from "~/utils/db.server";
import { recordFunnelStep } from "~/utils/funnel.server";
import { RuleError } from "~/utils/rule-error";
import { takePlace } from "./registration.server";
import { recordStaffDecision } from "./staff-decision.server";

async function pendingRegistration(tx: Tx, activityId: string, registrationId: string) {
  const reg = await tx.registration.findFirst({
    where: { id: registrationId, activityId },
    select: {
      id: true,
      status: true,
      userId: true,
      user: { select: { isMigrant: true } },
      activity: { select: { title: true, centerId: true, countyId: true, category: true, status: true } },
    },
  });
  if (!reg) throw new RuleError("activities.checkin.notFound", null, 404);
  if (reg.status !== "pending") throw new RuleError("desk.approval.notPending", null, 409);
  if (reg.activity.status !== "published") throw new RuleError("activities.checkin.notPublished", null, 409);
  return reg;
}

/** Approves a pending sign-up: a seat if one is free, else a waiting-list place, else refused ("full"). */
export async function approveRegistration(input: { activityId: string; registrationId: string; staffId: string }) {
  const now = new Date();
  return prisma.$transaction(async (tx) => {
    const reg = await pendingRegistration(tx, input.activityId, input.registrationId);
    const id = input.activityId;
    const { status, waitlistSeq } = await takePlace(tx, id, null, "desk.approval.full");
    // Conditional on "pending": of two decisions on one sign-up, the second changes nothing and rolls back.
    const { count } = await tx.registration.updateMany({
      where: { id: reg.id, status: "pending" },
      data: { status, waitlistSeq },
    });
    if (count !== 1) throw new RuleError("desk.approval.notPending", null, 409);
    await recordStaffDecision(tx, {
      staffId: input.staffId,
      reg,
      action: "registration.approve",
      before: { status: "pending" },
      after: { status },
      notice: {
        kind: status === "confirmed" ? "desk.notify.approved" : "desk.notify.approvedWaitlisted",
        link: `/activities/${id}/registration`,
      },
    });
    const step = status === "confirmed" ? "signup" : "waitlist";
    await recordFunnelStep(
      {
        step,
        userId: reg.userId,
        isMigrant: reg.user.isMigrant,
        sourceType: "activity",
        activityId: id,
        centerId: reg.activity.centerId,
        countyId: reg.activity.countyId,
        category: reg.activity.category,
        dedupeKey: `${step}:${id}:${reg.userId}`,
        at: now,
      },
      tx,
    );
    return { status };
  });
}

/** Declines a pending sign-up, with the reason the worker is told. */
export async function declineRegistration(input: {
  activityId: string;
  registrationId: string;
  staffId: string;
  reason: string;
}) {
  return prisma.$transaction(async (tx) => {
    const reg = await pendingRegistration(tx, input.activityId, input.registrationId);
    const { count } = await tx.registration.updateMany({
      where: { id: reg.id, status: "pending" },
      data: { status: "declined", cancelledAt: new Date() },
    });
    if (count !== 1) throw new RuleError("desk.approval.notPending", null, 409);
    await recordStaffDecision(tx, {
      staffId: input.staffId,
      reg,
      action: "registration.decline",
      before: { status: "pending" },
      after: { status: "declined", reason: input.reason },
      notice: {
        kind: "desk.notify.declined",
        params: { reason: input.reason },
        link: `/activities/${input.activityId}/registration`,
      },
    });
  });
}
