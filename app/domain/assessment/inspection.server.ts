// 包联督查组: groups led by a federation leader, each assigned counties, zones or directly-managed
// unions for a round; their visits (date, findings, photos) are recorded against a submission.
import { audit } from "~/utils/audit.server";
import { isUniqueViolation, prisma } from "~/utils/db.server";
import { RuleError } from "~/utils/rule-error";

export async function createGroup(
  input: { roundId: string; name: string; leaderId: string; memberIds: string[]; targetOrgIds: string[] },
  actorId: string,
) {
  try {
    const group = await prisma.inspectionGroup.create({
      data: {
        roundId: input.roundId,
        name: input.name,
        leaderId: input.leaderId,
        members: { create: [...new Set(input.memberIds)].map((userId) => ({ userId })) },
        // The unique (round, org) index: one group per county, zone or union in a round.
        targets: { create: [...new Set(input.targetOrgIds)].map((orgId) => ({ orgId, roundId: input.roundId })) },
      },
    });
    await audit(prisma, {
      actorId,
      action: "assessment.group.create",
      entity: "InspectionGroup",
      entityId: group.id,
      after: input,
    });
    return group;
  } catch (error) {
    if (isUniqueViolation(error)) throw new RuleError("assessment.error.targetTaken", null, 409);
    throw error;
  }
}

/** The group of the user's that covers this union in the round (by the union or its county), or null. */
export async function coveringGroup(
  roundId: string,
  groupIds: string[],
  union: { id: string; countyId: string | null },
) {
  if (!groupIds.length) return null;
  const target = await prisma.inspectionTarget.findFirst({
    where: { roundId, groupId: { in: groupIds }, orgId: { in: [union.id, union.countyId ?? "-"] } },
    select: { groupId: true },
  });
  return target?.groupId ?? null;
}

export async function recordVisit(
  input: { groupId: string; submissionId: string; visitedOn: Date; findings: string; photoIds: string[] },
  actorId: string,
) {
  return prisma.$transaction(async (tx) => {
    const visit = await tx.inspectionVisit.create({
      data: {
        groupId: input.groupId,
        submissionId: input.submissionId,
        visitedOn: input.visitedOn,
        findings: input.findings,
        createdById: actorId,
      },
    });
    if (input.photoIds.length)
      await tx.assessmentFile.createMany({ data: input.photoIds.map((fileId) => ({ fileId, visitId: visit.id })) });
    await audit(tx, {
      actorId,
      action: "assessment.visit",
      entity: "InspectionVisit",
      entityId: visit.id,
      after: input,
    });
    return visit;
  });
}
