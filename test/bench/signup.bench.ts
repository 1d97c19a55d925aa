// bench-engines: sqlite postgresql (test/bench/run.ts runs this file on each engine it has)
// Sign-up throughput and latency through the real HTTP server (Express + the built Remix app,
// 50 concurrent clients), against the bare baseline measured in the same run on the same database
// (node:http + the driver running a sign-up's SQL in one transaction: signup-shared.ts), target
// ≥ 25 % of its throughput (issue #13 item 6); then the contention case: 1,000 simultaneous
// sign-ups for 100 seats must confirm exactly 100. Run with `npm run bench -- signup` (builds first).
import type http from "node:http";
import { createApp } from "../../app/server/app.js";
import { prisma } from "~/utils/db.server";
import {
  bareBaseline,
  drive,
  listen,
  makeActivity,
  makeBenchCenter,
  makeWorkers,
  postSignup,
  summary,
} from "./signup-shared";
import { engine, loadAverage, record } from "./report";

const CONCURRENCY = 50;
const SIGNUPS = 2000;

const center = await makeBenchCenter();

// 1. The real thing: POST /activities/:id through Express + Remix + Prisma, session checked, seat decided in SQL.
const app = await createApp();
const real = await listen(app as unknown as http.RequestListener);
const cookies = await makeWorkers(SIGNUPS, "a");
const big = await makeActivity(center.id, center.countyId!, SIGNUPS);
const warm = await fetch(`${real.url}/activities/${big.id}`); // first request loads the route modules
await warm.arrayBuffer();
const appResult = await drive(SIGNUPS, CONCURRENCY, (i) => postSignup(real.url, big.id, cookies[i]));
const confirmedBig = (await prisma.activity.findUniqueOrThrow({ where: { id: big.id } })).confirmedCount;

// 2. The bare baseline: node:http + the driver, a sign-up's five statements in one transaction.
const bareResult = await bareBaseline(cookies, SIGNUPS, CONCURRENCY);

console.log(`\nSign-ups on ${engine()}: ${SIGNUPS} requests, ${CONCURRENCY} concurrent clients (${loadAverage()})`);
const appRate = summary("app (Express+Remix+Prisma)", appResult);
const bareRate = summary(`baseline (node:http+${engine() === "sqlite" ? "better-sqlite3" : "pg"})`, bareResult);
const ratio = appRate / bareRate;
console.log(
  `ratio app/baseline throughput: ${(100 * ratio).toFixed(1)} % (target ≥ 25 %; the baseline runs the session, activity, seat UPDATE and two INSERTs in one transaction)`,
);
record({ metric: "sign-up req/s (baseline)", value: `${appRate.toFixed(0)} (${bareRate.toFixed(0)})` });
record({ metric: "sign-up app/baseline", value: `${(100 * ratio).toFixed(1)} %`, target: "≥ 25 %", ok: ratio >= 0.25 });
console.log(`confirmed at the ${SIGNUPS}-seat activity: ${confirmedBig} (expected ${SIGNUPS})`);

// 3. Contention: 1,000 sign-ups fired at once for 100 seats.
const crowd = await makeWorkers(1000, "b");
const hot = await makeActivity(center.id, center.countyId!, 100);
const t0 = performance.now();
const burst = await Promise.all(
  crowd.map((cookie) => postSignup(real.url, hot.id, cookie).then(async (r) => (await r.arrayBuffer(), r.status))),
);
const burstMs = performance.now() - t0;
const confirmed = await prisma.registration.count({ where: { activityId: hot.id, status: "confirmed" } });
const waitlisted = await prisma.registration.count({ where: { activityId: hot.id, status: "waitlisted" } });
const counter = (await prisma.activity.findUniqueOrThrow({ where: { id: hot.id } })).confirmedCount;
console.log(
  `\nContention: 1000 simultaneous sign-ups, 100 seats → confirmed ${confirmed} (counter ${counter}), waitlisted ${waitlisted}, ` +
    `non-302 responses ${burst.filter((s) => s !== 302).length}, ${burstMs.toFixed(0)} ms`,
);

real.server.close();
await prisma.$disconnect();
const ok =
  confirmed === 100 && counter === 100 && waitlisted === 900 && confirmedBig === SIGNUPS && appResult.failures === 0;
if (!ok) console.error("FAILED: seat accounting is wrong");
process.exit(ok ? 0 : 1);
