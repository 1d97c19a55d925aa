// What every staff decision on one registration leaves behind (approve, decline, promote, remove):
// an audit row (who, what, before → after, whose data, which center) and a message to the worker,
// both in the decision's own transaction, so a decision is never recorded without its notice.
import { notify } from "~/domain/notifications/notify.server";
import type { MessageKey } from "~/i18n";
import { audit } from "~/utils/audit.server";
import type { Tx } from "~/utils/db.server";

type Decided = { id: string; userId: string; activity: { title: string; centerId: string } };

export async function recordStaffDecision(
  tx: Tx,
  input: {
    staffId: string;
    reg: Decided;
    action: "registration.approve" | "registration.decline" | "registration.promote" | "registration.remove";
    before: Record<string, unknown>;
    after: Record<string, unknown>;
    notice: { kind: MessageKey; params?: Record<string, string | number>; link: string };
  },
) {
  const { reg } = input;
  await audit(tx, {
    actorId: input.staffId,
    action: input.action,
    entity: "Registration",
    entityId: reg.id,
    before: input.before,
    after: input.after,
    subjectUserId: reg.userId,
    orgId: reg.activity.centerId,
  });
  await notify(tx, reg.userId, {
    kind: input.notice.kind,
    params: { title: reg.activity.title, ...input.notice.params },
    link: input.notice.link,
  });
}
