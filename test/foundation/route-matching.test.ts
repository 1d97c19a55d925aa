// The memo of Remix's route matching (app/server/route-matching.js): the same matches as Remix's
// own, for every route the app has, and callers never share objects.
import { createRequire } from "node:module";
import path from "node:path";
import type * as RemixRouter from "@remix-run/router";
import { expect, test } from "vitest";
import { rememberRouteMatches } from "../../app/server/route-matching.js";

const require = createRequire(createRequire(import.meta.url).resolve("@remix-run/server-runtime"));
const router = require("@remix-run/router") as typeof RemixRouter;

test("remembered matches equal Remix's own for the app's routes, and each caller gets its own objects", async () => {
  const plain = router.matchRoutes;
  const build = await import(path.resolve(process.env.XG_BUILD_DIR ?? "build", "index.js"));
  // The route tree as the server runtime builds it: nested by parentId.
  type Node = { id: string; path?: string; index?: boolean; children: Node[] };
  const all = Object.values(
    build.routes as Record<string, { id: string; parentId?: string; path?: string; index?: boolean }>,
  );
  const tree = (parentId?: string): Node[] =>
    all
      .filter((r) => r.parentId === parentId)
      .map((r) => ({ id: r.id, path: r.path, index: r.index, children: tree(r.id) }));
  const routes = tree(undefined) as unknown as Parameters<typeof plain>[0];
  rememberRouteMatches();
  const paths = [
    "/",
    "/activities",
    "/activities/abc123",
    "/activities/xyz/registration",
    "/nope/nowhere",
    "/contests/c1",
  ];
  for (const p of [...paths, ...paths]) {
    const expected = plain(routes, p);
    const first = router.matchRoutes(routes, p);
    const second = router.matchRoutes(routes, p);
    expect(first?.map((m) => [m.route.id, m.params])).toEqual(expected?.map((m) => [m.route.id, m.params]));
    if (first && second) {
      expect(first[0]).not.toBe(second[0]);
      expect(first.at(-1)!.params).not.toBe(second.at(-1)!.params);
    }
  }
});
