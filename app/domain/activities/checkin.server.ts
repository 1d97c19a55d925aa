// At the door: mark attendance (and undo it), and register walk-ins who turn up without a place.
import { randomBytes, randomUUID } from "node:crypto";
import { notify } from "~/domain/notifications/notify.server";
import { isUniqueViolation, prisma, type Tx } from "~/utils/db.server";
import { containsFilter, lockKey, sqlDate } from "~/utils/sql-dialect.server";
import { recordFunnelStep } from "~/utils/funnel.server";
import { hashPassword } from "~/utils/password.server";
import { RuleError } from "~/utils/rule-error";
import { PHONE_RE } from "~/utils/validation";
import { freeCode, normaliseCode, registrationLockKey } from "./registration.server";

const attendKey = (activityId: string, userId: string) => `attend:${activityId}:${userId}`;

/**
 * Marks a registration as attended; the "attend" funnel step is recorded once per worker and
 * activity (its dedupe key), so a double tap counts once. Only a published activity takes
 * check-ins (not a draft, nor one that was cancelled).
 */
export async function checkIn(activityId: string, registrationId: string, staffId: string, now = new Date()) {
  return prisma.$transaction((tx) => checkInWithin(tx, activityId, registrationId, staffId, now));
}

async function checkInWithin(tx: Tx, activityId: string, registrationId: string, staffId: string | null, now: Date) {
  const reg = await tx.registration.findFirst({
    where: { id: registrationId, activityId },
    select: {
      id: true,
      status: true,
      attendedAt: true,
      userId: true,
      user: { select: { isMigrant: true } },
      activity: { select: { centerId: true, countyId: true, category: true, status: true } },
    },
  });
  if (!reg) throw new RuleError("activities.checkin.notFound");
  if (reg.activity.status !== "published") throw new RuleError("activities.checkin.notPublished");
  if (reg.status !== "confirmed") throw new RuleError("activities.checkin.notConfirmed");
  if (reg.attendedAt) return { already: true, userId: reg.userId };
  await tx.registration.update({ where: { id: reg.id }, data: { attendedAt: now, checkedInById: staffId } });
  await recordFunnelStep(
    {
      step: "attend",
      userId: reg.userId,
      isMigrant: reg.user.isMigrant,
      sourceType: "activity",
      activityId,
      centerId: reg.activity.centerId,
      countyId: reg.activity.countyId,
      category: reg.activity.category,
      dedupeKey: attendKey(activityId, reg.userId),
      at: now,
    },
    tx,
  );
  return { already: false, userId: reg.userId };
}

/**
 * Undoes a mistaken check-in. The funnel is append-only (its events feed pre-aggregated rollups),
 * so the "attend" step stays; its dedupe key means checking the same worker in again never counts
 * twice. Attendance figures on the center dashboard come from Registration.attendedAt, which
 * the undo clears.
 */
export async function undoCheckIn(activityId: string, registrationId: string) {
  const { count } = await prisma.registration.updateMany({
    where: { id: registrationId, activityId, attendedAt: { not: null } },
    data: { attendedAt: null, checkedInById: null },
  });
  return count === 1;
}

/**
 * A walk-in: someone at the door without a registration. Staff type a name and mobile number.
 * - A new number opens a placeholder account with the typed name (its password is random: the
 *   worker claims it later by phone) and is seated and checked in at once.
 * - A number that already has an account is not trusted to be its owner: the walk-in is held as an
 *   UnclaimedWalkIn and the owner is asked (a notification; /me/activities) to confirm it. Until
 *   then nothing enters their history and the staff never learn whose number it is; the activity
 *   counts it as an anonymous head (unclaimedWalkInCount).
 * The caller answers the staff the same way in both cases, with the name they typed. The result
 * says `already` when the number was already counted at this activity (the same walk-in entered
 * twice, or its owner checked in), so the door can say "already checked in" instead of counting again.
 * Walk-ins take a seat even beyond capacity — they are physically there; staff decide at the door.
 */
