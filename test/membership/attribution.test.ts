import { expect, test } from "vitest";
import { attributionFor } from "~/domain/membership/attribution.server";
import { createOrg, createUser } from "~/seed/factories.server";
import { prisma } from "~/utils/db.server";
import { toLocalDateKey } from "~/utils/time";

const DAY = 86_400_000;
const NOW = new Date("2026-11-20T10:00:00+08:00");

async function event(
  userId: string,
  daysAgo: number,
  fields: { step: string; sourceType: string; activityId?: string; contestId?: string; centerId?: string },
) {
  const at = new Date(NOW.getTime() - daysAgo * DAY);
  await prisma.funnelEvent.create({ data: { userId, day: toLocalDateKey(at), createdAt: at, ...fields } });
}

test("first touch is the earliest sourced event in 90 days, last touch the latest", async () => {
  const user = await createUser();
  const center = await createOrg({ kind: "center", name: "测试中心" });
  await event(user.id, 120, { step: "view", sourceType: "activity", activityId: "act_too_old" }); // outside the window
  await event(user.id, 80, { step: "view", sourceType: "center", centerId: center.id });
  await event(user.id, 40, { step: "signup", sourceType: "activity", activityId: "act_a" });
  await event(user.id, 10, { step: "contest_entry", sourceType: "contest", contestId: "con_b" });
  await event(user.id, 2, { step: "join_click", sourceType: "activity", activityId: "act_c" });
  await event(user.id, 1, { step: "view", sourceType: "direct" }); // not a touch
  const { first, last } = await attributionFor(user.id, NOW);
  expect(first).toMatchObject({ sourceType: "center", centerId: center.id });
  expect(first.at?.getTime()).toBe(NOW.getTime() - 80 * DAY);
  expect(last).toMatchObject({ sourceType: "activity", activityId: "act_c" });
});

test("only events older than 90 days → direct", async () => {
  const user = await createUser();
  await event(user.id, 91, { step: "attend", sourceType: "activity", activityId: "act_old" });
  await event(user.id, 200, { step: "view", sourceType: "contest", contestId: "con_old" });
  const { first, last } = await attributionFor(user.id, NOW);
  expect(first).toMatchObject({ sourceType: "direct", activityId: null, at: null });
  expect(last.sourceType).toBe("direct");
});

test("someone else's events and events after the application do not count", async () => {
  const user = await createUser();
  const other = await createUser();
  await event(other.id, 5, { step: "signup", sourceType: "activity", activityId: "act_other" });
  await event(user.id, -3, { step: "signup", sourceType: "activity", activityId: "act_future" });
  await event(user.id, 30, { step: "view", sourceType: "activity", activityId: "act_mine" });
  const { first, last } = await attributionFor(user.id, NOW);
  expect(first.activityId).toBe("act_mine");
  expect(last.activityId).toBe("act_mine");
});

test("a worker with no events at all applied directly", async () => {
  const user = await createUser();
  expect((await attributionFor(user.id, NOW)).first.sourceType).toBe("direct");
});
