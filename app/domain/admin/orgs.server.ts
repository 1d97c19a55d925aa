// The organisation tree: which kinds may sit under which, creating, editing and moving
// organisations. Every organisation stores its materialised `path` ("/city/county/union/") and
// its `countyId`; permissions reach down the tree through `path`, so a move must rewrite both
// for the whole subtree at once.
import { audit } from "~/utils/audit.server";
import { isUniqueViolation, prisma } from "~/utils/db.server";
import { sql, sqlDate } from "~/utils/sql-dialect.server";
import { RuleError } from "~/utils/rule-error";
import { CHILD_KINDS, ORG_KINDS, type OrgKind, type UnionType } from "./constants";

export type OrgFields = {
  name: string;
  nameEn?: string | null;
  code?: string | null;
  address?: string | null;
  unionType?: UnionType | null;
  foundedAt?: Date | null;
};

// Refusals (RuleError, 400) on the field they concern: a code another organisation has, a kind that
// may not sit under the parent, a move under the organisation itself.
const codeTaken = () => new RuleError("admin.orgs.error.codeTaken", "code");

export async function createChildOrg(
  actorId: string,
  parentId: string,
  kind: OrgKind,
  fields: OrgFields,
): Promise<{ id: string }> {
  try {
    return await prisma.$transaction(async (tx) => {
      const parent = await tx.organisation.findUniqueOrThrow({
        where: { id: parentId },
        select: { id: true, kind: true, path: true, countyId: true },
      });
      if (!CHILD_KINDS[parent.kind as OrgKind]?.includes(kind))
        throw new RuleError("admin.orgs.error.kindNotAllowed", "kind");
      const created = await tx.organisation.create({
        data: {
          kind,
          name: fields.name,
          nameEn: fields.nameEn ?? null,
          code: fields.code ?? null,
          address: fields.address ?? null,
          unionType: kind === "union" ? (fields.unionType ?? null) : null,
          foundedAt: fields.foundedAt ?? null,
          parentId: parent.id,
          path: "pending",
          countyId: parent.countyId,
        },
        select: { id: true },
      });
      // The id is known only after the insert; a county/zone is its own county.
      const org = await tx.organisation.update({
        where: { id: created.id },
        data: {
          path: `${parent.path}${created.id}/`,
          countyId: kind === "county" || kind === "zone" ? created.id : parent.countyId,
        },
      });
      await audit(tx, {
        actorId,
        action: "org.create",
        entity: "Organisation",
        entityId: org.id,
        orgId: org.id,
        after: { kind, parentId, ...fields },
      });
      return { id: org.id };
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw codeTaken();
    throw error;
  }
}

export async function updateOrg(actorId: string, orgId: string, fields: OrgFields) {
  try {
    return await prisma.$transaction(async (tx) => {
      const before = await tx.organisation.findUniqueOrThrow({
        where: { id: orgId },
        select: { kind: true, name: true, nameEn: true, code: true, address: true, unionType: true, foundedAt: true },
      });
      const data = {
        name: fields.name,
        nameEn: fields.nameEn ?? null,
        code: fields.code ?? null,
        address: fields.address ?? null,
        unionType: before.kind === "union" ? (fields.unionType ?? null) : null,
        foundedAt: fields.foundedAt ?? null,
      };
      await tx.organisation.update({ where: { id: orgId }, data });
      await audit(tx, {
        actorId,
        action: "org.update",
        entity: "Organisation",
        entityId: orgId,
        orgId,
        before,
        after: data,
      });
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw codeTaken();
    throw error;
  }
}

/**
 * Moves an organisation (with everything under it) to a new parent, in one transaction:
 * rewrites `path` for the whole subtree, and `countyId` where it was inherited, plus the
 * county of activities held by organisations in the subtree. Refuses a move under itself or
 * its own descendant (that would cut the subtree loose from the tree) and kinds that may not
 * sit under the new parent.
 */
export async function moveOrg(actorId: string, orgId: string, newParentId: string) {
  return prisma.$transaction(async (tx) => {
    const org = await tx.organisation.findUniqueOrThrow({
      where: { id: orgId },
      select: { id: true, kind: true, path: true, parentId: true, countyId: true },
    });
    const parent = await tx.organisation.findUniqueOrThrow({
      where: { id: newParentId },
      select: { id: true, kind: true, path: true, countyId: true },
    });
    if (parent.path.startsWith(org.path)) throw new RuleError("admin.orgs.error.intoOwnSubtree", "parentId");
    if (!CHILD_KINDS[parent.kind as OrgKind]?.includes(org.kind as OrgKind))
      throw new RuleError("admin.orgs.error.kindNotAllowed", "parentId");

    const oldPath = org.path;
    const newPath = `${parent.path}${org.id}/`;
    const ownCounty = org.kind === "county" || org.kind === "zone";
    const newCountyId = ownCounty ? org.id : parent.countyId;
    const now = sqlDate(new Date());
    const text = (value: string | null) => sql`CAST(${value} AS TEXT)`;
    await tx.organisation.update({ where: { id: org.id }, data: { parentId: parent.id } });
    // Prefix comparison with substr, not LIKE: ids may contain "_", a LIKE wildcard.
    await tx.$executeRaw`
      UPDATE "Organisation"
         SET "path" = ${text(newPath)} || substr("path", length(${text(oldPath)}) + 1),
             "countyId" = CASE WHEN "kind" IN ('county', 'zone') THEN "countyId" ELSE ${text(newCountyId)} END,
             "updatedAt" = ${now}
       WHERE substr("path", 1, length(${text(oldPath)})) = ${text(oldPath)}`;
    if (!ownCounty) {
      await tx.$executeRaw`
        UPDATE "Activity" SET "countyId" = ${text(newCountyId)}
         WHERE "centerId" IN (SELECT "id" FROM "Organisation" WHERE substr("path", 1, length(${text(newPath)})) = ${text(newPath)})`;
    }
    await audit(tx, {
      actorId,
      action: "org.move",
      entity: "Organisation",
      entityId: org.id,
      orgId: org.id,
      before: { parentId: org.parentId, path: oldPath },
      after: { parentId: parent.id, path: newPath },
    });
  });
}

export type OrgNode = {
  id: string;
  kind: string;
  unionType: string | null;
  name: string;
  nameEn: string | null;
  code: string | null;
  children: OrgNode[];
};

/** The organisations under the given subtree roots, nested, children sorted by kind then name. */
export async function orgTree(paths: string[]): Promise<OrgNode[]> {
  if (paths.length === 0) return [];
  const orgs = await prisma.organisation.findMany({
    where: { OR: paths.map((p) => ({ path: { startsWith: p } })) },
    select: { id: true, kind: true, unionType: true, name: true, nameEn: true, code: true, parentId: true, path: true },
    // NULLs first, as SQLite sorts them (PostgreSQL would put them last): one order on both engines.
    orderBy: [{ code: { sort: "asc", nulls: "first" } }, { name: "asc" }],
  });
  const nodes = new Map<string, OrgNode & { parentId: string | null }>();
  for (const o of orgs) nodes.set(o.id, { ...o, children: [] });
  const roots: OrgNode[] = [];
  const kindOrder = (k: string) => ORG_KINDS.indexOf(k as OrgKind);
  for (const node of nodes.values()) {
    const parent = node.parentId ? nodes.get(node.parentId) : undefined;
    (parent ? parent.children : roots).push(node);
  }
  const sort = (list: OrgNode[]) => {
    list.sort((a, b) => kindOrder(a.kind) - kindOrder(b.kind));
    list.forEach((n) => sort(n.children));
  };
  sort(roots);
  return roots;
}
