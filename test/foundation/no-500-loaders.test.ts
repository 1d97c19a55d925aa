// Never a 500 (part 4 of 4, see test/helpers/no-500.ts): every loader under garbage query strings.
import { expect, test } from "vitest";
import { routeFiles } from "../helpers/routes";
import { report, setUpSweep, sweepGet, type Finding } from "../helpers/no-500";

setUpSweep();

test("every loader answers garbage query strings with < 500, for the admin, a worker, a judge and union staff", async () => {
  const findings: Finding[] = [];
  const routes = routeFiles().filter((r) => r.hasLoader);
  expect(routes.length).toBeGreaterThan(20);
  for (const route of routes)
    for (const as of ["admin", "worker", "judge", "unionStaff"]) await sweepGet(route, as, findings);
  expect(report(findings)).toBe("");
}, 900_000);
