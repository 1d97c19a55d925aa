// Reads the dashboard's filters from the URL and checks them against the staff member's scope
// (shared by the page and its export, so both show exactly the same figures).
import { forbidden } from "~/utils/http.server";
import { dashboardCounties, requireRole } from "~/utils/permissions.server";
import { prisma } from "~/utils/db.server";
import { PERIODS, type Period } from "./dashboard-tables";
import { periodRange, type DashboardFilter } from "./dashboard.server";

export async function dashboardRequest(request: Request) {
  const user = await requireRole(request, "union_staff");
  const allowed = await dashboardCounties(user.id);
  const url = new URL(request.url);
  const period: Period = PERIODS.find((p) => p === url.searchParams.get("period")) ?? "180";
  const requested = url.searchParams.get("county") || null;
  if (requested && allowed && !allowed.includes(requested)) forbidden();
  const countyIds = requested ? [requested] : allowed;
  const filter: DashboardFilter = { ...periodRange(period), countyIds };
  const counties = await prisma.organisation.findMany({
    where: { kind: { in: ["county", "zone"] }, ...(allowed ? { id: { in: allowed } } : {}) },
    select: { id: true, name: true, nameEn: true },
    // NULLs first, as SQLite sorts them (PostgreSQL would put them last): one order on both engines.
    orderBy: [{ kind: "asc" }, { code: { sort: "asc", nulls: "first" } }],
  });
  return { user, period, county: requested, filter, counties, cityWide: allowed === null };
}
