// Sign-up, cancellation and waiting-list promotion. Seats are decided by one conditional UPDATE
// on the Activity row inside the transaction (never by numbers read into JavaScript), so two
// workers racing for the last seat cannot both get it, in one process or several.
import { randomBytes, randomInt } from "node:crypto";
import type { MessageKey } from "~/i18n";
import { notify } from "~/domain/notifications/notify.server";
import { prisma, rawQuery, rawTransaction, uniqueViolationFields, type RawTx, type Tx } from "~/utils/db.server";
import { empty, lockKey, sql, sqlDate } from "~/utils/sql-dialect.server";
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

type SignupFacts = {
  id: string;
  status: string;
  signupOpensAt: Date | string;
  signupClosesAt: Date | string;
  eligibility: string;
  approvalRequired: boolean | number;
  centerId: string;
  countyId: string | null;
  category: string;
  hasQuestions: boolean | number | bigint;
  registrationId: string | null;
  registrationStatus: string | null;
  userFound: string | null;
  isMigrant: boolean | number | null;
  membershipId: string | null;
};

/**
 * Everything a sign-up decides on before its transaction, in one raw statement (the activity, the
 * worker's registration there, whether they are a migrant and a member): a sign-up is the busiest
 * write, and each Prisma query costs a query compilation (issue #13 item 6) — on SQLite this one
 * does not go through the client at all (rawQuery).
 */
async function signupFacts(activityId: string, userId: string) {
  const [row] = await rawQuery<SignupFacts>(sql`
    SELECT a."id", a."status", a."signupOpensAt", a."signupClosesAt", a."eligibility", a."approvalRequired",
           a."centerId", a."countyId", a."category",
           EXISTS (SELECT 1 FROM "ActivityQuestion" q WHERE q."activityId" = a."id") AS "hasQuestions",
           r."id" AS "registrationId", r."status" AS "registrationStatus",
           u."id" AS "userFound", u."isMigrant", m."id" AS "membershipId"
    FROM "Activity" a
    LEFT JOIN "Registration" r ON r."activityId" = a."id" AND r."userId" = ${userId}
    LEFT JOIN "User" u ON u."id" = ${userId}
    LEFT JOIN "Membership" m ON m."userId" = u."id"
    WHERE a."id" = ${activityId}`);
  return row ?? null;
}

/** The activity's questions in order (raw: most activities have none, and then this is not asked). */
async function signupQuestions(activityId: string): Promise<Question[]> {
  const rows = await prisma.$queryRaw<(Omit<Question, "required"> & { required: boolean | number })[]>(sql`
    SELECT "id", "kind", "label", "options", "required" FROM "ActivityQuestion"
    WHERE "activityId" = ${activityId} ORDER BY "position", "id"`);
  return rows.map((q) => ({ ...q, required: Boolean(q.required) }));
}

/** Registration ids in the shape of Prisma's cuid() (alphanumeric, ~25 characters), made here for raw INSERTs. */
const newRegistrationId = () => `c${Date.now().toString(36)}${randomBytes(8).toString("hex")}`;

/**
 * A new registration row by one raw INSERT. A check-in code already drawn at this activity by
 * someone else (1 in ~10^9) inserts nothing, and another code is drawn — no read first. A row for
 * this worker and activity that landed meanwhile breaks the other unique index: the caller's
 * transaction fails with a unique violation, which signUp answers with that row.
 */
async function insertRegistration(
  tx: RawTx,
  row: { activityId: string; userId: string; status: string; waitlistSeq: number | null; answers: string },
) {
  const id = newRegistrationId();
  const at = sqlDate(new Date());
  for (;;) {
    const inserted = await tx.$executeRaw(sql`
      INSERT INTO "Registration" ("id", "activityId", "userId", "status", "waitlistSeq", "answers", "checkinCode", "createdAt", "updatedAt")
      VALUES (${id}, ${row.activityId}, ${row.userId}, ${row.status}, ${row.waitlistSeq}, ${row.answers}, ${newCheckinCode()}, ${at}, ${at})
      ON CONFLICT ("activityId", "checkinCode") DO NOTHING`);
    if (inserted === 1) return { id };
  }
}

/**
 * A cancelled registration made new again (raw, as insertRegistration: the sign-up's transaction
 * is raw SQL only); it keeps its check-in code.
 */
