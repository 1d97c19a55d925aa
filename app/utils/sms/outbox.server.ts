// The default SMS adapter: nothing leaves the machine. The message is already an OutboxMessage
// row; "sending" it only marks it delivered to the outbox, where admins read it on
// /admin/outbox (a demo or development machine needs no gateway to log in by code).
import type { SmsSender } from "./types";

export const outboxSender: SmsSender = {
  name: "outbox",
  send: async () => ({ providerRef: "outbox" }),
};
