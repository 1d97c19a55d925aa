import { Link, useSearchParams } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { FormMessage } from "~/components/forms";
import { PRIVACY_NOTICE_DATE, PRIVACY_NOTICE_VERSION, RETENTION_DAYS } from "~/domain/privacy/notice";
import type { MessageKey } from "~/i18n";
import { useI18n } from "~/utils/i18n";
import { pageMeta } from "~/utils/meta";

export const meta = pageMeta("privacy.title", "privacy.description");

// The privacy notice, versioned (app/domain/privacy/notice.ts): consent records name the version.
export default function PrivacyNotice() {
  const { t, locale } = useI18n();
  const [searchParams] = useSearchParams();
  const section = (title: MessageKey, ...body: React.ReactNode[]) => (
    <section className="mb-5">
      <h2 className="mb-2 font-semibold">{t(title)}</h2>
      {body.map((b, i) => (
        <p key={i} className="mb-2 leading-relaxed">
          {b}
        </p>
      ))}
    </section>
  );
  return (
    <article className="card mx-auto max-w-2xl" lang={locale}>
      {searchParams.get("deleted") === "1" ? <FormMessage message={t("privacy.myData.deleted")} /> : null}
      <h1 className="page-title">{t("privacy.title")}</h1>
      <p className="mb-4 text-sm text-gray-600" data-testid="notice-version">
        {t("privacy.version", { version: PRIVACY_NOTICE_VERSION, date: PRIVACY_NOTICE_DATE })}
      </p>
      <p className="mb-5 leading-relaxed">{t("privacy.intro")}</p>
      {section("privacy.collect.title", t("privacy.collect.account"), t("privacy.collect.activity"))}
      {section("privacy.collect.sensitive.title", t("privacy.collect.sensitive"))}
      {section("privacy.visitors.title", t("privacy.visitors"))}
      <section className="mb-5">
        <h2 className="mb-2 font-semibold">{t("privacy.retention.title")}</h2>
        <ul className="list-disc space-y-1 pl-5" data-testid="retention">
          <li>{t("privacy.retention.rejected", { days: RETENTION_DAYS.rejectedApplications })}</li>
          <li>{t("privacy.retention.loginAttempts", { days: RETENTION_DAYS.loginAttempts })}</li>
          <li>{t("privacy.retention.funnel", { days: RETENTION_DAYS.funnelPersonalIds })}</li>
          <li>{t("privacy.retention.outbox", { days: RETENTION_DAYS.outboxMessages })}</li>
          <li>{t("privacy.retention.account")}</li>
        </ul>
      </section>
      {section("privacy.share.title", t("privacy.share"))}
      {section(
        "privacy.rights.title",
        t("privacy.rights"),
        <Link key="my-data" to="/me/data" className="link">
          {t("privacy.myData.link")}
        </Link>,
      )}
      <p className="text-sm text-gray-600">{t("privacy.contact")}</p>
    </article>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
