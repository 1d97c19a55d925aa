// The membership application: submit (with attribution and an optional new enterprise), then a
// staff decision — approve (membership number + card token), reject with a reason, or transfer.
// Every decision is a conditional UPDATE on a pending row inside one transaction, so two staff
// members clicking at once cannot both decide, and nothing is ever half-written.
import { randomBytes } from "node:crypto";
import { notify } from "~/domain/notifications/notify.server";
import { audit } from "~/utils/audit.server";
import { isUniqueViolation, prisma, uniqueViolationFields, type Tx } from "~/utils/db.server";
import { isDigits, lockKey, sql, sqlBool, sqlDate, zeroPad } from "~/utils/sql-dialect.server";
import { recordFunnelStep, type SourceType } from "~/utils/funnel.server";
import { RuleError } from "~/utils/rule-error";
import { toLocalDateKey } from "~/utils/time";
import { recordConsent } from "~/domain/privacy/consent.server";
import { protectIdNumber } from "~/domain/privacy/id-numbers.server";
import { CONSENT_SENSITIVE } from "~/domain/privacy/notice";
import { attributionFor } from "./attribution.server";
import { ttcBucket } from "./dashboard-tables";
import { suggestUnion } from "./unions.server";

export type NewEnterprise = { name: string; creditCode: string; countyId: string; industry: string; size: string };

export type ApplicationInput = {
  userId: string;
  name: string;
  gender: string;
  birthDate: Date;
  phone: string;
  idNumber?: string | null;
  enterpriseId?: string | null;
  newEnterprise?: NewEnterprise | null;
  employmentType: string;
  isMigrant: boolean;
  education?: string | null;
  industry?: string | null;
  incomeBand?: string | null;
  workplace?: string | null;
  /** Null → the suggested union. */
  unionId?: string | null;
  /** The applicant's county, used for the suggestion when there is no employer. */
  countyId?: string | null;
  /** Ticked the separate consent for sensitive fields: recorded with the notice's version. */
  consentSensitive?: boolean;
};

// Refusals (RuleError): already a member or an application pending (409); a credit code already
// registered, no union to suggest, an unknown union or enterprise (400, on their field).
const alreadyMember = () => new RuleError("membership.error.member", null, 409);
const alreadyPending = () => new RuleError("membership.error.pending", null, 409);
const creditCodeTaken = () => new RuleError("membership.error.creditCodeTaken", "newCreditCode");
const unknownUnion = () => new RuleError("membership.error.unknownUnion", "unionId");
const notPending = () => new RuleError("membership.error.notPending", null, 409);
const idNumberTaken = () => new RuleError("privacy.error.idNumberTaken", "idNumber", 409);

const newId = (prefix: string) => `${prefix}${Date.now().toString(36)}${randomBytes(8).toString("hex")}`;

/** The applicant's current state: a membership, a pending application, or neither. */
export async function applicantStatus(userId: string) {
  const [membership, latest] = await Promise.all([
    prisma.membership.findUnique({ where: { userId }, select: { number: true } }),
    prisma.membershipApplication.findFirst({
      where: { userId },
      orderBy: { createdAt: "desc" },
      select: {
        id: true,
        status: true,
        rejectReason: true,
        createdAt: true,
        decidedAt: true,
        union: { select: { name: true, nameEn: true } },
      },
    }),
  ]);
  return { membership, latest };
}

