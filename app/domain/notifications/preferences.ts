// Which channels a notification goes out on. Every kind belongs to a category; a user may turn
// SMS and e-mail on or off per category (NotificationPreference rows; no row = the defaults
// below). In-app is always on. Security codes are not notifications: they go to an address
// through sendToAddress() and ignore these choices.
// Shared by the server (notify) and the settings page, so it has no server-only imports.

export const CATEGORIES = ["activities", "membership", "contests", "work"] as const;
export type Category = (typeof CATEGORIES)[number];
export type Channels = { sms: boolean; email: boolean };

/** Time-sensitive news about one's own sign-ups and membership reaches the phone by default;
 * contest news and staff work (assignments, reminders, digests) go by e-mail only. */
export const DEFAULT_CHANNELS: Record<Category, Channels> = {
  activities: { sms: true, email: true },
  membership: { sms: true, email: true },
  contests: { sms: false, email: true },
  work: { sms: false, email: true },
};

/** Kinds that are staff work, whatever their catalog area. */
const WORK_KINDS = new Set([
  "contests.notify.assigned",
  "messages.notify.judgingReminder",
  "messages.notify.overdueDigest",
]);

export function categoryOf(kind: string): Category {
  if (WORK_KINDS.has(kind) || kind.startsWith("assessment.")) return "work";
  if (kind.startsWith("activities.") || kind.startsWith("desk.") || kind === "messages.notify.activityReminder")
    return "activities";
  if (kind.startsWith("membership.")) return "membership";
  return "contests";
}

/** Security codes and links: always sent, on the channel of the address they were asked for. */
export function isSecurityKind(kind: string) {
  return kind.startsWith("code.") || kind.startsWith("link.");
}

/** Codes are useless after they expire (5 minutes) and must not stay readable once sent. */
export function isCodeKind(kind: string) {
  return kind.startsWith("code.");
}
