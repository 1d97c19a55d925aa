import { Form, Link, useActionData, useLoaderData, useLocation } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { UserText } from "~/components/user-text";
import { ErrorList, FormMessage } from "~/components/form-parts";
import type { MessageKey } from "~/i18n";
import { useI18n } from "~/utils/i18n";
import { formatDateTimeRange } from "~/utils/time";
import { pageMeta } from "~/utils/meta";
import type * as Server from "./__activity-page.server";

// Loader and action live in ./__activity-page.server.ts (the page's JavaScript stays within its budget).
export { action, loader } from "./__activity-page.server";

export const meta = pageMeta<typeof Server.loader>(
  "page.activity.title",
  "page.activity.description",
  (d) => d.activity.title,
);

export default function ActivityDetail() {
  const { t, locale } = useI18n();
  const {
    activity: a,
    descriptionHtml,
    questions,
    signedIn,
    isMember,
    registrationStatus,
    window,
  } = useLoaderData<typeof Server.loader>();
  const actionData = useActionData<typeof Server.action>();
  const location = useLocation();
  const left = Math.max(0, a.capacity - a.confirmedCount);
  const centerName = locale === "en" && a.center.nameEn ? a.center.nameEn : a.center.name;
  const registered =
    registrationStatus === "confirmed" || registrationStatus === "waitlisted" || registrationStatus === "pending";

  let signup: React.ReactNode;
  if (a.status === "cancelled") signup = <FormMessage tone="error" message={t("activities.signup.cancelled")} />;
  else if (a.status === "draft") signup = <p className="text-gray-700">{t("activities.detail.draftPreview")}</p>;
  else if (registered)
    signup = (
      <p>
        <Link to={`/activities/${a.id}/registration`} className="btn-primary">
          {t(
            registrationStatus === "confirmed"
              ? "activities.detail.youAreConfirmed"
              : registrationStatus === "pending"
                ? "desk.detail.youArePending"
                : "activities.detail.youAreWaitlisted",
          )}
        </Link>
      </p>
    );
  else if (registrationStatus === "declined") signup = <p className="text-gray-700">{t("desk.detail.declined")}</p>;
  else if (window !== "open")
    signup = (
      <p className="text-gray-700">
        {t(window === "notOpen" ? "activities.signup.notOpen" : "activities.signup.closed")}
      </p>
    );
  else if (!signedIn)
    signup = (
      <Link to={`/login?redirectTo=${encodeURIComponent(location.pathname)}`} className="btn-primary">
        {t("activities.detail.loginToSignUp")}
      </Link>
    );
  else if (a.eligibility === "members" && !isMember)
    signup = (
      <div className="space-y-2">
        <FormMessage tone="error" message={t("activities.signup.membersOnly")} />
        <p className="text-sm text-gray-700">{t("ux.membersOnly.joinHint")}</p>
        {/* Through /join/go, so the click counts for this activity in the conversion funnel. */}
        <a href={`/join/go?from=activity:${a.id}`} className="btn-primary" data-testid="members-only-join">
          {t("ux.membersOnly.join")}
        </a>
      </div>
    );
  else if (!left && !a.waitlistEnabled) signup = <p className="text-gray-700">{t("activities.signup.full")}</p>;
  else
    signup = (
      <Form method="post" className="space-y-3" aria-label={t("activities.detail.signupForm")}>
        {actionData?.error ? <FormMessage tone="error" message={t(actionData.error)} /> : null}
        {questions.map((q) => {
          const errors = actionData?.fieldErrors?.[`q_${q.id}`];
          const name = `q_${q.id}`;
          const title = (
            <>
              {q.label}{" "}
              {q.required ? (
                <span className="text-red-700">*</span>
              ) : (
                <span className="text-xs text-gray-500">{t("common.optional")}</span>
              )}
            </>
          );
          if (q.kind === "text")
            return (
              <div key={q.id}>
                <label className="label" htmlFor={name}>
                  {title}
                </label>
                <input
                  id={name}
                  name={name}
                  className="input"
                  maxLength={500}
                  required={q.required}
                  aria-invalid={errors ? true : undefined}
                  aria-describedby={errors ? `${name}-error` : undefined}
                />
                <ErrorList id={`${name}-error`} errors={errors} />
              </div>
            );
          return (
            <fieldset key={q.id} aria-describedby={errors ? `${name}-error` : undefined}>
              <legend className="label">{title}</legend>
              {q.options.map((o) => (
                <label key={o} className="flex items-center gap-2 py-1 text-sm">
                  <input
                    type={q.kind === "single" ? "radio" : "checkbox"}
                    name={name}
                    value={o}
                    required={q.kind === "single" && q.required}
                  />{" "}
                  {o}
                </label>
              ))}
              <ErrorList id={`${name}-error`} errors={errors} />
            </fieldset>
          );
        })}
        {a.approvalRequired ? <p className="text-sm text-gray-700">{t("desk.detail.approvalHint")}</p> : null}
        <button type="submit" className="btn-primary w-full sm:w-auto">
          {a.approvalRequired
            ? t("desk.detail.requestSignUp")
            : left
              ? t("activities.detail.signUp")
              : t("activities.detail.joinWaitlist")}
        </button>
      </Form>
    );

  return (
    <article className="mx-auto max-w-2xl space-y-4">
      {a.coverFileId ? (
        <img src={`/files/${a.coverFileId}`} alt="" className="max-h-64 w-full rounded-lg object-cover" />
      ) : null}
      <div>
        <UserText as="h1" className="page-title mb-1" text={a.title} />
        <p className="flex flex-wrap gap-1 text-xs">
          <span className="badge">{t(`activities.category.${a.category}` as MessageKey)}</span>
          {a.status !== "published" ? (
            <span className="badge bg-red-100 text-red-800">
              {t(`activities.activityStatus.${a.status}` as MessageKey)}
            </span>
          ) : null}
          {a.eligibility === "members" ? <span className="badge">{t("activities.eligibility.members")}</span> : null}
        </p>
      </div>
      <dl className="card grid grid-cols-[auto_1fr] gap-x-3 gap-y-2 text-sm">
        <dt className="text-gray-500">{t("activities.detail.time")}</dt>
        <dd>{formatDateTimeRange(a.startsAt, a.endsAt, locale)}</dd>
        <dt className="text-gray-500">{t("activities.detail.address")}</dt>
        <dd>{a.address}</dd>
        <dt className="text-gray-500">{t("activities.detail.center")}</dt>
        <dd>
          <UserText text={centerName} />
        </dd>
        <dt className="text-gray-500">{t("activities.detail.signupWindow")}</dt>
        <dd>{formatDateTimeRange(a.signupOpensAt, a.signupClosesAt, locale)}</dd>
        <dt className="text-gray-500">{t("activities.detail.seats")}</dt>
        <dd data-testid="seats-left">
          {left
            ? t("activities.seatsLeftOf", { count: left, capacity: a.capacity })
            : a.waitlistEnabled
              ? t("activities.fullWaitlistCount", { count: a.waitlistCount })
              : t("activities.full")}
        </dd>
      </dl>
      <p>
        <a href={`/activities/${a.id}/calendar.ics`} className="link text-sm">
          {t("activities.detail.addToCalendar")}
        </a>
      </p>
      <section className="card">{signup}</section>
      <section
        className="prose max-w-none text-gray-800 [&_a]:text-brand-700 [&_a]:underline [&_li]:ml-5 [&_ol]:list-decimal [&_p]:mb-2 [&_ul]:list-disc"
        dangerouslySetInnerHTML={{ __html: descriptionHtml }}
      />
    </article>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
