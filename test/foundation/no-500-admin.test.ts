// Never a 500 (part 1 of 2, see test/helpers/no-500.ts): the route scan, and every action under garbage from the
// strongest user (the users whose own records the actions touch, and the loaders, are in no-500-owners.test.ts).
import { expect, test } from "vitest";
import { routeFiles } from "../helpers/routes";
import { fillParams, report, setUpSweep, sweepPost, type Finding } from "../helpers/no-500";

setUpSweep();

test("the route scan finds the mutating routes and fills their ids from the seed", () => {
  const routes = routeFiles();
  const mutating = routes.filter((r) => r.hasAction).map((r) => r.url);
  expect(mutating).toEqual(
    expect.arrayContaining([
      "/login",
      "/admin/orgs/$orgId",
      "/activities/$activityId",
      "/center/activities/$activityId/checkin",
      "/organise/$contestId/judges",
      "/judging/$contestId/$entryId",
      "/contests/$contestId/enter",
    ]),
  );
  for (const r of routes) expect(fillParams(r.url), r.file).not.toContain("no-such-id");
});

test("every action answers an empty or garbage POST from the strongest user with < 500 and logs no error", async () => {
  const findings: Finding[] = [];
  const routes = routeFiles().filter((r) => r.hasAction);
  expect(routes.length).toBeGreaterThan(15);
  for (const route of routes) await sweepPost(route, "admin", findings);
  expect(report(findings)).toBe("");
}, 900_000);
