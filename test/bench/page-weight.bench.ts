// `npm run bench -- page-weight`: each public page's JavaScript and CSS (the bytes the server
// sends gzipped, for every asset its HTML makes the browser load) and its first contentful paint
// and hydration in Chromium under a fixed throttle (a slow 3G-like network and a 4× slower CPU,
// through CDP), next to a minimal Remix page (one root, one route, built in the same run by the
// same compiler and served the same way). The page budget is 90 KB of JS.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import type http from "node:http";
import path from "node:path";
import { createRequestHandler } from "@remix-run/node";
import compression from "compression";
import express from "express";
import { chromium } from "playwright-core";
import { createApp } from "../../app/server/app.js";
import { servePrecompressed } from "../../app/server/serve-precompressed.js";
import { seedActivities } from "~/seed/activities.server";
import { seedContests } from "~/seed/contests.server";
import { seedFoundation } from "~/seed/foundation.server";
import { prisma } from "~/utils/db.server";
import { CHROMIUM_PATH } from "../helpers/browser";
import { pageWeight } from "../helpers/page-weight";

const THROTTLE = {
  network: {
    offline: false,
    latency: 300,
    downloadThroughput: (1.6 * 1024 * 1024) / 8,
    uploadThroughput: (750 * 1024) / 8,
  },
  cpu: 4,
};
const RUNS = 3;

/** What `npm run build` does after `remix build`, in its own process (see app/server/precompress.js). */
const precompress = (args: string[]) =>
  execFileSync(process.execPath, ["app/server/precompress.js", ...args], { stdio: "ignore" });

const listen = (handler: http.RequestListener | express.Express) =>
  new Promise<{ url: string; close: () => void }>((resolve) => {
    const server = (handler as express.Express).listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      resolve({ url: `http://127.0.0.1:${port}`, close: () => server.close() });
    });
  });

// The minimal Remix page: a root with <Links/>, <Meta/>, <Scripts/> and one index route.
async function minimalRemix() {
  const dir = path.resolve("test/.tmp/minimal-remix");
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(path.join(dir, "app/routes"), { recursive: true });
  fs.writeFileSync(
    path.join(dir, "remix.config.js"),
    `export default { serverModuleFormat: "esm", future: { v3_fetcherPersist: true, v3_relativeSplatPath: true, v3_throwAbortReason: true, v3_lazyRouteDiscovery: true, v3_singleFetch: true } };\n`,
  );
  // Its packages resolve from the project's node_modules; Remix reads the runtime from this list.
  const deps = ["@remix-run/node", "@remix-run/react", "isbot", "react", "react-dom"];
  fs.writeFileSync(
    path.join(dir, "package.json"),
    JSON.stringify({ type: "module", dependencies: Object.fromEntries(deps.map((d) => [d, "*"])) }),
  );
  fs.writeFileSync(
    path.join(dir, "app/root.tsx"),
    `import { Links, Meta, Outlet, Scripts } from "@remix-run/react";
export default function App() {
  return (<html lang="en"><head><meta charSet="utf-8" /><meta name="viewport" content="width=device-width, initial-scale=1" /><Meta /><Links /></head>
    <body><Outlet /><Scripts /></body></html>);
}\n`,
  );
  fs.writeFileSync(
    path.join(dir, "app/routes/_index.tsx"),
    `export default function Index() { return <main><h1>Minimal Remix page</h1><p>One route, no data.</p></main>; }\n`,
  );
  execFileSync(path.resolve("node_modules/.bin/remix"), ["build"], {
    cwd: dir,
    stdio: ["ignore", "ignore", "inherit"],
    env: { ...process.env, NODE_ENV: "production", VITE_CJS_IGNORE_WARNING: "true" },
  });
  precompress(["--assets", path.join(dir, "public/build")]);
  const build = await import(path.join(dir, "build/index.js"));
  const app = express();
  app.use(compression());
  app.use("/build", servePrecompressed(path.join(dir, "public/build")));
  app.use("/build", express.static(path.join(dir, "public/build"), { immutable: true, maxAge: "1y" }));
  app.get("/favicon.ico", (_req, res) => res.status(204).end());
  app.all("*", async (req, res) => {
    const response = await createRequestHandler(
      build,
      "production",
    )(new Request(`http://${req.headers.host}${req.originalUrl}`, { headers: req.headers as HeadersInit }));
    res.status(response.status);
    response.headers.forEach((v, k) => res.setHeader(k, v));
    res.end(Buffer.from(await response.arrayBuffer()));
  });
  return listen(app);
}

