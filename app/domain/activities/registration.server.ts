// Sign-up, cancellation and waiting-list promotion. Seats are decided by one conditional UPDATE
// on the Activity row inside the transaction (never by numbers read into JavaScript), so two
// workers racing for the last seat cannot both get it, in one process or several.
import { randomInt } from "node:crypto";
import { Prisma } from "@prisma/client";
import type { MessageKey } from "~/i18n";
import { notify } from "~/domain/notifications/notify.server";
import { prisma, sqlDate, type Tx } from "~/utils/db.server";
import { recordFunnelStep } from "~/utils/funnel.server";
import { RuleError } from "~/utils/rule-error";
import { parseStringList } from "~/utils/string-list";

export type Answers = Record<string, string | string[]>;
export type RegistrationStatus = "pending" | "confirmed" | "waitlisted" | "declined";
export type SignupResult = { registrationId: string; status: RegistrationStatus; alreadyRegistered: boolean };

// No 0/O, 1/I/L: codes are read aloud and typed at the door.
const CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
/** A promotion this close to the start goes by SMS whatever the worker chose (issue #10). */
export const PROMOTION_SMS_WITHIN_MS = 48 * 3600_000;
export function newCheckinCode() {
  return Array.from({ length: 6 }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]).join("");
}

/** Normalises what staff type or scan into a code ("xga:…:ab3k9m " → "AB3K9M"). */
export function normaliseCode(raw: string) {
  const last = raw.trim().split(":").pop() ?? "";
  return last.toUpperCase().replace(/[^A-Z0-9]/g, "");
}

/** The text a personal QR code carries: the activity and the code, so a scan at the wrong door is caught. */
export function qrPayload(activityId: string, code: string) {
  return `XGA:${activityId}:${code}`;
}

type Question = { id: string; kind: string; label: string; options: string; required: boolean };

/** Checks answers against the questions; returns clean answers or per-question field errors (keyed q_<id>). */
export function checkAnswers(questions: Question[], raw: Answers) {
  const answers: Answers = {};
  const fieldErrors: Record<string, string[]> = {};
  for (const q of questions) {
    const field = `q_${q.id}`;
    const value = raw[q.id];
    const options = parseStringList(q.options);
    if (q.kind === "text") {
      const text = (Array.isArray(value) ? value[0] : (value ?? "")).trim();
      if (text.length > 500) fieldErrors[field] = ["validation.tooLong"];
      else if (!text && q.required) fieldErrors[field] = ["validation.required"];
      else if (text) answers[q.id] = text;
    } else if (q.kind === "single") {
      const choice = Array.isArray(value) ? value[0] : value;
      if (!choice) {
        if (q.required) fieldErrors[field] = ["validation.required"];
      } else if (!options.includes(choice)) fieldErrors[field] = ["validation.invalidChoice"];
      else answers[q.id] = choice;
    } else {
      const choices = [...new Set(Array.isArray(value) ? value : value ? [value] : [])];
      if (choices.some((c) => !options.includes(c))) fieldErrors[field] = ["validation.invalidChoice"];
      else if (choices.length === 0 && q.required) fieldErrors[field] = ["validation.required"];
      else if (choices.length) answers[q.id] = choices;
    }
  }
  return { answers, fieldErrors };
}

/** Answers as a form sends them: fields named q_<questionId>, repeated for multiple choice. */
export function answersFromForm(formData: FormData): Answers {
  const raw: Answers = {};
  for (const key of new Set(formData.keys())) {
    if (!key.startsWith("q_")) continue;
    const values = formData.getAll(key).filter((v): v is string => typeof v === "string");
    raw[key.slice(2)] = values.length > 1 ? values : (values[0] ?? "");
  }
  return raw;
}

/**
 * Signs a worker up. Idempotent: a second call for the same worker returns their registration;
 * a cancelled registration is reactivated (with a new place, at the back of the queue).
 */
