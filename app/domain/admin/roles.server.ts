// Granting and revoking roles. Each change is written to the audit log in the same
// transaction as the change itself, so the log cannot miss one.
import { prisma } from "~/utils/db.server";
import type { Role } from "~/utils/permissions.server";

export type RoleError = "admin.users.error.alreadyGranted" | "admin.users.error.ownAdmin";

export async function grantRoleAudited(actorId: string, userId: string, role: Role, orgId: string): Promise<{ id: string } | { error: RoleError }> {
  return prisma.$transaction(async (tx) => {
    const existing = await tx.roleGrant.findUnique({ where: { userId_orgId_role: { userId, orgId, role } }, select: { id: true } });
    if (existing) return { error: "admin.users.error.alreadyGranted" as const };
    const grant = await tx.roleGrant.create({ data: { userId, orgId, role, grantedById: actorId }, select: { id: true } });
    await tx.auditLog.create({
      data: { actorId, action: "role.grant", entity: "RoleGrant", entityId: grant.id, after: JSON.stringify({ userId, orgId, role }) },
    });
    return { id: grant.id };
  });
}

/** Revokes a grant. An admin may not revoke their own admin grant (and so lock themselves out). */
export async function revokeRoleAudited(actorId: string, grantId: string): Promise<{ ok: true } | { error: RoleError }> {
  return prisma.$transaction(async (tx) => {
    const grant = await tx.roleGrant.findUniqueOrThrow({ where: { id: grantId }, select: { id: true, userId: true, orgId: true, role: true } });
    if (grant.userId === actorId && grant.role === "admin") return { error: "admin.users.error.ownAdmin" as const };
    await tx.roleGrant.delete({ where: { id: grant.id } });
    await tx.auditLog.create({
      data: {
        actorId,
        action: "role.revoke",
        entity: "RoleGrant",
        entityId: grant.id,
        before: JSON.stringify({ userId: grant.userId, orgId: grant.orgId, role: grant.role }),
      },
    });
    return { ok: true as const };
  });
}
