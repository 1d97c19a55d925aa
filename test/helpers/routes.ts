// The app's routes, found by reading app/routes (remix-flat-routes file names), and the demo
// seed's ids to fill their `$params` — so sweeps over "every route" stay complete as routes are added.
import fs from "node:fs";
import path from "node:path";
import { seedActivities } from "~/seed/activities.server";
import { seedAssessment } from "~/seed/assessment.server";
import { seedContests } from "~/seed/contests.server";
import { DEMO_PHONES, seedFoundation } from "~/seed/foundation.server";
import { seedMembership } from "~/seed/membership.server";
import { prisma } from "~/utils/db.server";

const ROUTES_DIR = path.resolve("app/routes");

export type RouteFile = {
  file: string;
  source: string;
  /** URL pattern with `$params` kept, e.g. /activities/$activityId */
  url: string;
  hasAction: boolean;
  hasLoader: boolean;
  /** A page (renders a component) rather than a resource route. */
  isPage: boolean;
};

export function routeFiles(): RouteFile[] {
  const found: RouteFile[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/\.(tsx?|jsx?)$/.test(entry.name) && !entry.name.startsWith("__") && !/\.test\./.test(entry.name)) {
        const file = path.relative(ROUTES_DIR, full);
        const own = fs.readFileSync(full, "utf8");
        // A route may re-export its loader and action from a private module beside it
        // (`export { action, loader } from "./__login.server"`): that module's code is the route's too.
        const source = [own, ...reExported(full, own)].join("\n");
        found.push({
          file,
          source,
          url: routeUrl(file),
          hasAction: exports("action", own),
          hasLoader: exports("loader", own),
          isPage: /export\s+default\s/.test(own),
        });
      }
    }
  };
  walk(ROUTES_DIR);
  return found.sort((a, b) => a.file.localeCompare(b.file));
}

/** Whether a route module exports `name` (a function, a const, or re-exported from another module). */
function exports(name: string, source: string) {
  return (
    new RegExp(`export\\s+(async\\s+)?function\\s+${name}\\b|export\\s+const\\s+${name}\\b`).test(source) ||
    [...source.matchAll(/export\s*\{([^}]*)\}/g)].some((m) => new RegExp(`(^|[\\s,])${name}\\b`).test(m[1]))
  );
}

/** The source of the sibling modules a route re-exports from (`export { … } from "./…"`). */
function reExported(routeFile: string, source: string) {
  return [...source.matchAll(/export\s*\{[^}]*\}\s*from\s*"(\.{1,2}\/[^"]+)"/g)].flatMap((m) => {
    const base = path.resolve(path.dirname(routeFile), m[1]);
    const found = ["", ".ts", ".tsx"].map((ext) => base + ext).find((f) => fs.existsSync(f) && fs.statSync(f).isFile());
    return found ? [fs.readFileSync(found, "utf8")] : [];
  });
}

/** remix-flat-routes file name → URL pattern, keeping `$params`. */
function routeUrl(file: string) {
  const segments = file
    .replace(/\.(tsx?|jsx?)$/, "")
    .split(path.sep)
    .flatMap((part) => (part.endsWith("+") ? [part.slice(0, -1)] : part.split(/\.(?![^[]*\])/)))
    .filter((s) => s !== "_index" && s !== "route" && !(s.startsWith("_") && !s.startsWith("_index")))
    .map((s) => s.replace(/_$/, "").replace(/\[(.*?)\]/g, "$1"));
  return "/" + segments.filter((s) => s !== "$").join("/");
}

/** Replaces `$params` with the given ids; unknown ones with `missing`, an id that matches nothing. */
export function fillParams(url: string, ids: Record<string, string>, missing = "no-such-id") {
  return url.replace(/\$(\w+)/g, (_, name: string) => ids[name] ?? missing);
}

export type DemoUser = "admin" | "judge" | "worker" | "member" | "centerStaff" | "organiser" | "unionStaff";

/** Seeds the whole Linfen demo and returns ids for route params and the demo users' ids. */
export async function seedDemoForRoutes() {
  const base = await seedFoundation();
  await seedActivities(base);
  await seedContests(base);
  await seedMembership(base);
  const assessment = await seedAssessment(base);
  const activity = await prisma.activity.findFirstOrThrow({
    where: { status: "published", confirmedCount: { gt: 0 } },
  });
  const judge1 = await prisma.user.findUniqueOrThrow({ where: { phone: DEMO_PHONES.judge1 } });
  const assignment = await prisma.assignment.findFirstOrThrow({ where: { judgeId: judge1.id } });
  const file = await prisma.storedFile.findFirst();
  const application = await prisma.membershipApplication.findFirstOrThrow({
    where: { status: "pending", countyId: base.fushan },
  });
  const membership = await prisma.membership.findFirstOrThrow();
  // One of the worker's notifications (opened by /me/notifications/$notificationId).
  const notification =
    (await prisma.notification.findFirst({ where: { userId: base.users.worker.id } })) ??
    (await prisma.notification.create({
      data: { userId: base.users.worker.id, kind: "notify.empty", link: "/me/activities" },
    }));
  const ids: Record<string, string> = {
    activityId: activity.id,
    contestId: assignment.contestId,
    entryId: assignment.entryId,
    orgId: base.fushan,
    userId: base.users.worker.id,
    fileId: file?.id ?? "no-file",
    applicationId: application.id,
    token: membership.verifyToken,
    notificationId: notification.id,
    locale: "en",
    registrationId: (
      await prisma.registration.findFirstOrThrow({ where: { activityId: activity.id }, orderBy: { createdAt: "asc" } })
    ).id,
    roundId: assessment.round.id,
    // A submission in Fushan county, where the union staff demo user reviews.
    submissionId: (
      await prisma.assessmentSubmission.findFirstOrThrow({
        where: { roundId: assessment.round.id, countyId: base.fushan, status: "submitted" },
      })
    ).id,
  };
  const users: Record<DemoUser, string> = {
    admin: base.users.admin.id,
    judge: judge1.id,
    worker: base.users.worker.id,
    member: base.users.member.id,
    centerStaff: base.users.centerStaff.id,
    organiser: base.users.organiser.id,
    unionStaff: base.users.countyStaff.id,
  };
  return { base, ids, users, activity, assignment };
}

/** Who opens a page: the role the area is for; null for pages meant for visitors. */
export function visitorFor(file: string): DemoUser | null {
  if (/^(_auth\+|verify\+)\//.test(file) || /^(_index|forbidden|problem|\$)\.tsx$/.test(file)) return null;
  if (file.startsWith("admin+/")) return "admin";
  if (file.startsWith("center+/")) return "centerStaff";
  if (file.startsWith("organise+/")) return "organiser";
  if (file.startsWith("judging+/")) return "judge";
  if (file.startsWith("union+/")) return "unionStaff";
  if (file === "assessment+/rounds.tsx") return "admin";
  if (file.startsWith("assessment+/")) return "unionStaff";
  if (file === "me+/evaluation.$roundId.tsx") return "member";
  if (file === "me+/card.tsx") return "member";
  return "worker";
}
