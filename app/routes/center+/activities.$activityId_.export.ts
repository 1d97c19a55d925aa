import type { LoaderFunctionArgs } from "@remix-run/node";
import { attendanceTable } from "~/domain/activities/attendance.server";
import { exportResponse } from "~/utils/export.server";
import { getLocale, getT } from "~/utils/i18n.server";
import { requireActivityStaff } from "~/utils/permissions.server";
import { toLocalDateKey } from "~/utils/time";

// GET /center/activities/:id/export?format=csv|xlsx — the registration and attendance list, with
// names and phone numbers: written to the audit log like every export.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, activity } = await requireActivityStaff(request, params.activityId!);
  const format = new URL(request.url).searchParams.get("format") === "xlsx" ? "xlsx" : "csv";
  const table = await attendanceTable(activity.id, getT(request), getLocale(request));
  return exportResponse({
    actorId: user.id,
    table,
    format,
    fileName: `${table.title}-${toLocalDateKey()}`,
    entity: "Activity",
    entityId: activity.id,
    orgId: activity.centerId,
  });
}
