// The states of an OutboxMessage (see delivery.server.ts), shared by the server and the admin page.
export const OUTBOX_STATUSES = ["pending", "sending", "sent", "failed"] as const;
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];
