// The desk's attendee management: the full list of an activity's registrations, staff moving a
// worker off the waiting list or removing a registration (each with a reason, audited, the worker
// told), and messages to everyone registered. Permission is checked by the routes first.
import { notify } from "~/domain/notifications/notify.server";
import { audit } from "~/utils/audit.server";
import { prisma, type Tx } from "~/utils/db.server";
import { containsFilter } from "~/utils/sql-dialect.server";
import { RuleError } from "~/utils/rule-error";
import type { AttendeeFilter } from "./attendee-filters";
import { maskPhone } from "./checkin.server";
import { releasePlace } from "./registration.server";
import { recordStaffDecision } from "./staff-decision.server";

/** Registrations still holding (or waiting for) a place: who "message all" and change notices reach. */
const ACTIVE = ["pending", "confirmed", "waitlisted"];

const whereFor = (filter: AttendeeFilter) => {
  switch (filter) {
    case "all":
      return {};
    case "attended":
      return { attendedAt: { not: null } };
    case "cancelled":
      return { status: { in: ["cancelled", "declined"] } };
    default:
      return { status: filter };
  }
};

/**
 * The list in the order staff act on it: confirmed and attended first, then the waiting list in its
 * order, then pending sign-ups oldest first, then cancelled and declined.
 */
export async function listAttendees(activityId: string, filter: AttendeeFilter, query: string) {
  const q = query.trim();
  // Places on the waiting list count the whole queue, whatever the filter shows.
  const queue = await prisma.registration.findMany({
    where: { activityId, status: "waitlisted" },
    orderBy: { waitlistSeq: "asc" },
    select: { id: true },
  });
  const placeOf = new Map(queue.map((r, i) => [r.id, i + 1]));
  const rows = await prisma.registration.findMany({
    where: {
      activityId,
      ...whereFor(filter),
      ...(q
        ? {
            OR: [
              { user: { name: containsFilter(q) } },
              ...(/^\d{4,11}$/.test(q) ? [{ user: { phone: { contains: q } } }] : []),
            ],
          }
        : {}),
    },
    orderBy: { createdAt: "asc" },
    take: 1000,
    select: {
      id: true,
      status: true,
      waitlistSeq: true,
      attendedAt: true,
      walkIn: true,
      createdAt: true,
      cancelledAt: true,
      user: { select: { name: true, phone: true } },
    },
  });
  const rank = { confirmed: 0, waitlisted: 1, pending: 2, cancelled: 3, declined: 4 } as Record<string, number>;
  return rows
    .sort((a, b) => rank[a.status] - rank[b.status] || (a.waitlistSeq ?? 0) - (b.waitlistSeq ?? 0))
    .map((r) => ({
      id: r.id,
      status: r.status,
      position: placeOf.get(r.id) ?? null,
      attendedAt: r.attendedAt,
      walkIn: r.walkIn,
      createdAt: r.createdAt,
      cancelledAt: r.cancelledAt,
      name: r.user.name,
      phone: maskPhone(r.user.phone),
    }));
}

/** Counts per status for the filter tabs. */
export async function attendeeCounts(activityId: string) {
  const [groups, attended] = await Promise.all([
    prisma.registration.groupBy({ by: ["status"], where: { activityId }, _count: { _all: true } }),
    prisma.registration.count({ where: { activityId, attendedAt: { not: null } } }),
  ]);
  const by = Object.fromEntries(groups.map((g) => [g.status, g._count._all])) as Record<string, number>;
  const n = (s: string) => by[s] ?? 0;
  return {
    all: groups.reduce((sum, g) => sum + g._count._all, 0),
    confirmed: n("confirmed"),
    waitlisted: n("waitlisted"),
    pending: n("pending"),
    attended,
    cancelled: n("cancelled") + n("declined"),
  };
}

async function registrationFor(tx: Tx, activityId: string, registrationId: string) {
  const reg = await tx.registration.findFirst({
    where: { id: registrationId, activityId },
    select: {
      id: true,
      status: true,
      userId: true,
      attendedAt: true,
      activity: { select: { title: true, centerId: true, status: true } },
    },
  });
  if (!reg) throw new RuleError("activities.checkin.notFound", null, 404);
  return reg;
}