export async function submitApplication(input: ApplicationInput, now = new Date()): Promise<{ applicationId: string }> {
  const { membership, latest } = await applicantStatus(input.userId);
  if (membership) throw alreadyMember();
  if (latest?.status === "pending") throw alreadyPending();
  if (input.newEnterprise) {
    const taken = await prisma.enterprise.findUnique({
      where: { creditCode: input.newEnterprise.creditCode },
      select: { id: true },
    });
    if (taken) throw creditCodeTaken();
  } else if (input.enterpriseId) {
    // Another applicant's employer that staff have not reviewed yet is not offered, nor taken.
    const exists = await prisma.enterprise.findFirst({
      where: { id: input.enterpriseId, OR: [{ proposedById: null }, { proposedById: input.userId }] },
      select: { id: true },
    });
    if (!exists) throw new RuleError("membership.error.unknownEnterprise", "enterpriseId");
  }
  const unionId =
    input.unionId ??
    (await suggestUnion({
      enterpriseId: input.enterpriseId,
      countyId: input.newEnterprise?.countyId ?? input.countyId,
      industry: input.newEnterprise?.industry ?? input.industry,
    }));
  if (!unionId) throw new RuleError("membership.error.noUnion", "unionId");
  const union = await prisma.organisation.findFirst({
    where: { id: unionId, kind: "union" },
    select: { id: true, countyId: true },
  });
  if (!union) throw unknownUnion();

  try {
    return await prisma.$transaction(async (tx) => {
      let enterpriseId = input.enterpriseId ?? null;
      if (input.newEnterprise) {
        const e = input.newEnterprise;
        enterpriseId = (
          await tx.enterprise.create({
            data: {
              name: e.name,
              creditCode: e.creditCode,
              countyId: e.countyId,
              industry: e.industry,
              size: e.size,
              proposedById: input.userId,
            },
            select: { id: true },
          })
        ).id;
      }
      const touch = await attributionFor(input.userId, now, tx);
      const id = newId("app");
      // Stored encrypted, with a keyed hash and the last 4 characters (app/domain/privacy).
      const idn = input.idNumber ? protectIdNumber(input.idNumber) : null;
      // One statement decides "no pending application and not a member" and inserts. Under
      // PostgreSQL's READ COMMITTED two such statements can both see "none yet": the locks
      // serialise submissions by the same account and for the same ID number (SQLite's write
      // transactions are serial anyway). Text parameters are cast: INSERT … SELECT gives them no column type.
      await lockKey(tx, `membership-application:${input.userId}`);
      if (idn) await lockKey(tx, `membership-id-number:${idn.idNumberHash}`);
      const text = (value: string | null | undefined) => sql`CAST(${value ?? null} AS TEXT)`;
      const dateOrNull = (value: Date | null | undefined) => (value ? sqlDate(value) : sql`NULL`);
      const inserted = await tx.$executeRaw`
        INSERT INTO "MembershipApplication" ("id", "userId", "name", "gender", "birthDate", "phone", "idNumberCipher", "idNumberHash", "idNumberLast4", "enterpriseId", "employmentType",
          "isMigrant", "education", "industry", "incomeBand", "workplace", "unionId", "countyId", "status",
          "firstSourceType", "firstActivityId", "firstContestId", "firstCenterId", "firstTouchAt",
          "lastSourceType", "lastActivityId", "lastContestId", "lastCenterId", "lastTouchAt", "createdAt", "updatedAt")
        SELECT ${text(id)}, ${text(input.userId)}, ${text(input.name)}, ${text(input.gender)}, ${sqlDate(input.birthDate)}, ${text(input.phone)},
          ${text(idn?.idNumberCipher)}, ${text(idn?.idNumberHash)}, ${text(idn?.idNumberLast4)},
          ${text(enterpriseId)}, ${text(input.employmentType)}, ${sqlBool(input.isMigrant)}, ${text(input.education)}, ${text(input.industry)},
          ${text(input.incomeBand)}, ${text(input.workplace)}, ${text(union.id)}, ${text(union.countyId)}, 'pending',
          ${text(touch.first.sourceType)}, ${text(touch.first.activityId)}, ${text(touch.first.contestId)}, ${text(touch.first.centerId)},
          ${dateOrNull(touch.first.at)},
          ${text(touch.last.sourceType)}, ${text(touch.last.activityId)}, ${text(touch.last.contestId)}, ${text(touch.last.centerId)},
          ${dateOrNull(touch.last.at)}, ${sqlDate(now)}, ${sqlDate(now)}
        WHERE NOT EXISTS (SELECT 1 FROM "MembershipApplication" WHERE "userId" = ${input.userId} AND "status" = 'pending')
          AND NOT EXISTS (SELECT 1 FROM "Membership" WHERE "userId" = ${input.userId})
          AND NOT EXISTS (SELECT 1 FROM "MembershipApplication" WHERE ${text(idn?.idNumberHash)} IS NOT NULL
            AND "idNumberHash" = ${text(idn?.idNumberHash)} AND "userId" <> ${input.userId} AND "status" IN ('pending', 'approved'))`;
      if (inserted === 0) throw new SubmitConflict();
      if (input.consentSensitive) await recordConsent(tx, input.userId, CONSENT_SENSITIVE, now);
      await tx.user.update({
        where: { id: input.userId },
        data: {
          gender: input.gender,
          birthDate: input.birthDate,
          isMigrant: input.isMigrant,
          ...(enterpriseId ? { employerId: enterpriseId } : {}),
        },
      });
      await recordFunnelStep(
        {
          step: "apply",
          userId: input.userId,
          isMigrant: input.isMigrant,
          dedupeKey: `apply:${id}`,
          at: now,
          ...(await lastTouchSource(tx, touch.last, union.countyId)),
        },
        tx,
      );
      return { applicationId: id };
    });
  } catch (error) {
    if (error instanceof SubmitConflict) {
      const again = await applicantStatus(input.userId);
      if (again.membership) throw alreadyMember();
      if (again.latest?.status === "pending") throw alreadyPending();
      // Neither: the ID number is on another account's pending or approved application.
      throw idNumberTaken();
    }
    // The credit code's unique index settles a race between two people adding the same enterprise.
    if (isUniqueViolation(error)) throw creditCodeTaken();
    throw error;
  }
}

