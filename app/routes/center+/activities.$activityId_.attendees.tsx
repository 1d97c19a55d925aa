import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ErrorList, FormMessage } from "~/components/forms";
import { approveRegistration } from "~/domain/activities/approval.server";
import { ATTENDEE_FILTERS, type AttendeeFilter } from "~/domain/activities/attendee-filters";
import { attendeeCounts, listAttendees, messageAllRegistrants } from "~/domain/activities/attendees.server";
import type { MessageKey } from "~/i18n";
import { prisma } from "~/utils/db.server";
import { useI18n } from "~/utils/i18n";
import { requireActivityStaff } from "~/utils/permissions.server";
import { catchRule } from "~/utils/rule-error.server";
import { formatDateTime } from "~/utils/time";
import { idField, requiredText } from "~/utils/validation";
import { pageMeta } from "~/utils/meta";

// /center/activities/:id/attendees — everyone registered for one activity, by status, for the
// staff who run it: approve pending sign-ups, promote or remove (a confirm step with a reason,
// attendees_.$registrationId.tsx), and message everyone registered.
export const meta = pageMeta<typeof loader>(
  "desk.attendees.title",
  "page.attendees.description",
  (d) => d.activity.title,
);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { activity } = await requireActivityStaff(request, params.activityId!);
  const url = new URL(request.url);
  const show = url.searchParams.get("show") ?? "all";
  const filter: AttendeeFilter = (ATTENDEE_FILTERS as readonly string[]).includes(show)
    ? (show as AttendeeFilter)
    : "all";
  const q = (url.searchParams.get("q") ?? "").slice(0, 50);
  const [a, rows, counts] = await Promise.all([
    prisma.activity.findUniqueOrThrow({
      where: { id: activity.id },
      select: {
        id: true,
        title: true,
        status: true,
        capacity: true,
        confirmedCount: true,
        waitlistCount: true,
        approvalRequired: true,
      },
    }),
    listAttendees(activity.id, filter, q),
    attendeeCounts(activity.id),
  ]);
  return { activity: a, filter, q, rows, counts };
}

const AttendeesIntent = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("approve"), registrationId: idField }),
  z.object({ intent: z.literal("message"), text: requiredText(500) }),
]);

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, activity } = await requireActivityStaff(request, params.activityId!);
  const submission = parseWithZod(await request.formData(), { schema: AttendeesIntent });
  if (submission.status !== "success") {
    const textErrors = submission.error?.text ?? null;
    return data(
      { ok: false as const, message: "validation.formErrors" as MessageKey, textErrors, count: 0 },
      { status: 400 },
    );
  }
  const input = submission.value;
  const result =
    input.intent === "approve"
      ? await catchRule(async () => {
          const { status } = await approveRegistration({
            activityId: activity.id,
            registrationId: input.registrationId,
            staffId: user.id,
          });
          return { message: `desk.approval.done.${status}` as MessageKey, count: 0 };
        })
      : await catchRule(async () => ({
          message: "desk.message.sent" as MessageKey,
          count: await messageAllRegistrants({ activityId: activity.id, staffId: user.id, text: input.text }),
        }));
  if (!result.ok)
    return data(
      { ok: false as const, message: result.error.key, textErrors: null, count: 0 },
      { status: result.error.status },
    );
  return { ok: true as const, ...result.value, textErrors: null };
}

type Row = ReturnType<typeof useLoaderData<typeof loader>>["rows"][number];

