// Demo: channel choices (issue #10). The seeded notifications already wrote their outbox rows;
// with no SMS gateway and no SMTP_URL the demo's /admin/outbox shows the SMS as delivered to the
// outbox and the e-mails as failed with the reason, ready for "retry now" once SMTP is set.
import { savePreferences } from "~/domain/notifications/preferences.server";
import { DEFAULT_CHANNELS } from "~/domain/notifications/preferences";
import type { FoundationSeed } from "./foundation.server";

export async function seedMessages(base: FoundationSeed) {
  // The migrant worker reads texts, not e-mail.
  await savePreferences(base.users.worker.id, {
    activities: { sms: true, email: false },
    membership: { sms: true, email: false },
    contests: { sms: true, email: false },
    work: { sms: false, email: false },
  });
  // A judge who wants judging reminders on the phone as well.
  await savePreferences(base.users.judge1.id, { ...DEFAULT_CHANNELS, work: { sms: true, email: true } });
}
