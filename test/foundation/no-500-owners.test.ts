// Never a 500 (part 2 of 2, see test/helpers/no-500.ts): garbage from the users whose own records the actions
// touch, and garbage query strings to every loader.
import { expect, test } from "vitest";
import { routeFiles } from "../helpers/routes";
import { report, setUpSweep, sweepGet, sweepPost, type Finding } from "../helpers/no-500";

setUpSweep();

test("the actions also survive garbage from the users whose own records they touch (judge, worker, member, union staff)", async () => {
  const findings: Finding[] = [];
  const routes = routeFiles().filter((r) => r.hasAction);
  const byArea: [RegExp, string[]][] = [
    [/^judging\+\//, ["judge"]],
    [/^(contests|activities|me|join)\+\//, ["worker", "member"]],
    [/^union\+\//, ["unionStaff"]],
  ];
  for (const route of routes)
    for (const [re, who] of byArea) if (re.test(route.file)) for (const as of who) await sweepPost(route, as, findings);
  expect(report(findings)).toBe("");
}, 900_000);

test("every loader answers garbage query strings with < 500, for the admin, a worker, a judge and union staff", async () => {
  const findings: Finding[] = [];
  const routes = routeFiles().filter((r) => r.hasLoader);
  expect(routes.length).toBeGreaterThan(20);
  for (const route of routes)
    for (const as of ["admin", "worker", "judge", "unionStaff"]) await sweepGet(route, as, findings);
  expect(report(findings)).toBe("");
}, 900_000);
