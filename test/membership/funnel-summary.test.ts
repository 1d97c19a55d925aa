// The dashboard's cohort reads FunnelPerson (each person's last day per stage, kept with every
// event) instead of grouping the events by person. Its figures must be exactly the definition's —
// the events grouped by person — in every scope, after a rebuild, and after events stop naming
// their person (account erasure, retention).
import { beforeAll, expect, test } from "vitest";
import { loadCohort } from "~/domain/membership/dashboard-cohort.server";
import { periodRange, type DashboardFilter } from "~/domain/membership/dashboard.server";
import { deleteAccount } from "~/domain/privacy/delete-account.server";
import { applyRetention } from "~/domain/privacy/retention.server";
import { prisma } from "~/utils/db.server";
import { FUNNEL_STEPS, rebuildFunnelRollup, recordFunnelStep } from "~/utils/funnel.server";

const DAY = 86_400_000;
let seed = 7;
const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)];

const COUNTIES = ["county-a", "county-b", null];
let userIds: string[] = [];

beforeAll(async () => {
  const now = Date.now();
  for (let i = 0; i < 40; i++) {
    const user = await prisma.user.create({ data: { name: `漏斗${i}`, passwordHash: "x" } });
    userIds.push(user.id);
  }
  // 600 events: any step (waitlist included), any county or none, some anonymous, over 450 days
  // (so retention has old ones to anonymise), days out of order.
  for (let i = 0; i < 600; i++) {
    await recordFunnelStep({
      step: pick(FUNNEL_STEPS),
      userId: random() < 0.1 ? null : pick(userIds),
      sourceType: "direct",
      countyId: pick(COUNTIES),
      at: new Date(now - Math.floor(random() * 450) * DAY - Math.floor(random() * 20) * 3_600_000),
    });
  }
}, 120_000);

const filters = (): [string, DashboardFilter][] => [
  ["city, 30 days", { ...periodRange("30"), countyIds: null }],
  ["city, 365 days", { ...periodRange("365"), countyIds: null }],
  ["city, this year", { ...periodRange("ytd"), countyIds: null }],
  ["county a, 90 days", { ...periodRange("90"), countyIds: ["county-a"] }],
  ["counties a and b, 180 days", { ...periodRange("180"), countyIds: ["county-a", "county-b"] }],
  ["no county", { ...periodRange("180"), countyIds: [] }],
];

async function expectSameAsDefinition() {
  for (const [name, f] of filters()) {
    expect(await loadCohort(f), name).toEqual(await loadCohort(f, { fromEvents: true }));
  }
}

test("the summary gives exactly the events' figures, in every scope", async () => {
  await expectSameAsDefinition();
  const city = await loadCohort({ ...periodRange("365"), countyIds: null });
  expect(city.people.view).toBeGreaterThan(10); // the comparison compares something
  expect(city.fromPrevious.attend).toBeGreaterThan(0);
});

test("a period that ends before the latest event is counted from the events", async () => {
  const f = { from: periodRange("365").from, to: periodRange("90").from, countyIds: null };
  const past = await loadCohort(f);
  expect(past).toEqual(await loadCohort(f, { fromEvents: true }));
  expect(past.people.view).toBeGreaterThan(0);
});

test("rebuilding from the events gives the same summary rows as recording them one by one", async () => {
  const rows = () => prisma.funnelPerson.findMany({ orderBy: [{ countyId: "asc" }, { userId: "asc" }] });
  const recorded = await rows();
  await rebuildFunnelRollup();
  expect(await rows()).toEqual(recorded);
});

test("after an erased account and retention, the summary still matches the events", async () => {
  await deleteAccount(userIds[0]);
  expect(await prisma.funnelPerson.count({ where: { userId: userIds[0] } })).toBe(0);
  await expectSameAsDefinition();
  const oldEvents = await prisma.funnelEvent.count({
    where: { userId: { not: null }, createdAt: { lt: new Date(Date.now() - 366 * DAY) } },
  });
  expect(oldEvents).toBeGreaterThan(0);
  await applyRetention();
  await expectSameAsDefinition();
  userIds = userIds.slice(1);
});
