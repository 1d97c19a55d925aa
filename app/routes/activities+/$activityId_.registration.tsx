import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ConfirmDialog } from "~/components/confirm-dialog";
import { FormMessage } from "~/components/forms";
import { JoinInvite } from "~/domain/activities/join-invite";
import { cancelRegistration, qrPayload, waitlistPosition } from "~/domain/activities/registration.server";
import { qrSvg } from "~/domain/activities/render.server";
import type { MessageKey } from "~/i18n";
import { requireUser } from "~/utils/auth.server";
import { catchRule } from "~/utils/rule-error.server";
import { prisma } from "~/utils/db.server";
import { useI18n } from "~/utils/i18n";
import { formatDateTime } from "~/utils/time";
import { pageMeta } from "~/utils/meta";

export const meta = pageMeta<typeof loader>(
  "activities.registration.title",
  "page.registration.description",
  (d) => d.activity.title,
);

// The worker's own registration: the confirmation page after signing up, with the check-in QR.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const activityId = params.activityId!;
  const reg = await prisma.registration.findUnique({
    where: { activityId_userId: { activityId, userId: user.id } },
    select: {
      status: true,
      waitlistSeq: true,
      checkinCode: true,
      attendedAt: true,
      promotedAt: true,
      activity: { select: { id: true, title: true, startsAt: true, endsAt: true, address: true, status: true } },
    },
  });
  // Encoded: the id comes from the URL, and a header takes no character beyond Latin-1.
  if (!reg) throw redirect(`/activities/${encodeURIComponent(activityId)}`);
  const started = reg.activity.startsAt <= new Date();
  const [membership, position, qr] = await Promise.all([
    prisma.membership.findUnique({ where: { userId: user.id }, select: { id: true } }),
    reg.status === "waitlisted" ? waitlistPosition(activityId, reg.waitlistSeq) : null,
    // A QR only for a seat that is still valid: never under a cancelled activity.
    reg.status === "confirmed" && reg.activity.status === "published"
      ? qrSvg(qrPayload(activityId, reg.checkinCode))
      : null,
  ]);
  return {
    activity: reg.activity,
    status: reg.status,
    position,
    code: reg.checkinCode,
    attendedAt: reg.attendedAt,
    qr,
    started,
    isMember: Boolean(membership),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const result = await catchRule(() => cancelRegistration({ activityId: params.activityId!, userId: user.id }));
  if (!result.ok) return data({ error: result.error.key }, { status: result.error.status });
  return redirect(`/activities/${params.activityId}/registration?cancelled=1`);
}

export default function RegistrationPage() {
  const { t, locale } = useI18n();
  const { activity, status, position, code, attendedAt, qr, started, isMember } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const active = status === "confirmed" || status === "waitlisted" || status === "pending";
  const activityCancelled = activity.status === "cancelled";
  const confirming = params.get("confirm") === "cancel";
  return (
    <div className="mx-auto max-w-md space-y-4">
      <Link to={`/activities/${activity.id}`} className="link text-sm">
        ← {activity.title}
      </Link>
      {params.get("new") === "1" ? (
        <FormMessage
          message={t(
            status === "confirmed"
              ? "activities.registration.newConfirmed"
              : status === "pending"
                ? "desk.registration.newPending"
                : "activities.registration.newWaitlisted",
          )}
        />
      ) : null}
      {params.get("cancelled") === "1" ? <FormMessage message={t("activities.registration.cancelledNotice")} /> : null}
      {actionData?.error ? <FormMessage tone="error" message={t(actionData.error)} /> : null}
      {activity.status === "cancelled" ? <FormMessage tone="error" message={t("activities.signup.cancelled")} /> : null}
      <section className="card text-center">
        <h1 className="page-title mb-1">{t("activities.registration.title")}</h1>
        <p className="text-sm text-gray-600">
          {formatDateTime(activity.startsAt, locale)} · {activity.address}
        </p>
        <p className="mt-3 text-lg font-semibold" data-testid="registration-status">
          {activityCancelled && active
            ? t("desk.registration.activityCancelled")
            : status === "waitlisted"
              ? t("activities.registration.waitlistedAt", { position: position ?? 0 })
              : t(`activities.status.${status}` as MessageKey)}
        </p>
        {attendedAt ? (
          <p className="text-sm text-green-700">
            {t("activities.registration.attendedAt", { time: formatDateTime(attendedAt, locale) })}
          </p>
        ) : null}
        {qr ? (
          <div className="mt-3">
            <div
              className="mx-auto h-48 w-48"
              role="img"
              aria-label={t("activities.registration.qrLabel")}
              dangerouslySetInnerHTML={{ __html: qr }}
            />
            <p className="mt-2 text-sm text-gray-600">{t("activities.registration.codeLabel")}</p>
            <p className="font-mono text-2xl tracking-widest" data-testid="checkin-code">
              {code}
            </p>
          </div>
        ) : activityCancelled ? null : status === "waitlisted" ? (
          <p className="mt-2 text-sm text-gray-600">{t("activities.registration.waitlistHint")}</p>
        ) : status === "pending" ? (
          <p className="mt-2 text-sm text-gray-600">{t("desk.registration.pendingHint")}</p>
        ) : null}
      </section>
      {!isMember && active && !activityCancelled ? (
        <JoinInvite activityId={activity.id} attended={Boolean(attendedAt)} />
      ) : null}
      {active && !attendedAt && !started && activity.status === "published" ? (
        confirming ? (
          // The confirm step: a seat given up goes to the next person on the waiting list at once.
          <Form method="post" className="card space-y-3 border-red-200 text-center" data-testid="cancel-confirm">
            <h2 className="font-semibold">{t("desk.cancel.title")}</h2>
            <p className="text-sm text-gray-700">
              {t(status === "confirmed" ? "desk.cancel.bodySeat" : "desk.cancel.body")}
            </p>
            <div className="flex flex-wrap justify-center gap-2">
              <button className="btn-danger" name="intent" value="cancel">
                {t("desk.cancel.confirm")}
              </button>
              <Link to="." className="btn-secondary" replace>
                {t("desk.cancel.keep")}
              </Link>
            </div>
          </Form>
        ) : (
          <div className="text-center">
            <ConfirmDialog
              to="?confirm=cancel"
              className="btn-danger"
              label={t("activities.registration.cancel")}
              title={t("desk.cancel.title")}
              body={t(status === "confirmed" ? "desk.cancel.bodySeat" : "desk.cancel.body")}
              confirmLabel={t("desk.cancel.confirm")}
              keepLabel={t("desk.cancel.keep")}
              fields={{ intent: "cancel" }}
              testId="cancel-dialog"
            />
          </div>
        )
      ) : null}
      {status === "cancelled" && activity.status === "published" ? (
        <p className="text-center">
          <Link to={`/activities/${activity.id}`} className="btn-secondary">
            {t("activities.registration.signUpAgain")}
          </Link>
        </p>
      ) : null}
      <p className="text-center">
        <a href={`/activities/${activity.id}/calendar.ics`} className="link text-sm">
          {t("activities.detail.addToCalendar")}
        </a>
        {" · "}
        <Link to="/me/activities" className="link text-sm">
          {t("nav.myActivities")}
        </Link>
      </p>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