export async function signUp(input: {
  activityId: string;
  userId: string;
  answers: Answers;
  now?: Date;
}): Promise<SignupResult> {
  const now = input.now ?? new Date();
  const activity = await prisma.activity.findUnique({
    where: { id: input.activityId },
    select: {
      id: true,
      status: true,
      signupOpensAt: true,
      signupClosesAt: true,
      eligibility: true,
      waitlistEnabled: true,
      approvalRequired: true,
      centerId: true,
      countyId: true,
      category: true,
      questions: {
        orderBy: { position: "asc" },
        select: { id: true, kind: true, label: true, options: true, required: true },
      },
    },
  });
  if (!activity || activity.status === "draft") throw new RuleError("activities.signup.notFound", null, 404);

  const existing = await prisma.registration.findUnique({
    where: { activityId_userId: { activityId: activity.id, userId: input.userId } },
    select: { id: true, status: true },
  });
  if (existing && existing.status !== "cancelled") {
    return { registrationId: existing.id, status: existing.status as RegistrationStatus, alreadyRegistered: true };
  }
  if (activity.status === "cancelled") throw new RuleError("activities.signup.cancelled", null, 409);
  if (now < activity.signupOpensAt) throw new RuleError("activities.signup.notOpen", null, 409);
  if (now > activity.signupClosesAt) throw new RuleError("activities.signup.closed", null, 409);
  const user = await prisma.user.findUniqueOrThrow({
    where: { id: input.userId },
    select: { isMigrant: true, membership: { select: { id: true } } },
  });
  if (activity.eligibility === "members" && !user.membership)
    throw new RuleError("activities.signup.membersOnly", null, 409);

  const { answers, fieldErrors } = checkAnswers(activity.questions, input.answers);
  if (Object.keys(fieldErrors).length) throw RuleError.forFields(fieldErrors);

  return prisma.$transaction(async (tx) => {
    // Re-read inside the transaction: a parallel double submit may have landed in between.
    const again = await tx.registration.findUnique({
      where: { activityId_userId: { activityId: activity.id, userId: input.userId } },
      select: { id: true, status: true },
    });
    if (again && again.status !== "cancelled") {
      return { registrationId: again.id, status: again.status as RegistrationStatus, alreadyRegistered: true };
    }
    if (activity.approvalRequired) return requestApproval(tx, activity.id, input.userId, answers, again?.id ?? null);
    const { status, waitlistSeq } = await takePlace(tx, activity.id, now);
    const fields = {
      status,
      waitlistSeq,
      answers: JSON.stringify(answers),
      cancelledAt: null,
      promotedAt: null,
      attendedAt: null,
      checkedInById: null,
    };
    const registration = again
      ? await tx.registration.update({ where: { id: again.id }, data: fields, select: { id: true } })
      : await tx.registration.create({
          data: {
            ...fields,
            activityId: activity.id,
            userId: input.userId,
            checkinCode: await freeCode(tx, activity.id),
          },
          select: { id: true },
        });
    await recordFunnelStep(
      {
        step: status === "confirmed" ? "signup" : "waitlist",
        userId: input.userId,
        isMigrant: user.isMigrant,
        sourceType: "activity",
        activityId: activity.id,
        centerId: activity.centerId,
        countyId: activity.countyId,
        category: activity.category,
        dedupeKey: `${status === "confirmed" ? "signup" : "waitlist"}:${activity.id}:${input.userId}`,
        at: now,
      },
      tx,
    );
    return { registrationId: registration.id, status, alreadyRegistered: false };
  });
}

/**
 * A seat by one conditional UPDATE of the activity's counter (correct under parallel sign-ups: the
 * database decides), else a waiting-list place the same way, else "full". With `signupAt` the
 * sign-up window must be open at that time; an approval (`null`) was asked for in time already.
 */
export async function takePlace(
  tx: Tx,
  activityId: string,
  signupAt: Date | null,
  fullKey: MessageKey = "activities.signup.full",
) {
  const inWindow = signupAt
    ? Prisma.sql`AND signupOpensAt <= ${sqlDate(signupAt)} AND signupClosesAt >= ${sqlDate(signupAt)}`
    : Prisma.empty;
  const seat = await tx.$executeRaw`
    UPDATE Activity SET confirmedCount = confirmedCount + 1
    WHERE id = ${activityId} AND status = 'published' AND confirmedCount < capacity ${inWindow}`;
  if (seat === 1) return { status: "confirmed" as const, waitlistSeq: null };
  const queued = await tx.$executeRaw`
    UPDATE Activity SET waitlistCount = waitlistCount + 1, waitlistSeq = waitlistSeq + 1
    WHERE id = ${activityId} AND status = 'published' AND waitlistEnabled = 1 ${inWindow}`;
  if (queued === 0) throw new RuleError(fullKey, null, 409);
  // We hold the write lock since the UPDATE, so this is the sequence number we just took.
  const { waitlistSeq } = await tx.activity.findUniqueOrThrow({
    where: { id: activityId },
    select: { waitlistSeq: true },
  });
  return { status: "waitlisted" as const, waitlistSeq };
}

/**
 * Approval mode: the sign-up waits as "pending" and takes no seat and no waiting-list place; staff
 * decide later (approval.server.ts), and the seat is taken then by the same conditional UPDATE.
 */
async function requestApproval(
  tx: Tx,
  activityId: string,
  userId: string,
  answers: Answers,
  previousId: string | null,
) {
  const fields = {
    status: "pending",
    waitlistSeq: null,
    answers: JSON.stringify(answers),
    cancelledAt: null,
    promotedAt: null,
    attendedAt: null,
    checkedInById: null,
  };
  const registration = previousId
    ? await tx.registration.update({ where: { id: previousId }, data: fields, select: { id: true } })
    : await tx.registration.create({
        data: { ...fields, activityId, userId, checkinCode: await freeCode(tx, activityId) },
        select: { id: true },
      });
  return { registrationId: registration.id, status: "pending" as const, alreadyRegistered: false };
}

