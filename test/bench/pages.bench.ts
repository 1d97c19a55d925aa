// bench-engines: sqlite postgresql (test/bench/run.ts runs this file on each engine it has)
// `npm run bench -- pages`: the public pages /activities and / at 50 concurrent clients, one
// server process (`node app/server/index.js`, NODE_ENV=production, the demo seeded), next to the
// framework's ceiling measured in the same run on the same server: bench-only routes
// (test/bench/ceiling/, added to a build of its own by XG_BENCH_ROUTES=1 in remix.config.js, never
// to the app's builds) that render the same components from the loaders' answers held in memory.
// Targets (issue #13 item 6): each page ≥ 50 % of its ceiling's req/s, p95 under 200 ms (the
// latter on an idle 2-core machine: the load average is printed beside the figures).
// An extra row, not held to a target: the same pages from a second server process started with
// PUBLIC_CACHE_MS=0, every request rendered (no few-second cache of shared answers or whole pages).
// The load comes from wrk when it is installed, else from a Node loop in this process (load.ts).
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { loader as activitiesLoader } from "~/routes/activities+/_index";
import { loader as homeLoader } from "~/routes/_index";
import { seedDemoIfEmpty } from "~/seed/index.server";
import { prisma } from "~/utils/db.server";
import { startServerProcess } from "../security/server-processes";
import { loadAverage, record } from "./report";
import { BROWSER_HEADERS, cpuMs, load, loadDriver, loadDriverName, type LoadRun } from "./load";

const CONCURRENCY = 50;
const SECONDS = Number(process.env.XG_BENCH_SECONDS ?? 4); // per row per round: long against a slow row's latency
const ROUNDS = 3;
const tmp = path.resolve("test/.tmp");
const buildDir = path.join(tmp, `build-bench-pages-${process.pid}`);
const dataFile = path.join(tmp, `bench-ceiling-${process.pid}.json`);
// Removed however this process ends (a failed check throws).
process.on("exit", () => {
  fs.rmSync(buildDir, { recursive: true, force: true });
  fs.rmSync(dataFile, { force: true });
});

// 1. A build with the ceiling routes (the app's own build never has them).
execFileSync(path.resolve("node_modules/.bin/remix"), ["build"], {
  stdio: ["ignore", "ignore", "inherit"],
  env: { ...process.env, XG_BENCH_ROUTES: "1", XG_BUILD_DIR: buildDir, VITE_CJS_IGNORE_WARNING: "true" },
});

// 2. The demo data, and the real loaders' answers for the ceiling to hold in memory.
await seedDemoIfEmpty();
const args = (url: string) => ({ request: new Request(url), params: {}, context: {} });
fs.writeFileSync(
  dataFile,
  JSON.stringify({
    activities: await activitiesLoader(args("http://localhost/activities")),
    home: await homeLoader(args("http://localhost/")),
  }),
);

// 3. One server process serves the pages and their ceilings; a second one, with PUBLIC_CACHE_MS=0,
// the pages rendered on every request (both run throughout; the idle one costs nothing).
const env = { XG_BUILD_DIR: buildDir, XG_BENCH_CEILING_DATA: dataFile };
const [server, uncached] = await Promise.all([
  startServerProcess(process.env.DATABASE_URL!, { env }),
  startServerProcess(process.env.DATABASE_URL!, { env: { ...env, PUBLIC_CACHE_MS: "0" } }),
]);
const closeServers = () => Promise.all([server.close(), uncached.close()]);
const get = (p: string) => fetch(server.url + p, { headers: BROWSER_HEADERS });

const pages = [
  { name: "/activities", app: "/activities", ceiling: "/__bench/activities" },
  { name: "/", app: "/", ceiling: "/__bench/home" },
];
// What each round measures, in turn: the page, its ceiling, the page rendered every time.
const targets = pages.flatMap((page) => [
  { key: `app ${page.name}`, server, path: page.app },
  { key: `ceiling ${page.name}`, server, path: page.ceiling },
  { key: `uncached ${page.name}`, server: uncached, path: page.app },
]);

// The page and its ceiling must show the same thing: compare the page's <main> (the header marks
// the current path, Remix's scripts name the route), without the per-response nonce and the
// search form's action (its own path).
const body = async (p: string) => {
  const html = await (await get(p)).text();
  return html
    .slice(html.indexOf("<main"), html.indexOf("<script"))
    .replace(/ nonce="[^"]*"/g, "")
    .replace(/ action="[^"]*"/g, "");
};
for (const page of pages) {
  const [a, c] = [await body(page.app), await body(page.ceiling)];
  if (a !== c || a.length < 1000) {
    await closeServers();
    throw new Error(`${page.name}: the ceiling route does not render the same markup`);
  }
  console.log(`${page.name} and ${page.ceiling} render the same <main> markup (${a.length} characters)`);
}

