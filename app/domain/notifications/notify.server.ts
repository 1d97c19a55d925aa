// The one way to tell people something. Every notification is written inside the transaction of
// the change that causes it, so it exists exactly when the change does: the in-app Notification
// row, and one OutboxMessage per external channel (SMS, e-mail) the user wants for that kind
// (preferences.ts). The delivery worker (delivery.server.ts) sends outbox rows after the commit;
// call wakeDelivery() after committing to send them at once instead of within a few seconds.
import { randomUUID } from "node:crypto";
import type { MessageKey } from "~/i18n";
import type { Tx } from "~/utils/db.server";
import { categoryOf, DEFAULT_CHANNELS } from "./preferences";

export type NotificationInput = {
  kind: MessageKey; // catalog key of the message text
  params?: Record<string, string | number>;
  link?: string | null;
  /** Send an SMS whatever the user chose (a waiting-list promotion close to the start). */
  smsRegardless?: boolean;
};

/** Where an e-mail's link takes the reader: opening the notification marks it read, then follows it. */
export const openNotificationPath = (id: string) => `/me/notifications/${id}`;

/** Notify each of `userIds` (duplicates ignored) of one thing. */
export async function notify(tx: Tx, userIds: string | string[], input: NotificationInput) {
  const ids = [...new Set(Array.isArray(userIds) ? userIds : [userIds])];
  if (ids.length === 0) return;
  const category = categoryOf(input.kind);
  const users = await tx.user.findMany({
    where: { id: { in: ids } },
    select: {
      id: true,
      phone: true,
      email: true,
      locale: true,
      notificationPrefs: { where: { category }, select: { sms: true, email: true } },
    },
  });
  const params = JSON.stringify(input.params ?? {});
  const notifications = users.map((u) => ({ id: randomUUID(), userId: u.id }));
  await tx.notification.createMany({
    data: notifications.map((n) => ({ ...n, kind: input.kind, params, link: input.link ?? null })),
  });
  const outbox = users.flatMap((user, i) => {
    const wants = user.notificationPrefs[0] ?? DEFAULT_CHANNELS[category];
    const common = {
      userId: user.id,
      locale: user.locale ?? "zh-CN",
      kind: input.kind,
      params,
      link: input.link ? openNotificationPath(notifications[i].id) : null,
    };
    const rows = [];
    if (user.phone && (wants.sms || input.smsRegardless))
      rows.push({ ...common, channel: "sms", recipient: user.phone });
    if (user.email && wants.email) rows.push({ ...common, channel: "email", recipient: user.email });
    return rows;
  });
  if (outbox.length) await tx.outboxMessage.createMany({ data: outbox });
}

/**
 * A message to an address that may belong to no user yet (a security code to a phone being
 * registered). Written to the outbox; the delivery worker sends it whatever the preferences.
 */
export async function sendToAddress(
  tx: Tx,
  to: { channel: "sms" | "email"; recipient: string; locale: string; userId?: string | null },
  input: NotificationInput,
) {
  return tx.outboxMessage.create({
    data: {
      userId: to.userId ?? null,
      channel: to.channel,
      recipient: to.recipient,
      locale: to.locale,
      kind: input.kind,
      params: JSON.stringify(input.params ?? {}),
      link: input.link ?? null,
    },
  });
}