async function reactivateRegistration(
  tx: RawTx,
  id: string,
  row: { status: string; waitlistSeq: number | null; answers: string },
) {
  await tx.$executeRaw(sql`
    UPDATE "Registration" SET "status" = ${row.status}, "waitlistSeq" = ${row.waitlistSeq}, "answers" = ${row.answers},
      "cancelledAt" = NULL, "promotedAt" = NULL, "attendedAt" = NULL, "checkedInById" = NULL,
      "updatedAt" = ${sqlDate(new Date())}
    WHERE "id" = ${id}`);
  return { id };
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
  const facts = await signupFacts(input.activityId, input.userId);
  if (!facts || facts.status === "draft") throw new RuleError("activities.signup.notFound", null, 404);
  const activity = {
    id: facts.id,
    status: facts.status,
    approvalRequired: Boolean(facts.approvalRequired),
    centerId: facts.centerId,
    countyId: facts.countyId,
    category: facts.category,
  };

  if (facts.registrationId && facts.registrationStatus !== "cancelled") {
    return {
      registrationId: facts.registrationId,
      status: facts.registrationStatus as RegistrationStatus,
      alreadyRegistered: true,
    };
  }
  if (activity.status === "cancelled") throw new RuleError("activities.signup.cancelled", null, 409);
  // SQLite hands a DateTime back as its stored text, PostgreSQL as a Date.
  if (now < new Date(facts.signupOpensAt)) throw new RuleError("activities.signup.notOpen", null, 409);
  if (now > new Date(facts.signupClosesAt)) throw new RuleError("activities.signup.closed", null, 409);
  if (!facts.userFound) throw new Error(`signUp: no user ${input.userId}`);
  const user = { isMigrant: Boolean(facts.isMigrant), isMember: facts.membershipId !== null };
  if (facts.eligibility === "members" && !user.isMember)
    throw new RuleError("activities.signup.membersOnly", null, 409);

  const questions = facts.hasQuestions ? await signupQuestions(activity.id) : [];
  const { answers, fieldErrors } = checkAnswers(questions, input.answers);
  if (Object.keys(fieldErrors).length) throw RuleError.forFields(fieldErrors);

  // A first sign-up needs neither the lock nor a re-read: a parallel double submit can only
  // insert the same (activityId, userId) row, and the unique index refuses the second (answered
  // below). Reactivating a cancelled row is an UPDATE the index cannot guard, so it takes turns.
  const reactivating = facts.registrationId !== null;
  // Raw SQL only, so on SQLite it runs without the Prisma client (rawTransaction in db.server.ts).
  const signUpOnce = () =>
    rawTransaction(async (tx) => {
      if (!reactivating) return signUpWithin(tx, null);
      // One worker's sign-ups to one activity take turns (PostgreSQL; SQLite's write transactions
      // are serial), so the re-read below sees a parallel double submit that landed first.
      await lockKey(tx, registrationLockKey(activity.id, input.userId));
      const [again] = await tx.$queryRaw<{ id: string; status: string }[]>(sql`
        SELECT "id", "status" FROM "Registration" WHERE "activityId" = ${activity.id} AND "userId" = ${input.userId}`);
      if (again && again.status !== "cancelled") {
        return { registrationId: again.id, status: again.status as RegistrationStatus, alreadyRegistered: true };
      }
      return signUpWithin(tx, again?.id ?? null);
    });
  const signUpWithin = async (tx: RawTx, previousId: string | null): Promise<SignupResult> => {
    if (activity.approvalRequired) return requestApproval(tx, activity.id, input.userId, answers, previousId);
    const { status, waitlistSeq } = await takePlace(tx, activity.id, now);
    const fields = { status, waitlistSeq, answers: JSON.stringify(answers) };
    const registration = previousId
      ? await reactivateRegistration(tx, previousId, fields)
      : await insertRegistration(tx, { activityId: activity.id, userId: input.userId, ...fields });
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
  };
  try {
    return await signUpOnce();
  } catch (error) {
    const fields = uniqueViolationFields(error);
    if (!fields) throw error;
    // Another sign-up drew the same check-in code at the same moment (1 in ~10^9): draw again.
    if (fields.includes("checkinCode")) return signUpOnce();
    // A registration for this worker and activity was created at the same time (a double submit,
    // a walk-in at the door): answer with it, as a second submit would be answered.
    const [landed] = await rawQuery<{ id: string; status: string }>(sql`
      SELECT "id", "status" FROM "Registration" WHERE "activityId" = ${activity.id} AND "userId" = ${input.userId}`);
    // It was created and cancelled again in between: sign up again, now as a reactivation (which locks).
    if (landed?.status === "cancelled" && !reactivating) return signUp(input);
    if (!landed || landed.status === "cancelled") throw error;
    return { registrationId: landed.id, status: landed.status as RegistrationStatus, alreadyRegistered: true };
  }
}

/** The lock key of one worker's registration at one activity (sign-up, cancel, walk-in seat). */
export function registrationLockKey(activityId: string, userId: string) {
  return `registration:${activityId}:${userId}`;
}