export default function Attendees() {
  const { t, locale } = useI18n();
  const { activity, filter, q, rows, counts } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [params] = useSearchParams();
  const done = params.get("done");
  const base = `/center/activities/${activity.id}/attendees`;
  const step = (r: Row, what: "promote" | "remove" | "decline") => (
    <Link className="btn-secondary" to={`${base}/${r.id}?do=${what}`}>
      {t(`desk.attendees.${what}` as MessageKey)}
    </Link>
  );
  const statusLabel = (r: Row) =>
    r.status === "waitlisted"
      ? t("activities.registration.waitlistedAt", { position: r.position ?? 0 })
      : t(`activities.status.${r.status}` as MessageKey);
  return (
    <div className="mx-auto max-w-3xl space-y-4">
      <div>
        <Link to={`/center/activities/${activity.id}`} className="link text-sm">
          ← {activity.title}
        </Link>
        <h1 className="page-title mt-1 mb-0">{t("desk.attendees.title")}</h1>
        <p className="text-sm text-gray-600">
          {t("activities.center.seatSummary", {
            confirmed: activity.confirmedCount,
            capacity: activity.capacity,
            waitlisted: activity.waitlistCount,
          })}
          {activity.approvalRequired ? ` · ${t("desk.attendees.approvalMode")}` : ""}
        </p>
      </div>
      {result ? (
        <FormMessage tone={result.ok ? "success" : "error"} message={t(result.message, { count: result.count })} />
      ) : done && ["promote", "remove", "decline"].includes(done) ? (
        <FormMessage message={t(`desk.attendees.done.${done}` as MessageKey)} />
      ) : null}
      <nav aria-label={t("desk.attendees.filters")} className="flex flex-wrap gap-2">
        {ATTENDEE_FILTERS.map((f) => (
          <Link
            key={f}
            to={`${base}?show=${f}${q ? `&q=${encodeURIComponent(q)}` : ""}`}
            className={f === filter ? "btn-primary" : "btn-secondary"}
            aria-current={f === filter ? "page" : undefined}
          >
            {t(`desk.attendees.filter.${f}` as MessageKey, { count: counts[f] })}
          </Link>
        ))}
      </nav>
      <Form method="get" className="flex gap-2">
        <input type="hidden" name="show" value={filter} />
        <label className="sr-only" htmlFor="attendee-q">
          {t("activities.checkin.search")}
        </label>
        <input
          id="attendee-q"
          name="q"
          className="input"
          defaultValue={q}
          placeholder={t("activities.checkin.search")}
        />
        <button className="btn-secondary shrink-0">{t("common.search")}</button>
      </Form>
      <section className="card">
        {rows.length ? (
          <ul className="divide-y divide-gray-100" data-testid="attendee-list">
            {rows.map((r) => (
              <li key={r.id} className="flex flex-wrap items-center justify-between gap-2 py-2">
                <div className="min-w-0">
                  <p className="font-medium">
                    {r.name} <span className="text-sm text-gray-500">{r.phone}</span>
                  </p>
                  <p className="text-xs text-gray-600">
                    <span className="badge">{statusLabel(r)}</span>
                    {r.attendedAt
                      ? ` · ${t("activities.checkin.attendedAt", { time: formatDateTime(r.attendedAt, locale) })}`
                      : ""}
                    {r.walkIn ? ` · ${t("activities.checkin.walkIn")}` : ""}
                    {` · ${t("desk.attendees.registeredAt", { time: formatDateTime(r.createdAt, locale) })}`}
                  </p>
                </div>
                {activity.status === "published" && !r.attendedAt ? (
                  <div className="flex flex-wrap gap-2">
                    {r.status === "pending" ? (
                      <>
                        <Form method="post">
                          <input type="hidden" name="registrationId" value={r.id} />
                          <button className="btn-primary" name="intent" value="approve">
                            {t("desk.attendees.approve")}
                          </button>
                        </Form>
                        {step(r, "decline")}
                      </>
                    ) : null}
                    {r.status === "waitlisted" ? step(r, "promote") : null}
                    {["pending", "confirmed", "waitlisted"].includes(r.status) ? step(r, "remove") : null}
                  </div>
                ) : null}
              </li>
            ))}
          </ul>
        ) : (
          <p className="text-sm text-gray-600">{t("desk.attendees.none")}</p>
        )}
      </section>
      <Form method="post" className="card">
        <h2 className="mb-2 font-semibold">{t("desk.message.title")}</h2>
        <label className="label" htmlFor="message-text">
          {t("desk.message.label")}
        </label>
        <textarea
          id="message-text"
          name="text"
          className="input"
          rows={3}
          maxLength={500}
          required
          aria-invalid={result?.textErrors ? true : undefined}
          aria-describedby={result?.textErrors ? "message-text-error" : undefined}
        />
        <ErrorList id="message-text-error" errors={result?.textErrors} />
        <p className="mt-1 text-xs text-gray-500">{t("desk.message.hint")}</p>
        <button className="btn-secondary mt-2" name="intent" value="message">
          {t("desk.message.send")}
        </button>
      </Form>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
