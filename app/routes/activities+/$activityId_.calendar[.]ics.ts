import type { LoaderFunctionArgs } from "@remix-run/node";
import { activityIcs } from "~/domain/activities/ics.server";
import { prisma } from "~/utils/db.server";
import { notFound } from "~/utils/http.server";

// GET /activities/:id/calendar.ics — add to calendar (published or cancelled activities only).
export async function loader({ request, params }: LoaderFunctionArgs) {
  const a = await prisma.activity.findUnique({
    where: { id: params.activityId! },
    select: {
      id: true,
      title: true,
      address: true,
      startsAt: true,
      endsAt: true,
      description: true,
      status: true,
      updatedAt: true,
    },
  });
  if (!a || a.status === "draft") notFound();
  const url = new URL(`/activities/${a.id}`, request.url).toString();
  return new Response(activityIcs({ ...a, url }), {
    headers: {
      "Content-Type": "text/calendar; charset=utf-8",
      "Content-Disposition": `attachment; filename="activity-${a.id}.ics"`,
    },
  });
}
