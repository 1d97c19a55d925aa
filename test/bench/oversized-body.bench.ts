// Oversized bodies (issue 8, item 1): 20 clients each posting 100 MB to /login, over and over,
// while ordinary visitors load pages. The server runs as its own process (the real
// `node app/server/index.js`), so the memory figure is the server's own, and the 20 clients run in
// a process of their own at low priority, so they do not slow the visitors' side of the measurement. Printed next
// to the baseline measured in the same run: the server's RSS and the visitors' p95 without the
// flood. Targets: RSS within +50 MB, visitors' p95 under 2× normal.
// Run with `npm run bench -- oversized`.
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import { rawPost } from "../helpers/raw-http";
import { startServerProcess } from "../security/server-processes";
import { drive, summary } from "./signup-shared";

const ATTACKERS = 20;
const BODY_BYTES = 100 * 1024 * 1024;
const VISITS = 400;
const VISITORS = 4;
const MIN_POSTS = 10 * ATTACKERS;

if (process.argv[2] === "flood") await flood(process.argv[3]);
else await measure();

/** The attackers' process: posts until stdin closes, then prints what happened as JSON. */
async function flood(url: string) {
  const body = Buffer.alloc(BODY_BYTES, "a");
  body.write("identifier=");
  function* chunks() {
    for (let offset = 0; offset < BODY_BYTES; offset += 64 * 1024) yield body.subarray(offset, offset + 64 * 1024);
  }
  let flooding = true;
  process.stdin.on("close", () => (flooding = false)).resume();
  const stats = { posts: 0, sentBytes: 0, statuses: {} as Record<number, number> };
  const headers = { "Content-Type": "application/x-www-form-urlencoded", "Content-Length": BODY_BYTES, Origin: url };
  await Promise.all(
    Array.from({ length: ATTACKERS }, async () => {
      while (flooding) {
        const answer = await rawPost(url, "/login", headers, chunks()).catch(() => ({ status: 0, sentBytes: 0 }));
        stats.statuses[answer.status] = (stats.statuses[answer.status] ?? 0) + 1;
        stats.sentBytes += answer.sentBytes;
        stats.posts += 1;
        process.stdout.write("."); // progress, read by the measuring process
      }
    }),
  );
  process.stdout.write(`\n${JSON.stringify(stats)}`);
}

async function measure() {
  const server = await startServerProcess(process.env.DATABASE_URL!);
  const rssMb = () => Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${server.pid}/status`, "utf8"))![1]) / 1024;
  const visit = (i: number) => fetch(`${server.url}${i % 2 ? "/login" : "/"}`);

  // Warm up with the visitors' own load (route modules load, the heap grows towards its working
  // size), then the visitors' baseline.
  await drive(3 * VISITS, VISITORS, visit);
  const normal = await drive(VISITS, VISITORS, visit);

  const attackers = spawn(process.execPath, ["--import", "tsx", import.meta.filename, "flood", server.url], {
    stdio: ["pipe", "pipe", "inherit"],
  });
  // The attackers would be other machines: here they share this one's two cores, so they run at
  // the lowest priority and what is measured is the server's cost of turning them away.
  os.setPriority(attackers.pid!, 19);
  let report = "";
  attackers.stdout.on("data", (chunk) => (report += chunk));
  const attackersDone = new Promise((resolve) => attackers.once("exit", resolve));
  const posts = () => report.split("\n")[0].length;
  let rssPeak = 0;
  const sampler = setInterval(() => (rssPeak = Math.max(rssPeak, rssMb())), 50);

  // 1. Memory: the flood alone, MIN_POSTS posts (ten rounds of 20), so that visitors' pages do not
  //    count in the server's growth.
  const rssBefore = rssMb();
  while (posts() < MIN_POSTS) await new Promise((resolve) => attackers.stdout.once("data", resolve));
  const rssFlood = Math.max(rssPeak, rssMb());
  // 2. Latency: visitors while the flood goes on, until it has made MIN_POSTS more posts.
  const target = posts() + MIN_POSTS;
  const during = await drive(VISITS, VISITORS, visit);
  while (posts() < target) {
    const more = await drive(100, VISITORS, visit);
    during.latencies.push(...more.latencies);
    during.failures += more.failures;
    during.elapsed += more.elapsed;
  }
  attackers.stdin.end();
  await attackersDone;
  clearInterval(sampler);
  const rssAfter = rssMb();
  await server.close();

  const stats = JSON.parse(report.split("\n")[1]) as {
    posts: number;
    sentBytes: number;
    statuses: Record<string, number>;
  };
  console.log(
    `\nOversized bodies: ${ATTACKERS} clients posting ${BODY_BYTES / 1024 / 1024} MB each to /login, round after round ` +
      `(${stats.posts} posts, ${(stats.sentBytes / 1024 / 1024).toFixed(0)} MB sent before the answers; answers by status ${JSON.stringify(stats.statuses)})`,
  );
  console.log(
    `server RSS: before the flood ${rssBefore.toFixed(0)} MB (baseline), peak during ${MIN_POSTS} posts alone ${rssFlood.toFixed(0)} MB ` +
      `→ +${(rssFlood - rssBefore).toFixed(0)} MB (target ≤ +50 MB); after the flood with visitors ${rssAfter.toFixed(0)} MB`,
  );
  summary("visitors, normal (baseline)", normal);
  summary("visitors, during the flood", during);
  const p95 = (r: typeof normal) => [...r.latencies].sort((a, b) => a - b)[Math.floor(0.95 * r.latencies.length)];
  const ratio = p95(during) / p95(normal);
  console.log(
    `visitors' p95 during/normal: ${ratio.toFixed(2)}× (target < 2×); machine load average ${os.loadavg()[0].toFixed(1)} on ${os.cpus().length} cores`,
  );
  const ok = rssFlood - rssBefore <= 50 && ratio < 2 && during.failures === 0 && !stats.statuses[200];
  if (!ok) console.error("FAILED: the oversized-body targets were not met");
  process.exit(ok ? 0 : 1);
}
