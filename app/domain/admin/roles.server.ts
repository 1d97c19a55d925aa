// Granting and revoking roles. Each change is written to the audit log in the same
// transaction as the change itself, so the log cannot miss one.
import { audit } from "~/utils/audit.server";
import { prisma } from "~/utils/db.server";
import type { Role } from "~/utils/permissions.server";
import { RuleError } from "~/utils/rule-error";

/** Grants a role; refused (RuleError, 400) when the user already holds it there. */
export async function grantRoleAudited(
  actorId: string,
  userId: string,
  role: Role,
  orgId: string,
): Promise<{ id: string }> {
  return prisma.$transaction(async (tx) => {
    const existing = await tx.roleGrant.findUnique({
      where: { userId_orgId_role: { userId, orgId, role } },
      select: { id: true },
    });
    if (existing) throw new RuleError("admin.users.error.alreadyGranted");
    const grant = await tx.roleGrant.create({
      data: { userId, orgId, role, grantedById: actorId },
      select: { id: true },
    });
    await audit(tx, {
      actorId,
      action: "role.grant",
      entity: "RoleGrant",
      entityId: grant.id,
      after: { userId, orgId, role },
      subjectUserId: userId,
      orgId,
    });
    return { id: grant.id };
  });
}

/** Revokes a grant. An admin may not revoke their own admin grant (and so lock themselves out). */
export async function revokeRoleAudited(actorId: string, grantId: string) {
  return prisma.$transaction(async (tx) => {
    const grant = await tx.roleGrant.findUniqueOrThrow({
      where: { id: grantId },
      select: { id: true, userId: true, orgId: true, role: true },
    });
    if (grant.userId === actorId && grant.role === "admin") throw new RuleError("admin.users.error.ownAdmin");
    await tx.roleGrant.delete({ where: { id: grant.id } });
    await audit(tx, {
      actorId,
      action: "role.revoke",
      entity: "RoleGrant",
      entityId: grant.id,
      before: { userId: grant.userId, orgId: grant.orgId, role: grant.role },
      subjectUserId: grant.userId,
      orgId: grant.orgId,
    });
  });
}
