import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { parseParams } from "~/domain/notifications/render.server";
import { isMessageKey } from "~/i18n/translate";
import { requireUser } from "~/utils/auth.server";
import { prisma } from "~/utils/db.server";
import { safeRedirectPath } from "~/utils/http.server";
import { useI18n } from "~/utils/i18n";
import { formatDateTime } from "~/utils/time";
import { pageMeta } from "~/utils/meta";

export const meta = pageMeta<typeof loader>("notify.title", "page.notifications.description");

const PAGE_SIZE = 50;

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const notifications = await prisma.notification.findMany({
    where: { userId: user.id },
    orderBy: { createdAt: "desc" },
    take: PAGE_SIZE,
    select: { id: true, kind: true, params: true, link: true, readAt: true, createdAt: true },
  });
  return {
    notifications: notifications.map((n) => ({
      id: n.id,
      kind: n.kind,
      params: parseParams(n.params),
      // Links are written by our own code, but only ever follow in-app paths.
      link: n.link ? safeRedirectPath(n.link, "") || null : null,
      unread: n.readAt === null,
      createdAt: n.createdAt.toISOString(),
    })),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  // One notification (id), or all of them when no id is sent.
  const submission = parseWithZod(await request.formData(), { schema: z.object({ id: z.string().optional() }) });
  const id = submission.status === "success" ? submission.value.id : undefined;
  // Ownership is in the where: a user can only mark their own notifications.
  await prisma.notification.updateMany({
    where: { userId: user.id, readAt: null, ...(id ? { id } : {}) },
    data: { readAt: new Date() },
  });
  return { ok: true };
}

export default function NotificationsPage() {
  const { t, locale } = useI18n();
  const { notifications } = useLoaderData<typeof loader>();
  const unread = notifications.filter((n) => n.unread).length;
  return (
    <div className="mx-auto max-w-2xl">
      <div className="mb-4 flex flex-wrap items-center justify-between gap-2">
        <h1 className="page-title mb-0">{t("notify.title")}</h1>
        <Link to="/me/notification-settings" className="link text-sm">
          {t("messages.settings.link")}
        </Link>
        {unread > 0 ? (
          <Form method="post">
            <button type="submit" className="btn-secondary">
              {t("common.markAllRead")}
            </button>
          </Form>
        ) : null}
      </div>
      {unread > 0 ? <p className="mb-2 text-sm text-gray-600">{t("common.unread", { count: unread })}</p> : null}
      {notifications.length === 0 ? (
        <p className="card text-gray-600">{t("notify.empty")}</p>
      ) : (
        <ul className="space-y-2">
          {notifications.map((n) => {
            const text = isMessageKey(n.kind) ? t(n.kind, n.params) : n.kind;
            return (
              <li
                key={n.id}
                className={`card ${n.unread ? "border-l-4 border-l-brand-600" : ""}`}
                data-unread={n.unread}
              >
                <p className={n.unread ? "font-semibold" : ""}>
                  {n.link ? (
                    // Through the opening route: it marks the notification read, then follows the link.
                    <Link to={`/me/notifications/${n.id}`} className="link">
                      {text}
                    </Link>
                  ) : (
                    text
                  )}
                </p>
                <p className="mt-1 text-xs text-gray-500">
                  <time dateTime={n.createdAt}>{formatDateTime(n.createdAt, locale)}</time>
                </p>
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