// The ceiling and the PUBLIC_CACHE_MS=0 server must render every request: a second request to
// each must not come from the whole-page cache (app/server/page-cache.js marks its answers).
const pageCache = async (url: string) => {
  await (await fetch(url, { headers: BROWSER_HEADERS })).arrayBuffer();
  const res = await fetch(url, { headers: BROWSER_HEADERS });
  await res.arrayBuffer();
  return res.headers.get("x-page-cache") ?? "none";
};
for (const t of targets) {
  const seen = await pageCache(t.server.url + t.path);
  if (seen === "hit" && !t.key.startsWith("app ")) {
    await closeServers();
    throw new Error(`${t.key}: answered from the whole-page cache, so it would not measure rendering`);
  }
  if (t.key.startsWith("app ")) console.log(`${t.path}: whole-page cache on a repeated request: ${seen}`);
}

// Warm-up (route modules loaded, JIT), then rounds that alternate page, ceiling and uncached page
// so a change in the machine's load falls on all three.
// Each run ends once the server is idle again (load.ts), so no run inherits another's requests.
const run = (t: (typeof targets)[number], seconds: number) =>
  load(t.server.url + t.path, { concurrency: CONCURRENCY, seconds, headers: BROWSER_HEADERS, pid: t.server.pid });
for (const t of targets) await run(t, 1);
// The server's own CPU time per request is measured too (load.ts: cpuMs), over the run and the
// requests it left in flight, which the server still served.
const runs = new Map<string, LoadRun[]>();
const cpu = new Map<string, number>();
for (let round = 0; round < ROUNDS; round++)
  for (const t of targets) {
    const before = cpuMs(t.server.pid);
    const r = await run(t, SECONDS);
    cpu.set(t.key, (cpu.get(t.key) ?? 0) + cpuMs(t.server.pid) - before);
    runs.set(t.key, [...(runs.get(t.key) ?? []), r]);
  }
await closeServers();

function stats(key: string) {
  const rs = runs.get(key)!;
  const latencies = rs.flatMap((r) => r.latencies).sort((a, b) => a - b);
  const pct = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))];
  // Throughput: the median round's, so one disturbed round does not decide.
  const rates = rs.map((r) => (r.latencies.length / r.elapsed) * 1000).sort((a, b) => a - b);
  return {
    rate: rates[Math.floor(rates.length / 2)],
    p50: pct(0.5),
    p95: pct(0.95),
    failures: rs.reduce((n, r) => n + r.failures, 0),
    cpuPerRequest: cpu.get(key)! / (latencies.length + rs.reduce((n, r) => n + r.abandoned, 0)),
  };
}

console.log(
  `\nPages: ${CONCURRENCY} concurrent clients, ${ROUNDS} rounds × ${SECONDS} s per row, one process (${loadAverage()})`,
);
console.log(`  load driver: ${loadDriver()}`);
record({ metric: "pages load driver", value: loadDriverName() });
let ok = true;
for (const page of pages) {
  const a = stats(`app ${page.name}`);
  const c = stats(`ceiling ${page.name}`);
  const u = stats(`uncached ${page.name}`);
  const ratio = a.rate / c.rate;
  const line = (label: string, s: typeof a) =>
    `  ${label.padEnd(34)} ${s.rate.toFixed(0).padStart(5)} req/s   p50 ${s.p50.toFixed(0).padStart(4)} ms   p95 ${s.p95.toFixed(0).padStart(4)} ms   server CPU ${s.cpuPerRequest.toFixed(2)} ms/request   failures ${s.failures}`;
  console.log(line(`${page.name} (app)`, a));
  console.log(line(`${page.name} ceiling (memory)`, c));
  console.log(line(`${page.name} (app, PUBLIC_CACHE_MS=0)`, u));
  console.log(
    `  ratio app/ceiling ${(100 * ratio).toFixed(0)} % (target ≥ 50 %), p95 ${a.p95.toFixed(0)} ms (target < 200 ms on an idle machine)`,
  );
  console.log(
    `  PUBLIC_CACHE_MS=0 (every request rendered, no few-second cache): ${(100 * (u.rate / c.rate)).toFixed(0)} % of the ceiling, not held to a target`,
  );
  record({ metric: `${page.name} req/s (ceiling)`, value: `${a.rate.toFixed(0)} (${c.rate.toFixed(0)})` });
  record({
    metric: `${page.name} CPU ms/req (ceiling)`,
    value: `${a.cpuPerRequest.toFixed(2)} (${c.cpuPerRequest.toFixed(2)})`,
  });
  record({
    metric: `${page.name} app/ceiling`,
    value: `${(100 * ratio).toFixed(0)} %`,
    target: "≥ 50 %",
    ok: ratio >= 0.5,
  });
  record({ metric: `${page.name} p95`, value: `${a.p95.toFixed(0)} ms`, target: "< 200 ms", ok: a.p95 < 200 });
  record({
    metric: `${page.name} req/s, PUBLIC_CACHE_MS=0`,
    value: `${u.rate.toFixed(0)} (p95 ${u.p95.toFixed(0)} ms)`,
  });
  if (a.failures || c.failures || u.failures) ok = false;
}
console.log(`  (${loadAverage()})`);

await prisma.$disconnect();
if (!ok) console.error("FAILED: some page requests failed");
process.exit(ok ? 0 : 1);