/** A check-in code not yet used at this activity (called while holding the write lock). */
export async function freeCode(tx: Tx, activityId: string) {
  for (;;) {
    const code = newCheckinCode();
    const taken = await tx.registration.findUnique({
      where: { activityId_checkinCode: { activityId, checkinCode: code } },
      select: { id: true },
    });
    if (!taken) return code;
  }
}

/**
 * Cancels a worker's registration. A freed seat goes at once to the first on the waiting list,
 * in the same transaction, and they are notified.
 */
export async function cancelRegistration(input: { activityId: string; userId: string; now?: Date }) {
  const now = input.now ?? new Date();
  return prisma.$transaction(async (tx) => {
    const reg = await tx.registration.findUnique({
      where: { activityId_userId: { activityId: input.activityId, userId: input.userId } },
      select: { id: true, status: true, attendedAt: true, activity: { select: { startsAt: true } } },
    });
    if (!reg || reg.status === "cancelled" || reg.status === "declined")
      throw new RuleError("activities.cancel.notRegistered", null, 409);
    if (reg.attendedAt) throw new RuleError("activities.cancel.alreadyAttended", null, 409);
    // Once it has started, a freed seat could not be used; the record of who signed up stays.
    if (now >= reg.activity.startsAt) throw new RuleError("activities.cancel.started", null, 409);
    await tx.registration.update({
      where: { id: reg.id },
      data: { status: "cancelled", cancelledAt: now, waitlistSeq: null },
    });
    await releasePlace(tx, input.activityId, reg.status, now);
  });
}

/** Gives back what a registration held: a seat (then filled from the waiting list), a queue place, or nothing (pending). */
export async function releasePlace(tx: Tx, activityId: string, status: string, now = new Date()) {
  if (status === "confirmed") {
    await tx.$executeRaw`UPDATE Activity SET confirmedCount = confirmedCount - 1 WHERE id = ${activityId}`;
    await fillFreeSeats(tx, activityId, now);
  } else if (status === "waitlisted") {
    await tx.$executeRaw`UPDATE Activity SET waitlistCount = waitlistCount - 1 WHERE id = ${activityId}`;
  }
}

/**
 * Moves the first waitlisted workers (lowest waitlistSeq) into free seats, one conditional UPDATE
 * per seat, and notifies each. Used after a cancellation and after staff raise the capacity.
 */
export async function fillFreeSeats(tx: Tx, activityId: string, now = new Date()) {
  const promoted: string[] = [];
  for (;;) {
    const next = await tx.registration.findFirst({
      where: { activityId, status: "waitlisted" },
      orderBy: { waitlistSeq: "asc" },
      select: { id: true, userId: true, user: { select: { isMigrant: true } } },
    });
    if (!next) break;
    const seat = await tx.$executeRaw`
      UPDATE Activity SET confirmedCount = confirmedCount + 1, waitlistCount = waitlistCount - 1
      WHERE id = ${activityId} AND status = 'published' AND confirmedCount < capacity`;
    if (seat === 0) break;
    await tx.registration.update({
      where: { id: next.id },
      data: { status: "confirmed", waitlistSeq: null, promotedAt: now },
    });
    const activity = await tx.activity.findUniqueOrThrow({
      where: { id: activityId },
      select: { title: true, centerId: true, countyId: true, category: true, startsAt: true },
    });
    await notify(tx, next.userId, {
      kind: "activities.notify.promoted",
      params: { title: activity.title },
      link: `/activities/${activityId}/registration`,
      // Two days or less before the start an in-app message may go unseen: the phone rings.
      smsRegardless: activity.startsAt.getTime() - now.getTime() <= PROMOTION_SMS_WITHIN_MS,
    });
    await recordFunnelStep(
      {
        step: "signup",
        userId: next.userId,
        isMigrant: next.user.isMigrant,
        sourceType: "activity",
        activityId,
        centerId: activity.centerId,
        countyId: activity.countyId,
        category: activity.category,
        dedupeKey: `signup:${activityId}:${next.userId}`,
      },
      tx,
    );
    promoted.push(next.userId);
  }
  return promoted;
}

/** 1-based place in the queue: how many waitlisted registrations are at or ahead of this one. */
export async function waitlistPosition(activityId: string, waitlistSeq: number | null) {
  if (waitlistSeq === null) return null;
  return prisma.registration.count({ where: { activityId, status: "waitlisted", waitlistSeq: { lte: waitlistSeq } } });
}
