import { expect, test } from "vitest";
import { buildTables } from "~/domain/membership/dashboard-tables";
import { loadDashboard } from "~/domain/membership/dashboard.server";
import { makeT } from "~/i18n";

// Its own file: a fresh, empty database.
const t = makeT("en");
const RANGE = { from: "2026-09-01", to: "2026-10-31" };

test("a dashboard over no data shows zeros and empty tables, not errors", async () => {
  const d = await loadDashboard({ ...RANGE, countyIds: null }, "en");
  expect(d.totals).toEqual({ view: 0, signup: 0, attend: 0, join_click: 0, apply: 0, approve: 0 });
  const tables = buildTables(d, t);
  expect(tables.find((x) => x.id === "funnel")!.rows.map((r) => r[3])).toEqual([null, null, null, null, null, null]);
  expect(tables.find((x) => x.id === "activity")!.rows).toEqual([]);
  expect(d.organisation.coverage).toBeNull();
  const county = await loadDashboard({ ...RANGE, countyIds: [] }, "en");
  expect(county.totals.view).toBe(0);
});
