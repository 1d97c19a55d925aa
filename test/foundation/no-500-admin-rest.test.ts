// Never a 500 (part 2 of 4, see test/helpers/no-500.ts): every action under garbage from the strongest user —
// the second half of the mutating routes.
import { expect, test } from "vitest";
import { routeFiles } from "../helpers/routes";
import { report, setUpSweep, sweepPost, type Finding } from "../helpers/no-500";

setUpSweep();

test("every action (second half) answers an empty or garbage POST from the strongest user with < 500 and logs no error", async () => {
  const findings: Finding[] = [];
  const routes = routeFiles().filter((r) => r.hasAction);
  expect(routes.length).toBeGreaterThan(15);
  for (const route of routes.slice(Math.ceil(routes.length / 2))) await sweepPost(route, "admin", findings);
  expect(report(findings)).toBe("");
}, 900_000);
