// "My data" (PIPL arts. 45 and 47): everything the portal holds about a person, for their own
// download, as named sections of plain records (JSON as is; one XLSX sheet per section).
import type { DataTable } from "~/utils/data-table";
import { prisma } from "~/utils/db.server";
import { decryptIdNumber } from "./id-numbers.server";

type Value = string | number | boolean | null;
export type Section = { key: SectionKey; rows: Record<string, Value>[] };

export const SECTION_KEYS = [
  "account",
  "membership",
  "applications",
  "consents",
  "roles",
  "registrations",
  "walkIns",
  "entries",
  "authorships",
  "supports",
  "scores",
  "notifications",
  "messages",
  "sessions",
  "funnel",
  "files",
  "loginAttempts",
  "evaluations",
  "auditLog",
] as const;
export type SectionKey = (typeof SECTION_KEYS)[number];

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

export async function collectPersonalData(userId: string): Promise<Section[]> {
  const user = await prisma.user.findUniqueOrThrow({
    where: { id: userId },
    include: { employer: { select: { name: true } }, county: { select: { name: true } } },
  });
  const attemptKeys = [`login:user:${userId}`, user.phone, user.email]
    .filter((k): k is string => Boolean(k))
    .flatMap((k) => (k.startsWith("login:") ? [k] : [`login:id:${k}`]));
  const [
    membership,
    applications,
    consents,
    roles,
    registrations,
    walkIns,
    entries,
    authorships,
    supports,
    scores,
    notifications,
    messages,
    sessions,
    funnel,
    files,
    attempts,
    receipts,
    auditLog,
  ] = await Promise.all([
    prisma.membership.findUnique({ where: { userId }, include: { union: { select: { name: true } } } }),
    prisma.membershipApplication.findMany({
      where: { userId },
      orderBy: { createdAt: "asc" },
      include: { union: { select: { name: true } }, enterprise: { select: { name: true, creditCode: true } } },
    }),
    prisma.privacyConsent.findMany({ where: { userId }, orderBy: { grantedAt: "asc" } }),
    prisma.roleGrant.findMany({ where: { userId }, include: { org: { select: { name: true } } } }),
    prisma.registration.findMany({
      where: { userId },
      orderBy: { createdAt: "asc" },
      include: { activity: { select: { title: true } } },
    }),
    prisma.unclaimedWalkIn.findMany({ where: { userId }, include: { activity: { select: { title: true } } } }),
    prisma.entry.findMany({
      where: { submittedById: userId },
      include: { contest: { select: { title: true } }, awardTier: { select: { name: true } } },
    }),
    prisma.entryAuthor.findMany({ where: { userId }, include: { entry: { select: { title: true } } } }),
    prisma.ideaSupport.findMany({ where: { userId }, include: { entry: { select: { title: true } } } }),
    prisma.score.findMany({
      where: { assignment: { judgeId: userId } },
      include: {
        criterion: { select: { name: true } },
        assignment: { select: { entry: { select: { title: true } } } },
      },
    }),
    prisma.notification.findMany({ where: { userId }, orderBy: { createdAt: "asc" } }),
    prisma.outboxMessage.findMany({
      where: { OR: [{ userId }, ...[user.phone, user.email].filter(Boolean).map((r) => ({ recipient: r! }))] },
      orderBy: { createdAt: "asc" },
    }),
    prisma.session.findMany({ where: { userId }, select: { createdAt: true, expiresAt: true, userAgent: true } }),
    prisma.funnelEvent.findMany({ where: { userId }, orderBy: { createdAt: "asc" } }),
    prisma.storedFile.findMany({ where: { ownerId: userId } }),
    prisma.loginAttempt.findMany({ where: { key: { in: attemptKeys } }, orderBy: { createdAt: "asc" } }),
    prisma.evaluationReceipt.findMany({ where: { userId }, include: { round: { select: { name: true } } } }),
    prisma.auditLog.findMany({
      where: { OR: [{ subjectUserId: userId }, { actorId: userId }] },
      orderBy: { id: "asc" },
      take: 10_000,
    }),
  ]);
  const section = (key: SectionKey, rows: Record<string, Value>[]): Section => ({ key, rows });
  return [
    section("account", [
      {
        id: user.id,
        name: user.name,
        phone: user.phone,
        email: user.email,
        gender: user.gender,
        birthDate: iso(user.birthDate)?.slice(0, 10) ?? null,
        employer: user.employer?.name ?? null,
        employerName: user.employerName,
        county: user.county?.name ?? null,
        isMigrant: user.isMigrant,
        locale: user.locale,
        createdAt: iso(user.createdAt),
        updatedAt: iso(user.updatedAt),
      },
    ]),
    section(
      "membership",
      membership ? [{ number: membership.number, union: membership.union.name, since: iso(membership.since) }] : [],
    ),
    section(
      "applications",
      applications.map((a) => ({
        id: a.id,
        name: a.name,
        gender: a.gender,
        birthDate: iso(a.birthDate)?.slice(0, 10) ?? null,
        phone: a.phone,
        // The person's own number, in full: it is theirs.
        idNumber: a.idNumberCipher ? decryptIdNumber(a.idNumberCipher) : null,
        enterprise: a.enterprise?.name ?? null,
        enterpriseCreditCode: a.enterprise?.creditCode ?? null,
        employmentType: a.employmentType,
        isMigrant: a.isMigrant,
        education: a.education,
        industry: a.industry,
        incomeBand: a.incomeBand,
        workplace: a.workplace,
        union: a.union.name,
        status: a.status,
        rejectReason: a.rejectReason,
        createdAt: iso(a.createdAt),
        decidedAt: iso(a.decidedAt),
        firstSource: a.firstSourceType,
        lastSource: a.lastSourceType,
      })),
    ),
    section(
      "consents",
      consents.map((c) => ({ purpose: c.purpose, noticeVersion: c.noticeVersion, grantedAt: iso(c.grantedAt) })),
    ),
    section(
      "roles",
      roles.map((r) => ({ role: r.role, organisation: r.org.name, since: iso(r.createdAt) })),
    ),
    section(
      "registrations",
      registrations.map((r) => ({
        activity: r.activity.title,
        status: r.status,
        waitlistPlace: r.waitlistSeq,
        answers: r.answers,
        checkinCode: r.checkinCode,
        walkIn: r.walkIn,
        registeredAt: iso(r.createdAt),
        attendedAt: iso(r.attendedAt),
        cancelledAt: iso(r.cancelledAt),
      })),
    ),
    section(
      "walkIns",
      walkIns.map((w) => ({ activity: w.activity.title, name: w.name, status: w.status, at: iso(w.createdAt) })),
    ),
    section(
      "entries",
      entries.map((e) => ({
        contest: e.contest.title,
        title: e.title,
        category: e.category,
        problem: e.problem,
        solution: e.solution,
        benefit: e.benefit,
        status: e.status,
        award: e.awardTier?.name ?? null,
        submittedAt: iso(e.submittedAt),
      })),
    ),
    section(
      "authorships",
      authorships.map((a) => ({ entry: a.entry.title, name: a.name, position: a.position })),
    ),
    section(
      "supports",
      supports.map((s) => ({ entry: s.entry.title, at: iso(s.createdAt) })),
    ),
    section(
      "scores",
      scores.map((s) => ({
        entry: s.assignment.entry.title,
        criterion: s.criterion.name,
        points: s.points,
        comment: s.comment,
      })),
    ),
    section(
      "notifications",
      notifications.map((n) => ({
        kind: n.kind,
        params: n.params,
        link: n.link,
        at: iso(n.createdAt),
        readAt: iso(n.readAt),
      })),
    ),
    section(
      "messages",
      messages.map((m) => ({
        channel: m.channel,
        recipient: m.recipient,
        kind: m.kind,
        status: m.status,
        at: iso(m.createdAt),
      })),
    ),
    section(
      "sessions",
      sessions.map((s) => ({ createdAt: iso(s.createdAt), expiresAt: iso(s.expiresAt), userAgent: s.userAgent })),
    ),
    section(
      "funnel",
      funnel.map((f) => ({ step: f.step, source: f.sourceType, day: f.day })),
    ),
    section(
      "files",
      files.map((f) => ({
        name: f.name,
        contentType: f.contentType,
        size: f.size,
        purpose: f.purpose,
        at: iso(f.createdAt),
      })),
    ),
    section(
      "loginAttempts",
      attempts.map((a) => ({ key: a.key, success: a.success, at: iso(a.createdAt) })),
    ),
    section(
      "evaluations",
      receipts.map((r) => ({ round: r.round.name })),
    ),
    section(
      "auditLog",
      auditLog.map((a) => ({
        action: a.action,
        entity: a.entity,
        entityId: a.entityId,
        byMe: a.actorId === userId,
        after: a.after,
        at: iso(a.createdAt),
      })),
    ),
  ];
}

/** One table per section for the XLSX download; a section's columns are its records' fields. */
export function sectionTables(sections: Section[], title: (key: SectionKey) => string): DataTable[] {
  return sections.map((s) => {
    const keys = [...new Set(s.rows.flatMap((r) => Object.keys(r)))];
    return {
      id: s.key,
      title: title(s.key),
      columns: keys.map((label) => ({ label, kind: "text" as const })),
      rows: s.rows.map((r) => keys.map((k) => (r[k] === null || r[k] === undefined ? null : String(r[k])))),
    };
  });
}
