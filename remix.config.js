import { flatRoutes } from "remix-flat-routes";

// XG_BUILD_DIR lets several builds live side by side (e.g. parallel test runs); default "build".
const buildDir = process.env.XG_BUILD_DIR ?? "build";

const benchRoutes = (defineRoutes) =>
  defineRoutes((route) => {
    route("__bench/activities", "../test/bench/ceiling/activities.tsx", { id: "bench-ceiling-activities" });
    route("__bench/home", "../test/bench/ceiling/home.tsx", { id: "bench-ceiling-home" });
  });

/** @type {import('@remix-run/dev').AppConfig} */
export default {
  // Routes come from remix-flat-routes ("+" folders); files starting with "__" and tests are private.
  ignoredRouteFiles: ["**/*"],
  routes: async (defineRoutes) => ({
    ...flatRoutes("routes", defineRoutes, {
      ignoredRouteFiles: ["**/.*", "**/*.test.{ts,tsx}", "**/__*.*"],
    }),
    // `npm run bench` only (test/bench/pages.bench.ts builds its own copy with this set): the
    // framework's ceiling, the public pages rendered from memory. Never in the app's own builds.
    ...(process.env.XG_BENCH_ROUTES === "1" ? benchRoutes(defineRoutes) : {}),
  }),
  serverBuildPath: `${buildDir}/index.js`,
  assetsBuildDirectory: `${buildDir}/assets`,
  publicPath: "/build/",
  serverModuleFormat: "esm",
  serverDependenciesToBundle: [/^@conform-to\//],
  future: {
    v3_fetcherPersist: true,
    v3_relativeSplatPath: true,
    v3_throwAbortReason: true,
    v3_lazyRouteDiscovery: true,
    v3_singleFetch: true,
  },
};
