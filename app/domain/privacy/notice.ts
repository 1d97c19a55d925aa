// The privacy notice (/privacy): its version and the retention periods it lists. No server imports:
// the notice page and the application form both show them. Publishing a changed notice = raising
// PRIVACY_NOTICE_VERSION (and its date): everyone whose consent is older is asked again.
export const PRIVACY_NOTICE_VERSION = 1;
export const PRIVACY_NOTICE_DATE = "2026-12-02";

/** Consent purposes recorded in PrivacyConsent. */
export const CONSENT_SENSITIVE = "sensitive"; // ID number, income band, migrant status (入会申请)

/** How long personal data is kept before the daily `privacy.retention` job deletes or anonymises it. */
export const RETENTION_DAYS = {
  /** Rejected membership applications, counted from the decision: deleted. */
  rejectedApplications: 180,
  /** Log-in and registration throttle rows (they hold phone numbers and addresses): deleted. */
  loginAttempts: 1,
  /** Funnel events (views, sign-ups, …) keep their user id this long, then only the counts remain. */
  funnelPersonalIds: 365,
  /** Delivered or failed SMS/e-mail messages (they hold the address and the text): deleted. */
  outboxMessages: 30,
} as const;
