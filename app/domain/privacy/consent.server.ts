// Consent to the privacy notice, per purpose and notice version (PIPL art. 29: separate consent for
// sensitive personal information). Recorded in the transaction of the change it permits.
import { prisma, type Tx } from "~/utils/db.server";
import { CONSENT_SENSITIVE, PRIVACY_NOTICE_VERSION } from "./notice";

export async function recordConsent(tx: Tx, userId: string, purpose: string, now = new Date()) {
  await tx.privacyConsent.create({
    data: { userId, purpose, noticeVersion: PRIVACY_NOTICE_VERSION, grantedAt: now },
  });
}

export async function latestConsent(userId: string, purpose = CONSENT_SENSITIVE) {
  return prisma.privacyConsent.findFirst({
    where: { userId, purpose },
    orderBy: [{ noticeVersion: "desc" }, { grantedAt: "desc" }],
    select: { noticeVersion: true, grantedAt: true },
  });
}

/**
 * True when the portal holds the user's sensitive data (a pending or approved application) under a
 * consent to an older notice than the current one, or none: the profile then asks again.
 */
export async function needsSensitiveConsent(userId: string) {
  const [holds, consent] = await Promise.all([
    prisma.membershipApplication.findFirst({
      where: { userId, status: { in: ["pending", "approved"] } },
      select: { id: true },
    }),
    latestConsent(userId),
  ]);
  return Boolean(holds) && (consent?.noticeVersion ?? 0) < PRIVACY_NOTICE_VERSION;
}
