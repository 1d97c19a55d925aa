// The one place that answers "may this user do that?". Roles are granted per organisation
// and reach down the tree: a grant on a county covers every union and center under it.
// An admin grant covers every role in its subtree.
import { ACTIVE_ENTRY } from "~/domain/contests/constants";
import { prisma } from "./db.server";
import { forbidden } from "./http.server";
import { requireUser, type SessionUser } from "./auth.server";
import { ROLES, type Role } from "./roles";

export { ROLES, type Role } from "./roles";

export type Grant = { role: Role; orgId: string; path: string };

export async function getGrants(userId: string): Promise<Grant[]> {
  const grants = await prisma.roleGrant.findMany({
    where: { userId },
    select: { role: true, orgId: true, org: { select: { path: true } } },
  });
  return grants.map((g) => ({ role: g.role as Role, orgId: g.orgId, path: g.org.path }));
}

/** Path prefixes of the subtrees where the user holds `role` (or admin). Empty when none. */
export async function scopePaths(userId: string, role: Role): Promise<string[]> {
  const grants = await getGrants(userId);
  const paths = grants.filter((g) => g.role === role || g.role === "admin").map((g) => g.path);
  // Drop paths already covered by a shorter one.
  return paths.filter((p) => !paths.some((other) => other !== p && p.startsWith(other)));
}

/** A Prisma `where` for organisations inside the given scope. */
export function orgInScope(paths: string[]) {
  if (paths.length === 0) return { id: "__none__" };
  return { OR: paths.map((p) => ({ path: { startsWith: p } })) };
}

/** Ids of every organisation inside the user's scope for `role`. */
export async function scopeOrgIds(userId: string, role: Role): Promise<string[]> {
  const paths = await scopePaths(userId, role);
  if (paths.length === 0) return [];
  const orgs = await prisma.organisation.findMany({ where: orgInScope(paths), select: { id: true } });
  return orgs.map((o) => o.id);
}

export async function hasRoleFor(userId: string, role: Role, orgId: string): Promise<boolean> {
  const paths = await scopePaths(userId, role);
  if (paths.length === 0) return false;
  const org = await prisma.organisation.findUnique({ where: { id: orgId }, select: { path: true } });
  return Boolean(org && paths.some((p) => org.path.startsWith(p)));
}

export async function hasAnyRole(userId: string, role: Role) {
  return (await scopePaths(userId, role)).length > 0;
}

/**
 * The signed-in user, if they hold `role` somewhere (or over `orgId` when given); otherwise 403.
 * Not signed in → redirect to log in.
 */
export async function requireRole(
  request: Request,
  role: Role,
  options: { orgId?: string } = {},
): Promise<SessionUser> {
  const user = await requireUser(request);
  const allowed = options.orgId ? await hasRoleFor(user.id, role, options.orgId) : await hasAnyRole(user.id, role);
  if (!allowed) forbidden();
  return user;
}

/** Roles for the navigation: which staff areas to show. */
export async function navRoles(userId: string): Promise<Role[]> {
  const grants = await getGrants(userId);
  const roles = new Set<Role>(grants.map((g) => g.role));
  if (roles.has("admin")) ROLES.forEach((r) => roles.add(r));
  return [...roles];
}

// ───────────── Files ─────────────

type FileAccess = { allowed: boolean; public?: boolean; neutralName?: string; blindCopy?: boolean };

/**
 * Who may read a stored file. Covers and avatars are public. Entry attachments: the entry's
 * (accepted) authors, organisers over the contest, and judges assigned the entry — when the
 * contest is blind-reviewed, under a neutral name and as a copy without metadata
 * (app/domain/contests/blind-copy.server.ts). A judge who declared a conflict may not.
 */
export async function canReadFile(
  userId: string | null,
  file: { id: string; purpose: string; ownerId: string | null; contentType: string },
): Promise<FileAccess> {
  if (file.purpose === "activity_cover" || file.purpose === "avatar") return { allowed: true, public: true };
  if (!userId) return { allowed: false };
  if (file.ownerId === userId) return { allowed: true };
  if (file.purpose !== "entry_attachment") return { allowed: false };
  const attachment = await prisma.entryAttachment.findFirst({
    where: { fileId: file.id },
    select: {
      position: true,
      entry: {
        select: {
          id: true,
          submittedById: true,
          authors: { where: { status: "accepted" }, select: { userId: true } },
          contest: { select: { orgId: true, blindReview: true } },
          assignments: { where: { judgeId: userId }, select: { id: true, status: true } },
        },
      },
    },
  });
  if (!attachment) return { allowed: false };
  const { entry } = attachment;
  if (entry.submittedById === userId || entry.authors.some((a) => a.userId === userId)) return { allowed: true };
  if (await hasRoleFor(userId, "contest_organiser", entry.contest.orgId)) return { allowed: true };
  if (entry.assignments.some((a) => a.status === "conflict")) return { allowed: false };
  if (entry.assignments.length > 0) {
    const ext = file.contentType === "application/pdf" ? "pdf" : file.contentType.split("/")[1];
    return {
      allowed: true,
      neutralName: entry.contest.blindReview ? `attachment-${attachment.position + 1}.${ext}` : undefined,
      blindCopy: entry.contest.blindReview,
    };
  }
  return { allowed: false };
}

// ───────────── Activities (domain checks) ─────────────

/** Centers whose activities the user may manage (center_staff — or admin — on the center or above it). */
export async function manageableCenters(userId: string) {
  const paths = await scopePaths(userId, "center_staff");
  if (paths.length === 0) return [];
  return prisma.organisation.findMany({
    where: { kind: "center", ...orgInScope(paths) },
    orderBy: { name: "asc" },
    select: { id: true, name: true, nameEn: true, countyId: true, address: true },
  });
}

