// Who may do what in the assessment. Roles are the portal's own (union_staff, admin) granted on
// organisations; what a grant allows depends on the kind of organisation it is on:
//   a grant on a union (or a union above it)   → fill in that union's self-assessment;
//   a grant on a county/zone                   → review that county's unions, nominate excellent ones;
//   a grant on the city                        → everything above, confirm scores, manage schemes and rounds;
//   membership of an inspection group          → visits and confirmation for the group's targets.
import { prisma } from "~/utils/db.server";
import { forbidden } from "~/utils/http.server";
import { getGrants } from "~/utils/permissions.server";
import { requireUser } from "~/utils/auth.server";

export type AssessmentScope = Awaited<ReturnType<typeof assessmentScope>>;

export async function assessmentScope(userId: string) {
  const grants = (await getGrants(userId)).filter((g) => g.role === "union_staff" || g.role === "admin");
  const orgs = await prisma.organisation.findMany({
    where: { id: { in: grants.map((g) => g.orgId) } },
    select: { id: true, kind: true, path: true, countyId: true },
  });
  const isCity = orgs.some((o) => o.kind === "city");
  const unionPaths = orgs.filter((o) => o.kind === "union").map((o) => o.path);
  const reviewPaths = orgs
    .filter((o) => o.kind === "city" || o.kind === "county" || o.kind === "zone")
    .map((o) => o.path);
  // null = every county; else the counties this staff member reviews.
  const counties = isCity
    ? null
    : [...new Set(orgs.filter((o) => o.kind === "county" || o.kind === "zone").map((o) => o.id))];
  const groups = await prisma.inspectionMember.findMany({ where: { userId }, select: { groupId: true } });
  const led = await prisma.inspectionGroup.findMany({ where: { leaderId: userId }, select: { id: true } });
  const groupIds = [...new Set([...groups.map((g) => g.groupId), ...led.map((g) => g.id)])];
  return { userId, isCity, unionPaths, reviewPaths, counties, groupIds };
}

export async function requireAssessmentUser(request: Request) {
  const user = await requireUser(request);
  return { user, scope: await assessmentScope(user.id) };
}

/** County/city staff only (overview, review queue, excellent-union nominations). */
export async function requireReviewer(request: Request) {
  const ctx = await requireAssessmentUser(request);
  if (ctx.scope.reviewPaths.length === 0) forbidden();
  return ctx;
}

export async function requireCityStaff(request: Request) {
  const ctx = await requireAssessmentUser(request);
  if (!ctx.scope.isCity) forbidden();
  return ctx;
}

type UnionRef = { id: string; path: string; countyId: string | null };

/** What the user may do with a union's submission in a round. */
export async function rightsOver(scope: AssessmentScope, union: UnionRef, roundId: string) {
  const edit = scope.unionPaths.some((p) => union.path.startsWith(p));
  const review = scope.reviewPaths.some((p) => union.path.startsWith(p));
  let inspect = false;
  if (scope.groupIds.length) {
    const target = await prisma.inspectionTarget.findFirst({
      where: { roundId, groupId: { in: scope.groupIds }, orgId: { in: [union.id, union.countyId ?? "-"] } },
      select: { groupId: true },
    });
    inspect = Boolean(target);
  }
  return {
    edit,
    review,
    confirm: scope.isCity || inspect,
    inspect,
    // Individual member answers: never to the union's own staff, only to those above it.
    answers: review && !edit,
  };
}

/** A Prisma `where` on Organisation for the unions a reviewer covers (county filter optional). */
export function reviewedUnionsWhere(scope: AssessmentScope, countyId?: string | null) {
  const byPath = scope.reviewPaths.length
    ? { OR: scope.reviewPaths.map((p) => ({ path: { startsWith: p } })) }
    : { id: "__none__" };
  return { kind: "union", ...byPath, ...(countyId ? { countyId } : {}) };
}

/** Unions whose self-assessment the user fills in. */
export async function ownUnions(scope: AssessmentScope) {
  if (!scope.unionPaths.length) return [];
  return prisma.organisation.findMany({
    where: { kind: "union", OR: scope.unionPaths.map((p) => ({ path: { startsWith: p } })) },
    select: { id: true, name: true, unionType: true, countyId: true, path: true },
    orderBy: { name: "asc" },
  });
}
