import type { LoaderFunctionArgs } from "@remix-run/node";
import { buildTables, TABLE_IDS } from "~/domain/membership/dashboard-tables";
import { dashboardRequest } from "~/domain/membership/dashboard-scope.server";
import { loadDashboard } from "~/domain/membership/dashboard.server";
import { exportResponse } from "~/utils/export.server";
import { getLocale, getT } from "~/utils/i18n.server";
import { badRequest } from "~/utils/http.server";

// GET /union/dashboard/export?table=…&format=csv|xlsx&period=…&county=… — one dashboard table,
// exactly as shown, for the staff member's scope; every export is written to the audit log.
export async function loader({ request }: LoaderFunctionArgs) {
  const { user, period, filter } = await dashboardRequest(request);
  const url = new URL(request.url);
  const tableId = TABLE_IDS.find((id) => id === url.searchParams.get("table"));
  const format = url.searchParams.get("format");
  if (!tableId || (format !== "csv" && format !== "xlsx")) badRequest();
  const dashboard = await loadDashboard(filter, getLocale(request));
  const table = buildTables(dashboard, getT(request)).find((tb) => tb.id === tableId)!;
  return exportResponse({
    actorId: user.id,
    table,
    format,
    fileName: `dashboard-${tableId}-${filter.from}-${filter.to}`,
    what: { table: tableId, period, from: filter.from, to: filter.to, counties: filter.countyIds },
  });
}
