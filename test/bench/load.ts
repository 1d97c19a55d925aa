// The load driver of the page benchmarks (pages.bench.ts, two-process-pages.bench.ts): keep-alive
// GETs of one URL from a fixed number of connections for a fixed time. On a 2-core machine a
// driver written in Node takes a large share of the CPU from the server it measures (0.3–0.5 ms
// of CPU per request, against ~1 ms for the server to answer a cached page; wrk: 0.05 ms), so two
// server processes measured 1.1–1.5× one with it and 1.4–2.0× with wrk, and its own event loop
// adds to every latency. So when wrk (C; Debian package `wrk`) is on the PATH it drives the load, in a
// process of its own with one thread; otherwise the Node loop below does, and every bench prints
// which one it was (`loadDriver()`). XG_BENCH_DRIVER=node forces the Node loop (to compare).
//
// wrk only runs for a duration (its main thread sleeps for the whole -d even when a script stops
// the workers early), so both drivers take a duration, in whole seconds for wrk.
//
// When its time is up wrk closes its connections with a request still in flight on each; the
// server goes on with those (a few seconds of CPU for 50 uncached pages), which would land on the
// next run. So after wrk, load() waits until the server's processes are idle (pass `pid`), and
// reports those requests as `abandoned` for figures of CPU per request. The Node loop instead
// waits for its last answers, as before.
import { execFile, spawnSync } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import path from "node:path";

/**
 * One run. `latencies` (ms, ascending for wrk) lets rounds be pooled as before: for wrk it is
 * rebuilt from 201 of its percentiles (every 0.5 %), one value per completed request, so pooled
 * percentiles are exact to about half a percentile. Note wrk corrects its latency distribution for
 * coordinated omission (it adds the samples a client at a steady rate would have seen while a slow
 * response held a connection), so its p95 is at least the raw one — and far above it when the
 * server stalls now and then (a second-long stall every few seconds: visitors arriving at a steady
 * rate would meet it; 50 closed-loop clients record it only 50 times).
 */
export type LoadRun = {
  driver: "wrk" | "node";
  latencies: number[];
  /** ms */
  elapsed: number;
  /** answers other than 2xx/3xx, and socket errors (connect, read, write, timeout) */
  failures: number;
  /** requests left in flight at the end (wrk: one per connection), served after the run */
  abandoned: number;
  /** ms, of this run alone */
  p50: number;
  p95: number;
};

export type LoadOptions = {
  concurrency: number;
  seconds: number;
  /** wrk threads (1 or 2); the servers need the cores more than the driver does. */
  threads?: number;
  headers?: Record<string, string>;
  /** The server's process (with its workers, if any): after the run, wait until they are idle. */
  pid?: number;
};

/** What a browser sends: compressed answers accepted, so compression is part of the figure. */
export const BROWSER_HEADERS = { "Accept-Encoding": "gzip, deflate, br", "Accept-Language": "zh-CN,zh;q=0.9" };

const wrkVersion = (() => {
  if (process.env.XG_BENCH_DRIVER === "node") return null;
  // `wrk --version` prints "wrk debian/4.1.0-3+b2 [epoll] …" and exits with 1.
  const probe = spawnSync("wrk", ["--version"], { encoding: "utf8" });
  if (probe.error) return null;
  return /^wrk (\S+)/.exec(probe.stdout)?.[1] ?? "unknown version";
})();

/** Which driver the benches' figures come from, for their printed header. */
export function loadDriver(threads = 1) {
  return wrkVersion
    ? `wrk ${wrkVersion} (C, its own process, ${threads} thread${threads > 1 ? "s" : ""})`
    : `a Node http loop in the bench process (${process.env.XG_BENCH_DRIVER === "node" ? "XG_BENCH_DRIVER=node" : "wrk is not on the PATH: apt-get install wrk"}; it takes CPU from the servers on a small machine)`;
}

export const loadDriverName = () => (wrkVersion ? "wrk" : "node");

/** GETs `url` from `concurrency` keep-alive connections for `seconds`. */
export async function load(url: string, options: LoadOptions): Promise<LoadRun> {
  const run = await (wrkVersion ? loadWithWrk(url, options) : loadWithNode(url, options));
  if (options.pid) await waitUntilIdle(options.pid);
  return run;
}

// --- the server's CPU (Linux /proc) --------------------------------------------------------------

/** `pid` and its descendants (a cluster's workers). */
function processTree(pid: number): number[] {
  let children: number[] = [];
  try {
    children = fs.readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8").split(" ").filter(Boolean).map(Number);
  } catch {
    // gone, or a kernel without the children file: the process alone
  }
  return [pid, ...children.flatMap(processTree)];
}

/**
 * CPU time (ms, user + system, in clock ticks of 10 ms) used so far by `pid` and its running
 * descendants. Unlike req/s and latency it does not depend on what else the machine is running.
 */