// Our app, with the demo's activities and contests.
const base = await seedFoundation();
await seedActivities(base);
await seedContests(base);
const activity = await prisma.activity.findFirstOrThrow({ where: { status: "published" } });
const contest = await prisma.contest.findFirstOrThrow({ where: { status: { not: "draft" } } });
precompress([]);
const ours = await listen(await createApp());
const minimal = await minimalRemix();

const pages: [label: string, url: string, pagePath: string][] = [
  ["minimal Remix page", minimal.url, "/"],
  ...[
    "/",
    "/activities",
    `/activities/${activity.id}`,
    "/contests",
    `/contests/${contest.id}`,
    "/login",
    "/register",
  ].map((p) => [p.replace(/[a-z0-9]{20,}/, ":id"), ours.url, p] as [string, string, string]),
];

const browser = await chromium.launch({
  executablePath: CHROMIUM_PATH,
  args: [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
  ],
});

/** First contentful paint and hydration (ms after navigation start), a fresh cache each run. */
async function timings(url: string) {
  const context = await browser.newContext({ viewport: { width: 360, height: 740 }, locale: "zh-CN" });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send("Network.enable");
  await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
  await cdp.send("Network.emulateNetworkConditions", THROTTLE.network);
  await cdp.send("Emulation.setCPUThrottlingRate", { rate: THROTTLE.cpu });
  await page.goto(url, { waitUntil: "load", timeout: 120_000 });
  // Hydrated: our root marks <html data-hydrated>; the minimal page has no marker, so its load event stands in.
  await page
    .waitForFunction(() => document.documentElement.dataset.hydrated === "true", null, { timeout: 60_000 })
    .catch(() => null);
  const result = await page.evaluate(() => {
    const fcp = performance.getEntriesByName("first-contentful-paint")[0]?.startTime ?? NaN;
    const nav = performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming;
    return { fcp, load: nav.loadEventEnd, hydrated: document.documentElement.dataset.hydrated === "true" };
  });
  const hydratedAt = result.hydrated ? await page.evaluate(() => performance.now()) : result.load;
  await context.close();
  return { fcp: result.fcp, hydrated: hydratedAt };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
console.log(
  `throttle: ${THROTTLE.network.latency} ms latency, ${(THROTTLE.network.downloadThroughput / 1024).toFixed(0)} KB/s down, CPU ×${THROTTLE.cpu}; median of ${RUNS} cold loads`,
);
console.log(
  "page".padEnd(26),
  "JS (gz)".padStart(9),
  "CSS (gz)".padStart(9),
  "FCP".padStart(8),
  "hydrated".padStart(9),
);
let over = 0;
for (const [label, url, pagePath] of pages) {
  const weight = await pageWeight(url, pagePath);
  await (await fetch(url + pagePath)).arrayBuffer(); // the server's first render of a route is not the page's cost
  const runs = [];
  for (let i = 0; i < RUNS; i++) runs.push(await timings(url + pagePath));
  const fcp = median(runs.map((r) => r.fcp));
  const hydrated = median(runs.map((r) => r.hydrated));
  const flag = label !== "minimal Remix page" && weight.js > 90 * 1024 ? "  > 90 KB" : "";
  if (flag) over += 1;
  console.log(
    label.padEnd(26),
    kb(weight.js).padStart(9),
    kb(weight.css).padStart(9),
    `${Math.round(fcp)} ms`.padStart(8),
    `${Math.round(hydrated)} ms`.padStart(9),
    flag,
  );
}
console.log(`${over} public page(s) over the 90 KB budget`);
await browser.close();
ours.close();
minimal.close();
await prisma.$disconnect();
