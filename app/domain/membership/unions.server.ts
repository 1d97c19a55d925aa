// Which grassroots union a worker should join, and the unions a staff member may act on.
import { prisma } from "~/utils/db.server";

/**
 * The employer's own union; else the county's joint union (联合工会); else an industry union
 * for the employer's industry; else any union in the county. Null when the county has none.
 */
export async function suggestUnion(input: {
  enterpriseId?: string | null;
  countyId?: string | null;
  industry?: string | null;
}) {
  let countyId = input.countyId ?? null;
  let industry = input.industry ?? null;
  if (input.enterpriseId) {
    const enterprise = await prisma.enterprise.findUnique({
      where: { id: input.enterpriseId },
      select: { unionId: true, countyId: true, industry: true },
    });
    if (enterprise?.unionId) return enterprise.unionId;
    countyId = enterprise?.countyId ?? countyId;
    industry = enterprise?.industry ?? industry;
  }
  if (!countyId) return null;
  const inCounty = { kind: "union", countyId };
  const pick = async (where: object) =>
    (
      await prisma.organisation.findFirst({
        where: { ...inCounty, ...where },
        select: { id: true },
        orderBy: { createdAt: "asc" },
      })
    )?.id;
  return (
    (await pick({ unionType: "joint" })) ??
    (industry ? await pick({ unionType: "industry", industry }) : undefined) ??
    (await pick({})) ??
    null
  );
}

/** Grassroots unions of a county, for the applicant's choice. */
export function unionsInCounty(countyId: string) {
  return prisma.organisation.findMany({
    where: { kind: "union", countyId },
    select: { id: true, name: true, nameEn: true, unionType: true },
    // NULLs first, as SQLite sorts them (PostgreSQL would put them last): one order on both engines.
    orderBy: [{ unionType: { sort: "asc", nulls: "first" } }, { name: "asc" }],
    take: 500,
  });
}

export function countiesAndZones() {
  return prisma.organisation.findMany({
    where: { kind: { in: ["county", "zone"] } },
    select: { id: true, name: true, nameEn: true },
    // NULLs first, as SQLite sorts them (PostgreSQL would put them last): one order on both engines.
    orderBy: [{ kind: "asc" }, { code: { sort: "asc", nulls: "first" } }],
  });
}
