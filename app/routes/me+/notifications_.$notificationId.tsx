// Opening a notification (from the list, or an e-mail's link): marks it read, then follows its link.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { requireUser } from "~/utils/auth.server";
import { prisma } from "~/utils/db.server";
import { notFound, safeRedirectPath } from "~/utils/http.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  // Ownership is in the where: someone else's notification is simply not found.
  const notification = await prisma.notification.findFirst({
    where: { id: params.notificationId, userId: user.id },
    select: { id: true, link: true, readAt: true },
  });
  if (!notification) notFound();
  if (!notification.readAt) {
    await prisma.notification.updateMany({
      where: { id: notification.id, readAt: null },
      data: { readAt: new Date() },
    });
  }
  return redirect(safeRedirectPath(notification.link, "/me/notifications"));
}
