import type { LoaderFunctionArgs } from "@remix-run/node";
import { buildOverview, OVERVIEW_TABLES } from "~/domain/assessment/overview.server";
import { requireReviewer } from "~/domain/assessment/scope.server";
import { exportResponse } from "~/utils/export.server";
import { badRequest } from "~/utils/http.server";
import { getLocale, getT } from "~/utils/i18n.server";
import { overviewCounties, pickRound } from "./__overview.server";

// GET /assessment/export?round=…&table=…&format=csv|xlsx&county=… — one overview table, as shown,
// for the staff member's scope; written to the audit log by the shared export module.
export async function loader({ request }: LoaderFunctionArgs) {
  const { user, scope } = await requireReviewer(request);
  const url = new URL(request.url);
  const table = OVERVIEW_TABLES.find((id) => id === url.searchParams.get("table"));
  const format = url.searchParams.get("format");
  const { round } = await pickRound(url);
  if (!table || !round || (format !== "csv" && format !== "xlsx")) badRequest();
  const counties = overviewCounties(scope, url);
  const tables = await buildOverview(round.id, counties, getT(request), getLocale(request));
  return exportResponse({
    actorId: user.id,
    table: tables.find((x) => x.id === table)!,
    format,
    fileName: `assessment-${round.year}-${table}`,
    what: { round: round.id, table, counties },
    entity: "assessment",
  });
}
