// Deleting one's account (PIPL art. 47). Personal data goes; what other people rely on stays,
// anonymised: contest entries and their results keep an author shown as DELETED_NAME, activity
// registrations stay (seat and attendance counts) without the sign-up answers, funnel events
// stay without the user id. An approved membership ends and its number is retired (never issued
// again). The User row itself stays, emptied, because entries and registrations point at it.
// One transaction: nothing is ever half-deleted.
import { randomBytes } from "node:crypto";
import { audit } from "~/utils/audit.server";
import { prisma } from "~/utils/db.server";
import { refreshFunnelPeople } from "~/utils/funnel.server";

/** What an anonymised person is called wherever their name was shown (both languages, stored once). */
export const DELETED_NAME = "已注销用户 / Deleted user";

export async function deleteAccount(userId: string, now = new Date()) {
  return prisma.$transaction(async (tx) => {
    const user = await tx.user.findUniqueOrThrow({
      where: { id: userId },
      select: { phone: true, email: true, membership: { select: { number: true, unionId: true } } },
    });
    const addresses = [user.phone, user.email].filter((a): a is string => Boolean(a));
    if (user.membership) {
      await tx.retiredMembershipNumber.create({ data: { number: user.membership.number, retiredAt: now } });
      await tx.membership.delete({ where: { userId } });
    }
    await tx.membershipApplication.deleteMany({ where: { userId } });
    await tx.privacyConsent.deleteMany({ where: { userId } });
    await tx.registration.updateMany({ where: { userId }, data: { answers: "{}" } });
    await tx.unclaimedWalkIn.updateMany({ where: { userId }, data: { name: DELETED_NAME } });
    await tx.entryAuthor.updateMany({ where: { userId }, data: { name: DELETED_NAME } });
    await tx.notification.deleteMany({ where: { userId } });
    await tx.outboxMessage.deleteMany({
      where: { OR: [{ userId }, ...addresses.map((recipient) => ({ recipient }))] },
    });
    await tx.loginAttempt.deleteMany({
      where: { key: { in: [`login:user:${userId}`, ...addresses.map((a) => `login:id:${a}`)] } },
    });
    await tx.session.deleteMany({ where: { userId } });
    await tx.roleGrant.deleteMany({ where: { userId } });
    await tx.funnelEvent.updateMany({ where: { userId }, data: { userId: null } });
    await refreshFunnelPeople(tx, [userId]); // their events no longer name them
    await tx.storedFile.updateMany({ where: { ownerId: userId }, data: { ownerId: null } });
    await tx.user.update({
      where: { id: userId },
      data: {
        name: DELETED_NAME,
        phone: null,
        email: null,
        // Not a hash argon2 can match: nobody can log in as this account again.
        passwordHash: `deleted:${randomBytes(16).toString("hex")}`,
        gender: null,
        birthDate: null,
        employerId: null,
        employerName: null,
        countyId: null,
        isMigrant: false,
        locale: null,
        unclaimed: false,
        deletedAt: now,
      },
    });
    await audit(tx, {
      actorId: userId,
      action: "account.delete",
      entity: "User",
      entityId: userId,
      subjectUserId: userId,
      orgId: user.membership?.unionId ?? null,
      after: { membershipNumberRetired: user.membership?.number ?? null },
    });
  });
}
