import { beforeAll, expect, test } from "vitest";
import { buildTables } from "~/domain/membership/dashboard-tables";
import { loadDashboard, organisationFigures } from "~/domain/membership/dashboard.server";
import { makeT } from "~/i18n";
import { prisma } from "~/utils/db.server";
import { rebuildFunnelRollup, recordFunnelStep } from "~/utils/funnel.server";
import { makeActivity, makeCity, type City } from "./fixtures";

const t = makeT("en");
const RANGE = { from: "2026-09-01", to: "2026-10-31" };
const at = (day: string) => new Date(`${day}T10:00:00+08:00`);

let c: City;
let activityA: { id: string };
beforeAll(async () => {
  c = await makeCity();
  activityA = await makeActivity(c.centerA.id, c.countyA.id, "skills_training");
  const srcA = {
    sourceType: "activity" as const,
    activityId: activityA.id,
    centerId: c.centerA.id,
    countyId: c.countyA.id,
    category: "skills_training",
  };
  const srcB = {
    sourceType: "contest" as const,
    contestId: "contest-b",
    countyId: c.countyB.id,
    category: "golden_idea",
  };
  // County A, September: 10 views, 4 sign-ups (1 migrant), 3 attended, 2 join clicks, 2 applications, 1 approval.
  for (let i = 0; i < 10; i++) await recordFunnelStep({ ...srcA, step: "view", at: at("2026-09-07") });
  for (let i = 0; i < 4; i++)
    await recordFunnelStep({ ...srcA, step: "signup", isMigrant: i === 0, at: at("2026-09-08") });
  for (let i = 0; i < 3; i++)
    await recordFunnelStep({ ...srcA, step: "attend", isMigrant: i === 0, at: at("2026-09-20") });
  for (let i = 0; i < 2; i++) await recordFunnelStep({ ...srcA, step: "join_click", at: at("2026-09-20") });
  for (let i = 0; i < 2; i++)
    await recordFunnelStep({ ...srcA, step: "apply", isMigrant: i === 0, at: at("2026-09-21") });
  await recordFunnelStep({ ...srcA, step: "approve", isMigrant: true, at: at("2026-10-05") });
  // County B, October: 5 views, 2 contest entries, 1 application, 1 approval.
  for (let i = 0; i < 5; i++) await recordFunnelStep({ ...srcB, step: "view", at: at("2026-10-12") });
  for (let i = 0; i < 2; i++)
    await recordFunnelStep({ ...srcB, step: "contest_entry", isMigrant: false, at: at("2026-10-13") });
  await recordFunnelStep({ ...srcB, step: "apply", isMigrant: false, at: at("2026-10-14") });
  await recordFunnelStep({ ...srcB, step: "approve", isMigrant: false, at: at("2026-10-20") });
  // Outside the period: must not count.
  await recordFunnelStep({ ...srcA, step: "view", at: at("2026-08-31") });
  await recordFunnelStep({ ...srcA, step: "approve", at: at("2026-11-01") });
  // A repeated step with the same dedupe key counts once.
  await recordFunnelStep({ ...srcA, step: "join_click", dedupeKey: "same-click", at: at("2026-09-22") });
  await recordFunnelStep({ ...srcA, step: "join_click", dedupeKey: "same-click", at: at("2026-09-22") });
});

test("city scope: the funnel and its breakdowns match the hand count", async () => {
  const d = await loadDashboard({ ...RANGE, countyIds: null }, "en");
  expect(d.totals).toEqual({ view: 15, signup: 6, attend: 3, join_click: 3, apply: 3, approve: 2 });
  const byCounty = Object.fromEntries(d.byCounty.map((r) => [r.key, r.counts]));
  expect(byCounty[c.countyA.id]).toEqual({ view: 10, signup: 4, attend: 3, join_click: 3, apply: 2, approve: 1 });
  expect(byCounty[c.countyB.id]).toEqual({ view: 5, signup: 2, attend: 0, join_click: 0, apply: 1, approve: 1 });
  expect(d.byActivity.find((r) => r.key === activityA.id)?.counts.signup).toBe(4);
  expect(d.byContest.find((r) => r.key === "contest-b")?.counts.approve).toBe(1);
  expect(d.byCenter.find((r) => r.key === c.centerA.id)?.label).toBe(c.centerA.name);
  const migrant = Object.fromEntries(d.byMigrant.map((r) => [r.key, r.counts]));
  expect(migrant["1"]).toMatchObject({ signup: 1, attend: 1, apply: 1, approve: 1 });
  expect(migrant["0"]).toMatchObject({ signup: 5, attend: 2, apply: 2, approve: 1 });
  expect(Object.fromEntries(d.byCategory.map((r) => [r.key, r.counts.approve]))).toEqual({
    skills_training: 1,
    golden_idea: 1,
  });
  expect(d.monthly.map((m) => [m.key, m.counts.approve])).toEqual([
    ["2026-09", 0],
    ["2026-10", 2],
  ]);
  expect(d.weekly.map((w) => w.key)).toContain("2026-09-07"); // weeks start on Monday
  expect(d.weekly.find((w) => w.key === "2026-09-07")?.counts.signup).toBe(4);

  const funnel = buildTables(d, t).find((x) => x.id === "funnel")!;
  // These events carry no person, so no one is in the rates' cohort: "—", never a ratio of events.
  expect(funnel.rows[1]).toEqual(["Sign-ups", 6, 0, null, null]);
  expect(funnel.rows[5]).toEqual(["Approved", 2, 0, null, null]);
});

test("county scope sees only its own county", async () => {
  const d = await loadDashboard({ ...RANGE, countyIds: [c.countyB.id] }, "en");
  expect(d.totals).toEqual({ view: 5, signup: 2, attend: 0, join_click: 0, apply: 1, approve: 1 });
  expect(d.byActivity).toEqual([]);
});

test("rebuilding the rollup from the events gives the same figures", async () => {
  const before = await loadDashboard({ ...RANGE, countyIds: null }, "en");
  await rebuildFunnelRollup();
  const after = await loadDashboard({ ...RANGE, countyIds: null }, "en");
  expect(after.totals).toEqual(before.totals);
  expect(after.byMigrant).toEqual(before.byMigrant);
});

test("organisation figures: coverage is members over registered workers in scope", async () => {
  const member = await prisma.user.create({ data: { name: "会员", passwordHash: "x" } });
  await prisma.membership.create({
    data: {
      userId: member.id,
      unionId: c.factoryUnion.id,
      number: "LF2026999001",
      since: new Date(),
      verifyToken: "tok-coverage-1",
    },
  });
  const figures = await organisationFigures([c.countyA.id]);
  expect(figures.workers).toBe(410);
  expect(figures.members).toBe(1);
  expect(figures.newMembers).toBe(1);
  expect(figures.uncovered).toBe(1); // the shop
  expect(figures.coverage).toBeCloseTo(1 / 410);
  expect((await organisationFigures([c.countyB.id])).members).toBe(0);
});
