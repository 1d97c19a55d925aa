// What led a worker to apply: the first and the last touch (an activity, contest or center event
// of theirs) within the 90 days before applying. No touch in the window → "direct".
import { prisma, type Tx } from "~/utils/db.server";

export const ATTRIBUTION_WINDOW_DAYS = 90;

export type Touch = {
  sourceType: "activity" | "contest" | "center" | "direct";
  activityId: string | null;
  contestId: string | null;
  centerId: string | null;
  at: Date | null;
};

export type Attribution = { first: Touch; last: Touch };

const DIRECT: Touch = { sourceType: "direct", activityId: null, contestId: null, centerId: null, at: null };

// Steps a worker takes themselves on a sourced page; "apply"/"approve" are outcomes, not touches.
const TOUCH_STEPS = ["view", "signup", "waitlist", "attend", "join_click", "contest_entry"];

export async function attributionFor(
  userId: string,
  at: Date = new Date(),
  db: Tx | typeof prisma = prisma,
): Promise<Attribution> {
  const since = new Date(at.getTime() - ATTRIBUTION_WINDOW_DAYS * 86_400_000);
  const where = {
    userId,
    step: { in: TOUCH_STEPS },
    sourceType: { in: ["activity", "contest", "center"] },
    createdAt: { gte: since, lte: at },
  };
  const select = { sourceType: true, activityId: true, contestId: true, centerId: true, createdAt: true } as const;
  const [first, last] = await Promise.all([
    db.funnelEvent.findFirst({ where, select, orderBy: [{ createdAt: "asc" }, { id: "asc" }] }),
    db.funnelEvent.findFirst({ where, select, orderBy: [{ createdAt: "desc" }, { id: "desc" }] }),
  ]);
  const toTouch = (e: typeof first): Touch =>
    e
      ? {
          sourceType: e.sourceType as Touch["sourceType"],
          activityId: e.activityId,
          contestId: e.contestId,
          centerId: e.centerId,
          at: e.createdAt,
        }
      : DIRECT;
  return { first: toTouch(first), last: toTouch(last) };
}
