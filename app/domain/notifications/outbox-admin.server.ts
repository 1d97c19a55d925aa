// The admin's view of the outbox: rows of the users in their remit (a root admin also sees
// messages to addresses with no account, such as registration codes), and "retry now".
import { audit } from "~/utils/audit.server";
import { prisma } from "~/utils/db.server";
import { sqlDate } from "~/utils/sql-dialect.server";
import { usersInAdminScope } from "~/utils/permissions.server";
import { RuleError } from "~/utils/rule-error";
import { wakeDelivery } from "./delivery.server";
import type { OutboxStatus } from "./outbox";

async function outboxScope(adminId: string) {
  const scope = await usersInAdminScope(adminId);
  return scope === null ? {} : { user: { is: scope } };
}

export async function listOutbox(adminId: string, status: OutboxStatus | null, take = 100) {
  return prisma.outboxMessage.findMany({
    where: { AND: [await outboxScope(adminId), status ? { status } : {}] },
    orderBy: { createdAt: "desc" },
    take,
    select: {
      id: true,
      channel: true,
      recipient: true,
      kind: true,
      params: true,
      locale: true,
      status: true,
      attempts: true,
      nextAttemptAt: true,
      lastError: true,
      sentAt: true,
      createdAt: true,
    },
  });
}

/** Makes a failed (or waiting) row due now; one more attempt is allowed even past the limit. A code
 * whose digits were already removed cannot be sent again (the user asks for a new one). */
export async function retryNow(adminId: string, id: string, now = new Date()) {
  const row = await prisma.outboxMessage.findFirst({
    where: { AND: [{ id }, await outboxScope(adminId)] },
    select: { id: true, userId: true },
  });
  if (!row) throw new RuleError("messages.outbox.notRetriable", null, 404);
  await prisma.$transaction(async (tx) => {
    const changed = await tx.$executeRaw`
      UPDATE "OutboxMessage" SET "status" = 'pending', "nextAttemptAt" = ${sqlDate(now)}
      WHERE "id" = ${id} AND "status" IN ('failed', 'pending') AND NOT ("kind" LIKE 'code.%' AND "params" = '{}')`;
    if (changed === 0) throw new RuleError("messages.outbox.notRetriable", null, 409);
    await audit(tx, {
      actorId: adminId,
      action: "outbox.retry",
      entity: "OutboxMessage",
      entityId: id,
      subjectUserId: row.userId,
    });
  });
  wakeDelivery();
}