export async function registerWalkIn(
  activityId: string,
  input: { name: string; phone: string },
  staffId: string,
  now = new Date(),
) {
  if (!PHONE_RE.test(input.phone)) throw new RuleError("auth.validation.badPhone", "phone");
  // Hashed before the transaction: argon2 is slow, and the write lock should not wait for it.
  // The hash of a fresh random password is unique, so it also tells whether the upsert created the account.
  const placeholderHash = await hashPassword(randomBytes(24).toString("hex"));
  // One transaction: the account, the seat and the check-in (or the held walk-in) happen or none
  // does. Walk-ins of one number take turns (an upsert with nothing to update does not lock the
  // row on PostgreSQL: two would both try the INSERT), so two staff entering the same new number
  // at once end up with one account; a number registered some other way at that very moment
  // (a unique violation) is answered by one retry, which finds the account.
  const once = () =>
    prisma.$transaction(async (tx) => {
      await lockKey(tx, `walk-in-phone:${input.phone}`);
      return walkInWithin(tx);
    });
  const walkInWithin = async (tx: Tx) => {
    const activity = await tx.activity.findUnique({ where: { id: activityId }, select: { status: true, title: true } });
    if (activity?.status !== "published") throw new RuleError("activities.checkin.notPublished");
    const user = await tx.user.upsert({
      where: { phone: input.phone },
      create: { name: input.name, phone: input.phone, email: null, passwordHash: placeholderHash, unclaimed: true },
      update: {},
      select: { id: true, passwordHash: true, unclaimed: true },
    });
    // A new number, or an earlier walk-in's account nobody has claimed yet (no owner to ask; the
    // account is claimed by proving the number, see app/domain/account/): seated and checked in.
    if (user.passwordHash === placeholderHash || user.unclaimed) {
      const registrationId = await seatWalkIn(tx, activityId, user.id);
      const checked = await checkInWithin(tx, activityId, registrationId, staffId, now); // cannot be refused: the seat is confirmed
      return { already: checked.already };
    }
    // Someone's account. Already counted here (checked in, or the same number entered twice): nothing to add.
    const attended = await tx.registration.count({ where: { activityId, userId: user.id, attendedAt: { not: null } } });
    if (attended > 0) return { already: true };
    // ON CONFLICT: a walk-in already held for this number and activity stays as it is (one notification).
    const held = await tx.$executeRaw`
      INSERT INTO "UnclaimedWalkIn" ("id", "activityId", "userId", "name", "recordedById", "status", "createdAt")
      VALUES (${randomUUID()}, ${activityId}, ${user.id}, ${input.name}, ${staffId}, 'pending', ${sqlDate(now)})
      ON CONFLICT ("activityId", "userId") DO NOTHING`;
    if (held > 0) {
      await notify(tx, user.id, {
        kind: "activities.notify.walkInToConfirm",
        params: { title: activity.title },
        link: "/me/activities",
      });
    }
    return { already: held === 0 };
  };
  try {
    return await once();
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    return once();
  }
}

/**
 * The owner of a number answers a held walk-in: confirming seats and checks them in as of the
 * time they were at the door (and records the "attend" step for that day); declining keeps only
 * the anonymous head. Only their own pending walk-ins; a walk-in at an activity that is no longer
 * published can only be declined.
 */
