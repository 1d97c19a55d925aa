// The one way to tell people something. Every notification is written inside the transaction of
// the change that causes it, so it exists exactly when the change does.
//
// Today: an in-app Notification row per user. Issue #10 adds delivery by SMS and e-mail through
// OutboxMessage rows written here in the same transaction, chosen per user and kind.
import type { MessageKey } from "~/i18n";
import type { Tx } from "~/utils/db.server";

export type NotificationInput = {
  kind: MessageKey; // catalog key of the message text
  params?: Record<string, string | number>;
  link?: string | null;
};

/** Notify each of `userIds` (duplicates ignored) of one thing. */
export async function notify(tx: Tx, userIds: string | string[], input: NotificationInput) {
  const ids = [...new Set(Array.isArray(userIds) ? userIds : [userIds])];
  if (ids.length === 0) return;
  await tx.notification.createMany({
    data: ids.map((userId) => ({
      userId,
      kind: input.kind,
      params: JSON.stringify(input.params ?? {}),
      link: input.link ?? null,
    })),
  });
}

/**
 * A message to an address that may belong to no user yet (a security code to a phone being
 * registered). Written to the outbox; issue #10's delivery worker sends it.
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
