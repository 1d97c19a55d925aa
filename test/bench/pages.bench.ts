// bench-engines: sqlite postgresql (test/bench/run.ts runs this file on each engine it has)
// `npm run bench -- pages`: the public pages /activities and / at 50 concurrent clients, one
// server process (`node app/server/index.js`, NODE_ENV=production, the demo seeded), next to the
// framework's ceiling measured in the same run on the same server: bench-only routes
// (test/bench/ceiling/, added to a build of its own by XG_BENCH_ROUTES=1 in remix.config.js, never
// to the app's builds) that render the same components from the loaders' answers held in memory.
// Targets (issue #13 item 6): each page ≥ 50 % of its ceiling's req/s, p95 under 200 ms (the
// latter on an idle 2-core machine: the load average is printed beside the figures).
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { loader as activitiesLoader } from "~/routes/activities+/_index";
import { loader as homeLoader } from "~/routes/_index";
import { seedDemoIfEmpty } from "~/seed/index.server";
import { prisma } from "~/utils/db.server";
import { startServerProcess } from "../security/server-processes";
import { loadAverage, record } from "./report";
import { drive } from "./signup-shared";

const CONCURRENCY = 50;
const REQUESTS = 500; // per page per round
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

// 3. One server process serves both.
const server = await startServerProcess(process.env.DATABASE_URL!, {
  env: { XG_BUILD_DIR: buildDir, XG_BENCH_CEILING_DATA: dataFile },
});
const headers = { "Accept-Encoding": "gzip, deflate, br", "Accept-Language": "zh-CN,zh;q=0.9" };
const get = (p: string) => fetch(server.url + p, { headers });

const pages = [
  { name: "/activities", app: "/activities", ceiling: "/__bench/activities" },
  { name: "/", app: "/", ceiling: "/__bench/home" },
];

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
    await server.close();
    throw new Error(`${page.name}: the ceiling route does not render the same markup`);
  }
  console.log(`${page.name} and ${page.ceiling} render the same <main> markup (${a.length} characters)`);
}

// Warm-up (route modules loaded, JIT), then rounds that alternate page and ceiling so a change in
// the machine's load falls on both.
for (const page of pages) for (const p of [page.app, page.ceiling]) await drive(100, CONCURRENCY, () => get(p));
// The server's own CPU time per request is measured too: unlike req/s and latency it does not
// depend on what else the machine is running (Linux: /proc/<pid>/stat, in clock ticks of 10 ms).
const cpuMs = () => {
  const fields = fs.readFileSync(`/proc/${server.pid}/stat`, "utf8").split(") ")[1].split(" ");
  return (Number(fields[11]) + Number(fields[12])) * 10; // utime + stime
};
const runs = new Map<string, Awaited<ReturnType<typeof drive>>[]>();
const cpu = new Map<string, number>();
for (let round = 0; round < ROUNDS; round++)
  for (const page of pages)
    for (const p of [page.app, page.ceiling]) {
      const before = cpuMs();
      const r = await drive(REQUESTS, CONCURRENCY, () => get(p));
      cpu.set(p, (cpu.get(p) ?? 0) + cpuMs() - before);
      runs.set(p, [...(runs.get(p) ?? []), r]);
    }
await server.close();

function stats(p: string) {
  const rs = runs.get(p)!;
  const latencies = rs.flatMap((r) => r.latencies).sort((a, b) => a - b);
  const pct = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))];
  // Throughput: the median round's, so one disturbed round does not decide.
  const rates = rs.map((r) => (r.latencies.length / r.elapsed) * 1000).sort((a, b) => a - b);
  return {
    rate: rates[Math.floor(rates.length / 2)],
    p50: pct(0.5),
    p95: pct(0.95),
    failures: rs.reduce((n, r) => n + r.failures, 0),
    cpuPerRequest: cpu.get(p)! / latencies.length,
  };
}

console.log(
  `\nPages: ${CONCURRENCY} concurrent clients, ${ROUNDS} rounds × ${REQUESTS} requests, one process (${loadAverage()})`,
);
let ok = true;
for (const page of pages) {
  const a = stats(page.app);
  const c = stats(page.ceiling);
  const ratio = a.rate / c.rate;
  const line = (label: string, s: typeof a) =>
    `  ${label.padEnd(28)} ${s.rate.toFixed(0).padStart(5)} req/s   p50 ${s.p50.toFixed(0).padStart(4)} ms   p95 ${s.p95.toFixed(0).padStart(4)} ms   server CPU ${s.cpuPerRequest.toFixed(2)} ms/request   failures ${s.failures}`;
  console.log(line(`${page.name} (app)`, a));
  console.log(line(`${page.name} ceiling (memory)`, c));
  console.log(
    `  ratio app/ceiling ${(100 * ratio).toFixed(0)} % (target ≥ 50 %), p95 ${a.p95.toFixed(0)} ms (target < 200 ms on an idle machine)`,
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
  if (a.failures || c.failures) ok = false;
}
console.log(`  (${loadAverage()})`);

await prisma.$disconnect();
if (!ok) console.error("FAILED: some page requests failed");
process.exit(ok ? 0 : 1);