class SubmitConflict extends Error {}

/** The funnel source of a touch: its ids plus the county and category the dashboard groups by. */
async function lastTouchSource(
  tx: Tx,
  touch: { sourceType: string; activityId: string | null; contestId: string | null; centerId: string | null },
  fallbackCounty: string | null,
) {
  const source = {
    sourceType: touch.sourceType as SourceType,
    activityId: touch.activityId,
    contestId: touch.contestId,
    centerId: touch.centerId,
    countyId: fallbackCounty,
    category: null as string | null,
  };
  if (touch.activityId) {
    const a = await tx.activity.findUnique({
      where: { id: touch.activityId },
      select: { countyId: true, category: true, centerId: true },
    });
    if (a)
      Object.assign(source, {
        countyId: a.countyId ?? fallbackCounty,
        category: a.category,
        centerId: touch.centerId ?? a.centerId,
      });
  } else if (touch.contestId) {
    const c = await tx.contest.findUnique({
      where: { id: touch.contestId },
      select: { kind: true, org: { select: { countyId: true } } },
    });
    if (c) Object.assign(source, { countyId: c.org.countyId ?? fallbackCounty, category: c.kind });
  } else if (touch.centerId) {
    const center = await tx.organisation.findUnique({ where: { id: touch.centerId }, select: { countyId: true } });
    if (center) source.countyId = center.countyId ?? fallbackCounty;
  }
  return source;
}

/** Approves a pending application (else 409) and returns the new membership number. */
export async function approveApplication(
  applicationId: string,
  staffId: string,
  now = new Date(),
): Promise<{ number: string }> {
  try {
    return await prisma.$transaction(async (tx) => {
      const decided = await tx.$executeRaw`
        UPDATE "MembershipApplication" SET "status" = 'approved', "decidedById" = ${staffId}, "decidedAt" = ${sqlDate(now)}, "updatedAt" = ${sqlDate(now)}
        WHERE "id" = ${applicationId} AND "status" = 'pending'`;
      if (decided === 0) throw notPending();
      const app = await tx.membershipApplication.findUniqueOrThrow({
        where: { id: applicationId },
        select: {
          userId: true,
          unionId: true,
          isMigrant: true,
          countyId: true,
          firstTouchAt: true,
          enterpriseId: true,
        },
      });
      // Approving the application is the review of the employer its applicant typed in.
      if (app.enterpriseId)
        await tx.enterprise.updateMany({
          where: { id: app.enterpriseId, proposedById: { not: null } },
          data: { proposedById: null },
        });
      // Time to convert, counted once here so the dashboard never scans applications for it.
      const days = app.firstTouchAt ? Math.floor((now.getTime() - app.firstTouchAt.getTime()) / 86_400_000) : null;
      await tx.$executeRaw`
        INSERT INTO "FunnelRollup" ("dim", "key", "countyId", "step", "day", "count")
        VALUES ('ttc', ${ttcBucket(days)}, ${app.countyId ?? ""}, 'approve', ${toLocalDateKey(now)}, 1)
        ON CONFLICT ("dim", "countyId", "step", "day", "key") DO UPDATE SET "count" = "FunnelRollup"."count" + 1`;
      const year = new Intl.DateTimeFormat("en", { timeZone: "Asia/Shanghai", year: "numeric" }).format(now);
      const prefix = `LF${year}`;
      // Number = "LF" + year + the next 6-digit sequence of that year, chosen by the INSERT itself;
      // numbers of deleted accounts' memberships are retired, never issued again. The lock makes
      // approvals of one year take turns: under READ COMMITTED two INSERTs would read the same MAX.
      await lockKey(tx, `membership-number:${prefix}`);
      const next = sql`COALESCE(MAX(CAST(substr("number", 7) AS INTEGER)), 0) + 1`;
      await tx.$executeRaw`
        INSERT INTO "Membership" ("id", "userId", "unionId", "number", "since", "applicationId", "verifyToken", "createdAt")
        SELECT CAST(${newId("mem")} AS TEXT), CAST(${app.userId} AS TEXT), CAST(${app.unionId} AS TEXT),
          CAST(${prefix} AS TEXT) || ${zeroPad(next, 6)},
          ${sqlDate(now)}, CAST(${applicationId} AS TEXT), CAST(${randomBytes(24).toString("base64url")} AS TEXT), ${sqlDate(now)}
        FROM (SELECT "number" FROM "Membership" UNION ALL SELECT "number" FROM "RetiredMembershipNumber") AS "taken"
        WHERE "number" >= ${prefix} AND "number" < ${`LF${Number(year) + 1}`} AND ${isDigits(sql`substr("number", 7)`)}`;
      const membership = await tx.membership.findUniqueOrThrow({
        where: { userId: app.userId },
        select: { number: true },
      });
      const apply = await tx.funnelEvent.findUnique({ where: { dedupeKey: `apply:${applicationId}` } });
      await recordFunnelStep(
        {
          step: "approve",
          userId: app.userId,
          isMigrant: app.isMigrant,
          dedupeKey: `approve:${applicationId}`,
          at: now,
          sourceType: (apply?.sourceType as SourceType) ?? "direct",
          activityId: apply?.activityId,
          contestId: apply?.contestId,
          centerId: apply?.centerId,
          countyId: apply?.countyId,
          category: apply?.category,
        },
        tx,
      );
      await notify(tx, app.userId, {
        kind: "membership.notify.approved",
        params: { number: membership.number },
        link: "/me/card",
      });
      await audit(tx, {
        actorId: staffId,
        action: "membership.approve",
        entity: "MembershipApplication",
        entityId: applicationId,
        subjectUserId: app.userId,
        orgId: app.unionId,
        after: { number: membership.number },
      });
      return { number: membership.number };
    });
  } catch (error) {
    // Membership.userId is unique: the applicant became a member some other way meanwhile.
    if (uniqueViolationFields(error)?.includes("userId"))
      throw new RuleError("membership.error.alreadyMember", null, 409);
    throw error;
  }
}

