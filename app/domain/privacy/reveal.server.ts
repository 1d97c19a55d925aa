// Revealing a whole ID number: only on an explicit action of the staff member who decides the
// application — anyone in scope while it is pending (they are deciding it), afterwards only the one
// who decided — and written to the audit log in the same transaction as the read.
import { prisma } from "~/utils/db.server";
import { audit } from "~/utils/audit.server";
import { RuleError } from "~/utils/rule-error";
import { decryptIdNumber } from "./id-numbers.server";

export async function revealIdNumber(applicationId: string, staffId: string) {
  return prisma.$transaction(async (tx) => {
    const app = await tx.membershipApplication.findUnique({
      where: { id: applicationId },
      select: { status: true, decidedById: true, idNumberCipher: true, userId: true, unionId: true },
    });
    if (!app?.idNumberCipher) throw new RuleError("privacy.reveal.none", null, 404);
    if (app.status !== "pending" && app.decidedById !== staffId)
      throw new RuleError("privacy.reveal.notDecider", null, 403);
    await audit(tx, {
      actorId: staffId,
      action: "idNumber.reveal",
      entity: "MembershipApplication",
      entityId: applicationId,
      subjectUserId: app.userId,
      orgId: app.unionId,
    });
    return decryptIdNumber(app.idNumberCipher);
  });
}
