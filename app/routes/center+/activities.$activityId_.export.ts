import type { LoaderFunctionArgs } from "@remix-run/node";
import { attendanceTable } from "~/domain/activities/attendance.server";
import { contactRequest } from "~/domain/privacy/contact-export.server";
import { exportResponse } from "~/utils/export.server";
import { getLocale, getT } from "~/utils/i18n.server";
import { requireActivityStaff } from "~/utils/permissions.server";
import { toLocalDateKey } from "~/utils/time";

// GET /center/activities/:id/export?format=csv|xlsx — the registration and attendance list, with
// names and masked phones (whole phones only with &contact=1&purpose=…): audited like every export.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, activity } = await requireActivityStaff(request, params.activityId!);
  const url = new URL(request.url);
  const format = url.searchParams.get("format") === "xlsx" ? "xlsx" : "csv";
  const t = getT(request);
  const contact = contactRequest(url, t);
  const table = await attendanceTable(activity.id, t, getLocale(request), { contact: contact.contact });
  return exportResponse({
    actorId: user.id,
    table,
    format,
    fileName: `${table.title}-${toLocalDateKey()}`,
    entity: "Activity",
    entityId: activity.id,
    orgId: activity.centerId,
    contactPurpose: contact.purpose,
  });
}