/**
 * The signed-in user and the activity, when they are center staff over the activity's center.
 * Unknown activity → 404; someone else's center → 403.
 */
export async function requireActivityStaff(request: Request, activityId: string) {
  const user = await requireUser(request);
  const activity = await prisma.activity.findUnique({
    where: { id: activityId },
    select: { id: true, centerId: true },
  });
  if (!activity) throw new Response("Not found", { status: 404 });
  if (!(await hasRoleFor(user.id, "center_staff", activity.centerId))) forbidden();
  return { user, activity };
}

// ───────────── Contests (domain checks) ─────────────

/** The signed-in organiser and the contest, when the contest's organisation is in their scope; else 403/404. */
export async function requireContestOrganiser(request: Request, contestId: string) {
  const user = await requireUser(request);
  const contest = await prisma.contest.findUnique({ where: { id: contestId }, select: { id: true, orgId: true } });
  if (!contest) throw new Response("Not found", { status: 404 });
  if (!(await hasRoleFor(user.id, "contest_organiser", contest.orgId))) forbidden();
  return { user, contestId: contest.id };
}

/** Contest ids an organiser may manage: a Prisma `where` on Contest. */
export async function managedContestsWhere(userId: string) {
  const paths = await scopePaths(userId, "contest_organiser");
  return { org: orgInScope(paths) };
}

/**
 * The judge's own, non-conflicted assignment of an entry in a contest; else 404 (nothing
 * revealed). A judge who declared a conflict on it gets 403: they may no longer open it.
 */
export async function requireJudgeAssignment(userId: string, contestId: string, entryId: string) {
  const assignment = await prisma.assignment.findFirst({
    where: { contestId, entryId, judgeId: userId, entry: { status: ACTIVE_ENTRY } },
    select: { id: true, status: true },
  });
  if (!assignment) throw new Response("Not found", { status: 404 });
  if (assignment.status === "conflict") forbidden();
  return assignment;
}

// ───────────── Membership (domain checks) ─────────────

/** A Prisma `where` on MembershipApplication: those whose target union is in the staff's scope. */
export async function applicationsInScope(userId: string) {
  const paths = await scopePaths(userId, "union_staff");
  return { union: orgInScope(paths) };
}

/** The staff member and the application when its union is in their scope; 404 otherwise (nothing revealed). */
export async function requireApplicationInScope(request: Request, applicationId: string) {
  const user = await requireRole(request, "union_staff");
  const application = await prisma.membershipApplication.findFirst({
    where: { id: applicationId, ...(await applicationsInScope(user.id)) },
    select: { id: true },
  });
  if (!application) throw new Response("Not found", { status: 404 });
  return { user, applicationId: application.id };
}

/**
 * The counties whose figures a union staff member may see: null = every county (a city grant),
 * else the counties of their grants (a grant on a grassroots union sees its county's aggregates).
 */
export async function dashboardCounties(userId: string): Promise<string[] | null> {
  const grants = (await getGrants(userId)).filter((g) => g.role === "union_staff" || g.role === "admin");
  const orgs = await prisma.organisation.findMany({
    where: { id: { in: grants.map((g) => g.orgId) } },
    select: { kind: true, countyId: true },
  });
  if (orgs.some((o) => o.kind === "city")) return null;
  return [...new Set(orgs.map((o) => o.countyId).filter((c): c is string => Boolean(c)))];
}

// ───────────── Administration (domain checks) ─────────────

/**
 * A Prisma `where` on User: the accounts in an admin's remit; null when that is every account (an
 * admin grant on a root organisation, the city). Otherwise a user is in an admin's remit when their county,
 * their employer's county, their union membership or an organisation they hold a role in lies
 * inside the admin's subtrees — and they hold no admin grant outside them, so a county admin never
 * sees the city admin nor a neighbouring county's admin.
 */
export async function usersInAdminScope(adminId: string) {
  const paths = await scopePaths(adminId, "admin");
  // A root path is "/<id>/": nothing lies outside it.
  if (paths.some((p) => p.split("/").length === 3)) return null;
  const inScope = orgInScope(paths);
  return {
    AND: [
      {
        OR: [
          { county: inScope },
          { employer: { county: inScope } },
          { membership: { union: inScope } },
          { roles: { some: { org: inScope } } },
        ],
      },
      { NOT: { roles: { some: { role: "admin", org: { NOT: inScope } } } } },
    ],
  };
}

/**
 * Accounts that belong to no organisation yet (no county, employer, membership or role). They are
 * no county's, so a county admin does not list them; but a new member of staff must be reachable
 * to be given their first role: the user search finds them by their exact phone number or e-mail
 * address (which the admin can only know from the person), and their page may then be opened.
 */
export const UNAFFILIATED_USER = { countyId: null, employerId: null, membership: { is: null }, roles: { none: {} } };

/** The signed-in admin and the id of a user they may see (in their remit or unaffiliated); 404 otherwise. */
export async function requireUserInAdminScope(request: Request, userId: string) {
  const admin = await requireRole(request, "admin");
  const scope = await usersInAdminScope(admin.id);
  const where = { AND: [{ id: userId }, scope ? { OR: [scope, UNAFFILIATED_USER] } : {}] };
  const user = await prisma.user.findFirst({ where, select: { id: true } });
  if (!user) throw new Response("Not found", { status: 404 });
  return { admin, userId: user.id };
}
