// The outbox for admins (issue #10): every SMS and e-mail with its state, attempts and last error,
// and "retry now". With the default SMS adapter this page is where text messages end up.
import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { FormMessage } from "~/components/forms";
import { OUTBOX_STATUSES, type OutboxStatus } from "~/domain/notifications/outbox";
import { listOutbox, retryNow } from "~/domain/notifications/outbox-admin.server";
import { isCodeKind } from "~/domain/notifications/preferences";
import { parseParams } from "~/domain/notifications/render.server";
import { isMessageKey } from "~/i18n/translate";
import { requireRole } from "~/utils/permissions.server";
import { catchRule } from "~/utils/rule-error.server";
import { useI18n } from "~/utils/i18n";
import { formatDateTime } from "~/utils/time";
import { idField } from "~/utils/validation";
import { pageMeta } from "~/utils/meta";

export const meta = pageMeta<typeof loader>("messages.outbox.title", "page.outbox.description");

const ActionSchema = z.discriminatedUnion("intent", [z.object({ intent: z.literal("retry"), id: idField })]);

export async function loader({ request }: LoaderFunctionArgs) {
  const admin = await requireRole(request, "admin");
  const asked = new URL(request.url).searchParams.get("status");
  const status = (OUTBOX_STATUSES as readonly string[]).includes(asked ?? "") ? (asked as OutboxStatus) : null;
  const rows = await listOutbox(admin.id, status);
  return {
    rows: rows.map((r) => ({
      ...r,
      params: parseParams(r.params),
      codeRemoved: isCodeKind(r.kind) && r.params === "{}",
      nextAttemptAt: r.nextAttemptAt.toISOString(),
      sentAt: r.sentAt?.toISOString() ?? null,
      createdAt: r.createdAt.toISOString(),
    })),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requireRole(request, "admin");
  const submission = parseWithZod(await request.formData(), { schema: ActionSchema });
  if (submission.status !== "success") return data({ ok: false, error: "validation.formErrors" }, { status: 400 });
  const result = await catchRule(() => retryNow(admin.id, submission.value.id));
  if (!result.ok) return data({ ok: false, error: result.error.key as string }, { status: result.error.status });
  return { ok: true, error: null };
}

export default function OutboxPage() {
  const { t, locale } = useI18n();
  const { rows } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const current = searchParams.get("status");
  return (
    <div className="mx-auto max-w-4xl">
      <h1 className="page-title">{t("messages.outbox.title")}</h1>
      <p className="mb-4 text-gray-700">{t("messages.outbox.intro")}</p>
      {actionData?.ok ? <FormMessage message={t("messages.outbox.retried")} /> : null}
      {actionData?.error && isMessageKey(actionData.error) ? (
        <FormMessage tone="error" message={t(actionData.error)} />
      ) : null}
      <nav aria-label={t("messages.outbox.filter")} className="mb-4 flex flex-wrap gap-2 text-sm">
        {[null, ...OUTBOX_STATUSES].map((s) => (
          <Link
            key={s ?? "all"}
            to={s ? `?status=${s}` : "."}
            className={current === s || (!current && !s) ? "btn-primary" : "btn-secondary"}
          >
            {s ? t(`messages.outbox.status.${s}`) : t("messages.outbox.all")}
          </Link>
        ))}
      </nav>
      {rows.length === 0 ? (
        <p className="card text-gray-600">{t("messages.outbox.empty")}</p>
      ) : (
        <ul className="space-y-2">
          {rows.map((r) => (
            <li key={r.id} className="card text-sm" data-status={r.status}>
              <p className="flex flex-wrap gap-x-3 text-gray-600">
                <span>
                  {t(r.channel === "email" ? "messages.outbox.channel.email" : "messages.outbox.channel.sms")}
                </span>
                <span className="break-all">
                  {t("messages.outbox.recipient")}: {r.recipient}
                </span>
                <time dateTime={r.createdAt}>{formatDateTime(r.createdAt, locale)}</time>
              </p>
              <p className="my-1 break-words">
                {isMessageKey(r.kind) && !r.codeRemoved ? t(r.kind, r.params) : r.kind}
                {r.codeRemoved ? ` ${t("messages.outbox.codeHidden")}` : null}
              </p>
              <p className="flex flex-wrap items-center gap-x-3 text-gray-600">
                <strong>
                  {isMessageKey(`messages.outbox.status.${r.status}`)
                    ? t(`messages.outbox.status.${r.status}` as "messages.outbox.status.sent")
                    : r.status}
                </strong>
                <span>{t("messages.outbox.attempts", { n: r.attempts })}</span>
                {r.sentAt ? (
                  <span>{t("messages.outbox.sentAt", { time: formatDateTime(r.sentAt, locale) })}</span>
                ) : null}
                {r.status === "pending" && r.attempts > 0 ? (
                  <span>{t("messages.outbox.nextAttempt", { time: formatDateTime(r.nextAttemptAt, locale) })}</span>
                ) : null}
              </p>
              {r.lastError ? (
                <p className="mt-1 break-words text-red-700">
                  {t("messages.outbox.lastError", { error: r.lastError })}
                </p>
              ) : null}
              {(r.status === "failed" || r.status === "pending") && !r.codeRemoved ? (
                <Form method="post" className="mt-2">
                  <input type="hidden" name="id" value={r.id} />
                  <button type="submit" name="intent" value="retry" className="btn-secondary">
                    {t("messages.outbox.retry")}
                  </button>
                </Form>
              ) : null}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
