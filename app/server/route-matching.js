// Remix matches every request's path against the route tree twice: once in
// @remix-run/server-runtime (through the router package's exported `matchRoutes`), once inside the
// router's static handler. Each call flattens and ranks the whole list of ~150 routes before it
// matches — the same work for the same answer on every request, ~15 % of a sign-up's CPU (issue #13
// item 6). The first call goes through the router module's exports object, so it can be answered
// from a memo: by the route list (fixed for a build), basename and pathname, for the most recently
// used paths. The second has no such seam and is left as it is.
import { createRequire } from "node:module";

const MAX_PATHS = 1000;

/** Installs the memo on the `@remix-run/router` that `@remix-run/server-runtime` uses (once per process). */
export function rememberRouteMatches() {
  const require = createRequire(createRequire(import.meta.url).resolve("@remix-run/server-runtime"));
  const router = require("@remix-run/router");
  if (router.matchRoutes.remembers) return;
  const match = router.matchRoutes;
  const byRoutes = new WeakMap();
  function matchRoutes(routes, location, basename) {
    // Only string paths (what the server runtime passes); anything else as before.
    if (typeof location !== "string") return match(routes, location, basename);
    let paths = byRoutes.get(routes);
    if (!paths) byRoutes.set(routes, (paths = new Map()));
    const key = `${basename ?? ""}\n${location}`;
    let matches = paths.get(key);
    if (matches === undefined) {
      matches = match(routes, location, basename);
      if (paths.size >= MAX_PATHS) paths.delete(paths.keys().next().value);
    } else {
      paths.delete(key); // re-inserted below: the Map's order is least recently used first
    }
    paths.set(key, matches);
    // Each caller gets its own objects (the params are the path's, so equal for every caller).
    return matches && matches.map((m) => ({ ...m, params: { ...m.params } }));
  }
  matchRoutes.remembers = true;
  router.matchRoutes = matchRoutes;
}