export async function rejectApplication(applicationId: string, staffId: string, reason: string, now = new Date()) {
  return prisma.$transaction(async (tx) => {
    const decided = await tx.$executeRaw`
      UPDATE "MembershipApplication" SET "status" = 'rejected', "rejectReason" = ${reason}, "decidedById" = ${staffId},
        "decidedAt" = ${sqlDate(now)}, "updatedAt" = ${sqlDate(now)}
      WHERE "id" = ${applicationId} AND "status" = 'pending'`;
    if (decided === 0) throw notPending();
    const app = await tx.membershipApplication.findUniqueOrThrow({
      where: { id: applicationId },
      select: { userId: true },
    });
    await notify(tx, app.userId, { kind: "membership.notify.rejected", params: { reason }, link: "/join" });
    await audit(tx, {
      actorId: staffId,
      action: "membership.reject",
      entity: "MembershipApplication",
      entityId: applicationId,
      subjectUserId: app.userId,
      after: { reason },
    });
  });
}

/** Moves a pending application to another grassroots union (any union: it may leave the staff's queue). */
export async function transferApplication(applicationId: string, staffId: string, toUnionId: string, now = new Date()) {
  const union = await prisma.organisation.findFirst({
    where: { id: toUnionId, kind: "union" },
    select: { id: true, name: true, countyId: true },
  });
  if (!union) throw unknownUnion();
  return prisma.$transaction(async (tx) => {
    const before = await tx.membershipApplication.findUnique({
      where: { id: applicationId },
      select: { unionId: true, userId: true },
    });
    const moved = await tx.$executeRaw`
      UPDATE "MembershipApplication" SET "unionId" = ${union.id}, "countyId" = ${union.countyId}, "updatedAt" = ${sqlDate(now)}
      WHERE "id" = ${applicationId} AND "status" = 'pending'`;
    if (moved === 0 || !before) throw notPending();
    await notify(tx, before.userId, {
      kind: "membership.notify.transferred",
      params: { union: union.name },
      link: "/join",
    });
    await audit(tx, {
      actorId: staffId,
      action: "membership.transfer",
      entity: "MembershipApplication",
      entityId: applicationId,
      subjectUserId: before.userId,
      orgId: union.id,
      after: { from: before.unionId, to: union.id },
    });
  });
}