export function cpuMs(pid: number): number {
  let total = 0;
  for (const p of processTree(pid))
    try {
      const fields = fs.readFileSync(`/proc/${p}/stat`, "utf8").split(") ")[1].split(" ");
      total += (Number(fields[11]) + Number(fields[12])) * 10;
    } catch {
      // exited meanwhile
    }
  return total;
}

/** Waits until `pid` (and its workers) used at most one clock tick in 200 ms; 30 s at most. */
export async function waitUntilIdle(pid: number) {
  const until = Date.now() + 30_000;
  let last = cpuMs(pid);
  while (Date.now() < until) {
    await new Promise((resolve) => setTimeout(resolve, 200));
    const now = cpuMs(pid);
    if (now - last <= 10) return;
    last = now;
  }
}

// --- wrk ---------------------------------------------------------------------------------------

const MARK = "XG-WRK";
// `done` runs once after the run; latency:percentile(p) is in microseconds. No per-request Lua
// (`request`/`response`): those would make wrk buffer every body and cost CPU per request.
const SCRIPT = `-- written by test/bench/load.ts
done = function(summary, latency, requests)
  local e = summary.errors
  local out = { "${MARK}", summary.requests, summary.duration, e.connect, e.read, e.write, e.status, e.timeout }
  -- percentile(100) asks for a rank past the last sample (and answers 0): the maximum instead.
  for k = 0, 199 do out[#out + 1] = latency:percentile(k * 0.5) end
  out[#out + 1] = latency.max
  io.write(table.concat(out, " ") .. "\\n")
end
`;
let scriptFile: string | null = null;

function script() {
  if (scriptFile) return scriptFile;
  const dir = path.resolve("test/.tmp");
  fs.mkdirSync(dir, { recursive: true });
  scriptFile = path.join(dir, `wrk-${process.pid}.lua`);
  fs.writeFileSync(scriptFile, SCRIPT);
  process.on("exit", () => fs.rmSync(scriptFile!, { force: true }));
  return scriptFile;
}

async function loadWithWrk(url: string, { concurrency, seconds, threads = 1, headers = {} }: LoadOptions) {
  const args = [
    ["-t", String(threads)],
    ["-c", String(Math.max(concurrency, threads))],
    ["-d", `${Math.max(1, Math.round(seconds))}s`],
    // Pages under load can take seconds; a slow answer should count as slow, not as an error.
    ["--timeout", "10s"],
    ["-s", script()],
    ...Object.entries(headers).map(([name, value]) => ["-H", `${name}: ${value}`]),
  ].flat();
  const output = await new Promise<string>((resolve, reject) =>
    execFile("wrk", [...args, url], { encoding: "utf8" }, (error, stdout, stderr) =>
      error ? reject(new Error(`wrk failed: ${error.message}\n${stdout}${stderr}`)) : resolve(stdout),
    ),
  );
  const line = output.split("\n").find((l) => l.startsWith(`${MARK} `));
  if (!line) throw new Error(`wrk printed no summary:\n${output}`);
  const [requests, durationUs, connect, read, write, status, timeout, ...percentiles] = line
    .slice(MARK.length + 1)
    .trim()
    .split(/\s+/)
    .map(Number);
  const grid = percentiles.map((us) => us / 1000); // grid[k]: the (k/2)th percentile, in ms
  // One value per request: request i (of n, in ascending order) sits at percentile (i + ½)/n.
  const latencies = Array.from({ length: requests }, (_, i) => {
    const at = ((i + 0.5) / requests) * 200;
    const k = Math.min(Math.floor(at), 199);
    return grid[k] + (at - k) * (grid[k + 1] - grid[k]);
  });
  return {
    driver: "wrk" as const,
    latencies,
    elapsed: durationUs / 1000,
    failures: connect + read + write + status + timeout,
    abandoned: Math.max(concurrency, threads),
    p50: grid[100],
    p95: grid[190],
  };
}

// --- Node (fallback) -----------------------------------------------------------------------------

/** node:http rather than fetch: cheaper per request, which matters when it shares the CPUs. */
async function loadWithNode(url: string, { concurrency, seconds, headers = {} }: LoadOptions): Promise<LoadRun> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  const target = new URL(url);
  const latencies: number[] = [];
  let failures = 0;
  const get = () =>
    new Promise<number>((resolve) => {
      const req = http.get(target, { agent, headers }, (res) => {
        res.resume();
        res.on("end", () => resolve(res.statusCode ?? 0));
        res.on("error", () => resolve(0));
      });
      req.on("error", () => resolve(0));
    });
  const started = performance.now();
  const until = started + seconds * 1000;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < until) {
        const t0 = performance.now();
        const status = await get();
        latencies.push(performance.now() - t0);
        if (status < 200 || status >= 400) failures++;
      }
    }),
  );
  const elapsed = performance.now() - started;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const pct = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? NaN;
  return { driver: "node", latencies, elapsed, failures, abandoned: 0, p50: pct(0.5), p95: pct(0.95) };
}
