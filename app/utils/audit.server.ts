// The audit log: one function writes every entry. Pass the transaction that makes the change, so
// the entry and the change commit together (or neither does); outside a transaction pass `prisma`.
// `before`/`after` are stored as JSON (null stays null). Who and where the change concerns go in
// their own columns (subjectUserId, orgId), so histories are read by index, not by searching JSON.
import type { Tx } from "./db.server";

export type AuditEntry = {
  actorId: string | null;
  action: string; // e.g. "role.grant", "score.change", "export"
  entity: string;
  entityId: string;
  before?: unknown;
  after?: unknown;
  subjectUserId?: string | null;
  orgId?: string | null;
};

const json = (value: unknown) => (value == null ? null : JSON.stringify(value));

export async function audit(tx: Pick<Tx, "auditLog">, entry: AuditEntry) {
  await tx.auditLog.create({
    data: {
      actorId: entry.actorId,
      action: entry.action,
      entity: entry.entity,
      entityId: entry.entityId,
      before: json(entry.before),
      after: json(entry.after),
      subjectUserId: entry.subjectUserId ?? null,
      orgId: entry.orgId ?? null,
    },
  });
}
