import type { LoaderFunctionArgs } from "@remix-run/node";
import { attendanceTable, toCsv, toXlsx } from "~/domain/activities/export.server";
import { getLocale, getT } from "~/utils/i18n.server";
import { requireActivityStaff } from "~/utils/permissions.server";
import { toLocalDateKey } from "~/utils/time";

// GET /center/activities/:id/export?format=csv|xlsx — the registration and attendance list.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { activity } = await requireActivityStaff(request, params.activityId!);
  const format = new URL(request.url).searchParams.get("format") === "xlsx" ? "xlsx" : "csv";
  const { title, header, rows } = await attendanceTable(activity.id, getT(request), getLocale(request));
  const filename = encodeURIComponent(`${title}-${toLocalDateKey()}.${format}`);
  const disposition = `attachment; filename="attendance.${format}"; filename*=UTF-8''${filename}`;
  if (format === "csv") {
    return new Response(toCsv(header, rows), {
      headers: { "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": disposition, "Cache-Control": "no-store" },
    });
  }
  const body = await toXlsx(title, header, rows);
  return new Response(new Uint8Array(body), {
    headers: {
      "Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      "Content-Disposition": disposition,
      "Cache-Control": "no-store",
    },
  });
}