/**
 * A seat by one conditional UPDATE of the activity's counter (correct under parallel sign-ups: the
 * database decides), else a waiting-list place the same way, else "full". With `signupAt` the
 * sign-up window must be open at that time; an approval (`null`) was asked for in time already.
 */
export async function takePlace(
  tx: RawTx,
  activityId: string,
  signupAt: Date | null,
  fullKey: MessageKey = "activities.signup.full",
) {
  const inWindow = signupAt
    ? sql`AND "signupOpensAt" <= ${sqlDate(signupAt)} AND "signupClosesAt" >= ${sqlDate(signupAt)}`
    : empty;
  const seat = await tx.$executeRaw(sql`
    UPDATE "Activity" SET "confirmedCount" = "confirmedCount" + 1
    WHERE "id" = ${activityId} AND "status" = 'published' AND "confirmedCount" < "capacity" ${inWindow}`);
  if (seat === 1) return { status: "confirmed" as const, waitlistSeq: null };
  // RETURNING gives the sequence number this UPDATE took (the row stays locked until commit).
  const queued = await tx.$queryRaw<{ waitlistSeq: number | bigint }[]>(sql`
    UPDATE "Activity" SET "waitlistCount" = "waitlistCount" + 1, "waitlistSeq" = "waitlistSeq" + 1
    WHERE "id" = ${activityId} AND "status" = 'published' AND "waitlistEnabled" = TRUE ${inWindow}
    RETURNING "waitlistSeq"`);
  if (queued.length === 0) throw new RuleError(fullKey, null, 409);
  return { status: "waitlisted" as const, waitlistSeq: Number(queued[0].waitlistSeq) };
}

/**
 * Approval mode: the sign-up waits as "pending" and takes no seat and no waiting-list place; staff
 * decide later (approval.server.ts), and the seat is taken then by the same conditional UPDATE.
 */
async function requestApproval(
  tx: RawTx,
  activityId: string,
  userId: string,
  answers: Answers,
  previousId: string | null,
) {
  const fields = { status: "pending", waitlistSeq: null, answers: JSON.stringify(answers) };
  const registration = previousId
    ? await reactivateRegistration(tx, previousId, fields)
    : await insertRegistration(tx, { activityId, userId, ...fields });
  return { registrationId: registration.id, status: "pending" as const, alreadyRegistered: false };
}

/**
 * A check-in code not yet used at this activity. Two transactions may draw the same one at once
 * on PostgreSQL: the unique index refuses the second, and sign-up draws again.
 */
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
    // Two cancels of one registration at once (a double tap, two tabs) take turns; the second
    // then reads "cancelled" and gives nothing back twice.
    await lockKey(tx, registrationLockKey(input.activityId, input.userId));
    const reg = await tx.registration.findUnique({
      where: { activityId_userId: { activityId: input.activityId, userId: input.userId } },
      select: { id: true, status: true, attendedAt: true, activity: { select: { startsAt: true } } },
    });
    if (!reg || reg.status === "cancelled" || reg.status === "declined")
      throw new RuleError("activities.cancel.notRegistered", null, 409);
    if (reg.attendedAt) throw new RuleError("activities.cancel.alreadyAttended", null, 409);
    // Once it has started, a freed seat could not be used; the record of who signed up stays.
    if (now >= reg.activity.startsAt) throw new RuleError("activities.cancel.started", null, 409);
    // Conditional on the status read: whatever else changed it meanwhile (staff, a promotion), the
    // place is released only by the write that actually ended it.
    const { count } = await tx.registration.updateMany({
      where: { id: reg.id, status: reg.status },
      data: { status: "cancelled", cancelledAt: now, waitlistSeq: null },
    });
    if (count !== 1) throw new RuleError("activities.cancel.notRegistered", null, 409);
    await releasePlace(tx, input.activityId, reg.status, now);
  });
}

/** Gives back what a registration held: a seat (then filled from the waiting list), a queue place, or nothing (pending). */
export async function releasePlace(tx: Tx, activityId: string, status: string, now = new Date()) {
  if (status === "confirmed") {
    await tx.$executeRaw`UPDATE "Activity" SET "confirmedCount" = "confirmedCount" - 1 WHERE "id" = ${activityId}`;
    await fillFreeSeats(tx, activityId, now);
  } else if (status === "waitlisted") {
    await tx.$executeRaw`UPDATE "Activity" SET "waitlistCount" = "waitlistCount" - 1 WHERE "id" = ${activityId}`;
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
      UPDATE "Activity" SET "confirmedCount" = "confirmedCount" + 1, "waitlistCount" = "waitlistCount" - 1
      WHERE "id" = ${activityId} AND "status" = 'published' AND "confirmedCount" < "capacity"`;
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