/**
 * Staff move a worker from the waiting list into a seat, ahead of the queue's order. The seat is
 * added even when the activity is full (as for a walk-in: staff decide), so the confirmed count
 * may exceed the capacity; nobody else loses their seat.
 */
export async function promoteFromWaitlist(input: {
  activityId: string;
  registrationId: string;
  staffId: string;
  reason: string;
}) {
  return prisma.$transaction(async (tx) => {
    const reg = await registrationFor(tx, input.activityId, input.registrationId);
    if (reg.activity.status !== "published") throw new RuleError("activities.checkin.notPublished", null, 409);
    const { count } = await tx.registration.updateMany({
      where: { id: reg.id, status: "waitlisted" },
      data: { status: "confirmed", waitlistSeq: null, promotedAt: new Date() },
    });
    if (count !== 1) throw new RuleError("desk.attendees.notWaitlisted", null, 409);
    await tx.$executeRaw`UPDATE "Activity" SET "confirmedCount" = "confirmedCount" + 1, "waitlistCount" = "waitlistCount" - 1 WHERE "id" = ${input.activityId}`;
    await recordStaffDecision(tx, {
      staffId: input.staffId,
      reg,
      action: "registration.promote",
      before: { status: "waitlisted" },
      after: { status: "confirmed", reason: input.reason },
      notice: { kind: "activities.notify.promoted", link: `/activities/${input.activityId}/registration` },
    });
  });
}

/**
 * Staff remove a registration (confirmed, waitlisted or pending) with a reason. A freed seat goes
 * to the waiting list at once, as when the worker cancels. Someone already checked in stays.
 */
export async function removeRegistration(input: {
  activityId: string;
  registrationId: string;
  staffId: string;
  reason: string;
}) {
  const now = new Date();
  return prisma.$transaction(async (tx) => {
    const reg = await registrationFor(tx, input.activityId, input.registrationId);
    if (reg.attendedAt) throw new RuleError("activities.cancel.alreadyAttended", null, 409);
    const { count } = await tx.registration.updateMany({
      where: { id: reg.id, status: { in: ACTIVE } },
      data: { status: "cancelled", cancelledAt: now, waitlistSeq: null },
    });
    if (count !== 1) throw new RuleError("desk.attendees.notActive", null, 409);
    await releasePlace(tx, input.activityId, reg.status, now);
    await recordStaffDecision(tx, {
      staffId: input.staffId,
      reg,
      action: "registration.remove",
      before: { status: reg.status },
      after: { status: "cancelled", reason: input.reason },
      notice: {
        kind: "desk.notify.removed",
        params: { reason: input.reason },
        link: `/activities/${input.activityId}`,
      },
    });
  });
}

/** Everyone holding or waiting for a place (pending, confirmed, waitlisted). */
export async function activeRegistrantIds(tx: Tx, activityId: string) {
  const rows = await tx.registration.findMany({
    where: { activityId, status: { in: ACTIVE } },
    select: { userId: true },
  });
  return rows.map((r) => r.userId);
}

/** A message from staff to everyone registered; notify() delivers it on each worker's channels. */
export async function messageAllRegistrants(input: { activityId: string; staffId: string; text: string }) {
  return prisma.$transaction(async (tx) => {
    const activity = await tx.activity.findUniqueOrThrow({
      where: { id: input.activityId },
      select: { title: true, centerId: true },
    });
    const userIds = await activeRegistrantIds(tx, input.activityId);
    if (userIds.length === 0) throw new RuleError("desk.message.nobody", null, 409);
    await notify(tx, userIds, {
      kind: "desk.notify.message",
      params: { title: activity.title, text: input.text },
      link: `/activities/${input.activityId}`,
    });
    await audit(tx, {
      actorId: input.staffId,
      action: "activity.message",
      entity: "Activity",
      entityId: input.activityId,
      after: { text: input.text, recipients: userIds.length },
      orgId: activity.centerId,
    });
    return userIds.length;
  });
}