export async function answerWalkIn(userId: string, walkInId: string, confirm: boolean, now = new Date()) {
  return prisma.$transaction(async (tx) => {
    const held = await tx.unclaimedWalkIn.findFirst({
      where: { id: walkInId, userId, status: "pending" },
      select: {
        id: true,
        activityId: true,
        recordedById: true,
        createdAt: true,
        activity: { select: { status: true } },
      },
    });
    if (!held) throw new RuleError("activities.walkIn.notFound", null, 404);
    if (confirm) {
      if (held.activity.status !== "published") throw new RuleError("activities.checkin.notPublished", null, 409);
      const registrationId = await seatWalkIn(tx, held.activityId, userId);
      await checkInWithin(tx, held.activityId, registrationId, held.recordedById, held.createdAt); // cannot be refused: the seat was just confirmed
    }
    // Conditional on "pending": of two answers sent at once, one decides and the other changes nothing.
    const { count } = await tx.unclaimedWalkIn.updateMany({
      where: { id: held.id, status: "pending" },
      data: { status: confirm ? "confirmed" : "declined", decidedAt: now },
    });
    if (count !== 1) throw new Error("walk-in answered twice");
  });
}

/** Walk-ins held for the user's confirmation, newest first (for /me/activities). */
export function pendingWalkIns(userId: string) {
  return prisma.unclaimedWalkIn.findMany({
    where: { userId, status: "pending" },
    orderBy: { createdAt: "desc" },
    take: 50,
    select: {
      id: true,
      createdAt: true,
      activity: { select: { id: true, title: true, startsAt: true, address: true } },
    },
  });
}

/**
 * Walk-ins at the activity not (yet) linked to an account: people who were there, counted as
 * anonymous heads in the door's attendance figure (never in anyone's history or the funnel).
 * Confirmed ones are registrations by then, counted there.
 */
export function unclaimedWalkInCount(activityId: string) {
  return prisma.unclaimedWalkIn.count({ where: { activityId, status: { not: "confirmed" } } });
}

/** A confirmed seat for the walk-in: kept if they have one, else taken (from the waiting list or anew). */
async function seatWalkIn(tx: Tx, activityId: string, userId: string) {
  // Takes turns with a sign-up or cancel of the same registration (see registration.server.ts).
  await lockKey(tx, registrationLockKey(activityId, userId));
  const existing = await tx.registration.findUnique({
    where: { activityId_userId: { activityId, userId } },
    select: { id: true, status: true },
  });
  if (existing?.status === "confirmed") return existing.id;
  if (existing?.status === "waitlisted") {
    await tx.$executeRaw`UPDATE "Activity" SET "confirmedCount" = "confirmedCount" + 1, "waitlistCount" = "waitlistCount" - 1 WHERE "id" = ${activityId}`;
  } else {
    await tx.$executeRaw`UPDATE "Activity" SET "confirmedCount" = "confirmedCount" + 1 WHERE "id" = ${activityId}`;
  }
  const fields = { status: "confirmed", waitlistSeq: null, walkIn: true, cancelledAt: null };
  const reg = existing
    ? await tx.registration.update({ where: { id: existing.id }, data: fields, select: { id: true } })
    : await tx.registration.create({
        data: { ...fields, activityId, userId, checkinCode: await freeCode(tx, activityId) },
        select: { id: true },
      });
  return reg.id;
}

/** Registrations matching a typed code, a name or a phone number (for the check-in screen). */
export async function findRegistrations(activityId: string, query: string) {
  const q = query.trim();
  if (!q) return [];
  const code = normaliseCode(q);
  return prisma.registration.findMany({
    where: {
      activityId,
      status: { not: "cancelled" },
      OR: [
        ...(code.length === 6 ? [{ checkinCode: code }] : []),
        { user: { name: containsFilter(q) } },
        ...(/^\d{4,11}$/.test(q) ? [{ user: { phone: { contains: q } } }] : []),
      ],
    },
    orderBy: { createdAt: "asc" },
    take: 20,
    select: registrationRowSelect,
  });
}

export const registrationRowSelect = {
  id: true,
  status: true,
  checkinCode: true,
  attendedAt: true,
  walkIn: true,
  waitlistSeq: true,
  user: { select: { id: true, name: true, phone: true, membership: { select: { id: true } } } },
} as const;

/** "138****0001": staff at the door see enough to tell people apart. */
export function maskPhone(phone: string | null) {
  return phone ? `${phone.slice(0, 3)}****${phone.slice(-4)}` : "";
}
