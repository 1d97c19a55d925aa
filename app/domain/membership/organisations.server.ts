// Organisation building (组建工会): register a grassroots union and the legal entities it covers.
import { audit } from "~/utils/audit.server";
import { prisma } from "~/utils/db.server";
import { sqlDate } from "~/utils/sql-dialect.server";

export type RegisterUnionInput = {
  name: string;
  unionType: string;
  industry: string | null;
  foundedAt: Date;
  parentId: string;
  enterpriseIds: string[];
};

/**
 * Creates the union under `parentId` and covers the chosen enterprises in one transaction. An
 * enterprise is covered only if it is in the union's county and still has no union (decided by
 * the UPDATE itself, so two staff members cannot both claim it).
 */
export async function registerUnion(input: RegisterUnionInput, staffId: string, now = new Date()) {
  return prisma.$transaction(async (tx) => {
    const parent = await tx.organisation.findUniqueOrThrow({
      where: { id: input.parentId },
      select: { id: true, path: true, countyId: true },
    });
    const union = await tx.organisation.create({
      data: {
        kind: "union",
        unionType: input.unionType,
        industry: input.unionType === "industry" ? input.industry : null,
        name: input.name,
        parentId: parent.id,
        path: "", // set below, once the id is known
        countyId: parent.countyId,
        foundedAt: input.foundedAt,
      },
      select: { id: true, name: true },
    });
    await tx.organisation.update({ where: { id: union.id }, data: { path: `${parent.path}${union.id}/` } });
    const covered = await coverIn(tx, union.id, parent.countyId, input.enterpriseIds, now);
    await audit(tx, {
      actorId: staffId,
      action: "union.register",
      entity: "Organisation",
      entityId: union.id,
      orgId: union.id,
      after: { ...input, covered },
    });
    return { union, covered };
  });
}

export async function coverEnterprises(unionId: string, enterpriseIds: string[], staffId: string, now = new Date()) {
  return prisma.$transaction(async (tx) => {
    const union = await tx.organisation.findUniqueOrThrow({
      where: { id: unionId },
      select: { id: true, name: true, countyId: true },
    });
    const covered = await coverIn(tx, union.id, union.countyId, enterpriseIds, now);
    await audit(tx, {
      actorId: staffId,
      action: "union.cover",
      entity: "Organisation",
      entityId: union.id,
      orgId: union.id,
      after: { enterpriseIds, covered },
    });
    return { union, covered };
  });
}

type TxLike = Parameters<Parameters<typeof prisma.$transaction>[0]>[0];
async function coverIn(tx: TxLike, unionId: string, countyId: string | null, enterpriseIds: string[], now: Date) {
  let covered = 0;
  for (const id of enterpriseIds) {
    covered += await tx.$executeRaw`
      UPDATE "Enterprise" SET "unionId" = ${unionId}, "coveredAt" = COALESCE("coveredAt", ${sqlDate(now)})
      WHERE "id" = ${id} AND "unionId" IS NULL AND "countyId" = ${countyId}`;
  }
  return covered;
}

/** Legal entities in a county with no union yet, the largest first. */
export function uncoveredEnterprises(countyId: string, take = 200) {
  return prisma.enterprise.findMany({
    where: { countyId, unionId: null },
    select: { id: true, name: true, creditCode: true, industry: true, size: true, workerCount: true },
    orderBy: [{ workerCount: "desc" }, { name: "asc" }],
    take,
  });
}
