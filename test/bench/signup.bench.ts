// Sign-up throughput and latency through the real HTTP server (Express + the built Remix app,
// 50 concurrent clients), against a bare node:http + better-sqlite3 INSERT measured in the same
// run on the same database file; then the contention case: 1,000 simultaneous sign-ups for 100
// seats must confirm exactly 100. Run with `npm run bench -- signup` (builds first).
import http from "node:http";
import type { AddressInfo } from "node:net";
import Database from "better-sqlite3";
import { createApp } from "../../app/server/app.js";
import { prisma } from "~/utils/db.server";
import { createSession, SESSION_COOKIE } from "~/utils/session.server";

const CONCURRENCY = 50;
const SIGNUPS = 2000;

async function listen(handler: http.RequestListener) {
  const server = http.createServer(handler);
  // A deep accept queue: the contention case opens 1,000 connections at once.
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", 4096, resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

async function makeWorkers(n: number, tag: string) {
  const users = Array.from({ length: n }, (_, i) => ({ id: `bench-${tag}-${i}`, name: `压测用户${i}`, passwordHash: "!", email: null, phone: null }));
  for (let i = 0; i < users.length; i += 500) await prisma.user.createMany({ data: users.slice(i, i + 500) });
  const cookies: string[] = [];
  for (const u of users) cookies.push(`${SESSION_COOKIE}=${(await createSession(u.id)).token}`);
  return cookies;
}

async function makeActivity(centerId: string, countyId: string, capacity: number) {
  const now = Date.now();
  return prisma.activity.create({
    data: {
      centerId, countyId, title: "压测活动", description: "-", category: "other", address: "-", capacity, status: "published",
      startsAt: new Date(now + 7 * 86400_000), endsAt: new Date(now + 7 * 86400_000 + 7200_000),
      signupOpensAt: new Date(now - 86400_000), signupClosesAt: new Date(now + 6 * 86400_000),
    },
  });
}

/** Sends one request per body with `concurrency` clients; returns per-request latencies (ms) and the elapsed time. */
async function drive(n: number, concurrency: number, send: (i: number) => Promise<Response>) {
  const latencies: number[] = [];
  let next = 0;
  let failures = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < n) {
        const i = next++;
        const t0 = performance.now();
        const res = await send(i);
        await res.arrayBuffer();
        if (res.status >= 400) failures++;
        latencies.push(performance.now() - t0);
      }
    }),
  );
  return { latencies, elapsed: performance.now() - started, failures };
}

function summary(label: string, r: Awaited<ReturnType<typeof drive>>) {
  const sorted = [...r.latencies].sort((a, b) => a - b);
  const pct = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
  const perSecond = (r.latencies.length / r.elapsed) * 1000;
  console.log(
    `${label.padEnd(34)} ${perSecond.toFixed(0).padStart(6)} req/s   p50 ${pct(50).toFixed(1).padStart(6)} ms   p95 ${pct(95).toFixed(1).padStart(6)} ms   failures ${r.failures}`,
  );
  return perSecond;
}

const county = await prisma.organisation.create({ data: { id: "bench-county", kind: "county", name: "压测县", path: "/bench-county/", countyId: "bench-county" } });
const center = await prisma.organisation.create({
  data: { id: "bench-center", kind: "center", name: "压测中心", parentId: county.id, path: "/bench-county/bench-center/", countyId: county.id },
});

// 1. The real thing: POST /activities/:id through Express + Remix + Prisma, session checked, seat decided in SQL.
const app = await createApp();
const real = await listen(app as unknown as http.RequestListener);
const cookies = await makeWorkers(SIGNUPS, "a");
const big = await makeActivity(center.id, county.id, SIGNUPS);
const warm = await fetch(`${real.url}/activities/${big.id}`); // first request loads the route modules
await warm.arrayBuffer();
const appResult = await drive(SIGNUPS, CONCURRENCY, (i) =>
  fetch(`${real.url}/activities/${big.id}`, {
    method: "POST",
    headers: { Cookie: cookies[i], Origin: real.url, "Content-Type": "application/x-www-form-urlencoded" },
    body: "",
    redirect: "manual",
  }),
);
const confirmedBig = (await prisma.activity.findUniqueOrThrow({ where: { id: big.id } })).confirmedCount;

// 2. The bare baseline: node:http + one better-sqlite3 INSERT per request, same file, same concurrency.
const file = (process.env.DATABASE_URL ?? "").replace(/^file:/, "");
const raw = new Database(file);
raw.pragma("journal_mode = WAL");
raw.exec("CREATE TABLE IF NOT EXISTS bench_baseline (id INTEGER PRIMARY KEY, userId TEXT NOT NULL, at TEXT NOT NULL)");
const insert = raw.prepare("INSERT INTO bench_baseline (userId, at) VALUES (?, ?)");
const bare = await listen((req: http.IncomingMessage, res: http.ServerResponse) => {
  let body = "";
  req.on("data", (chunk: Buffer) => (body += chunk));
  req.on("end", () => {
    insert.run(String(req.headers.cookie ?? body), new Date().toISOString());
    res.writeHead(302, { Location: "/done" }).end();
  });
});
const bareResult = await drive(SIGNUPS, CONCURRENCY, (i) =>
  fetch(`${bare.url}/signup`, { method: "POST", headers: { Cookie: cookies[i] }, body: "", redirect: "manual" }),
);

console.log(`\nSign-ups: ${SIGNUPS} requests, ${CONCURRENCY} concurrent clients`);
const appRate = summary("app (Express+Remix+Prisma)", appResult);
const bareRate = summary("baseline (node:http+better-sqlite3)", bareResult);
console.log(`ratio app/baseline throughput: ${(appRate / bareRate).toFixed(3)} (the app does ~10 queries per sign-up: session, activity, registration, user, the seat UPDATE, insert, funnel event + rollups)`);
console.log(`confirmed at the ${SIGNUPS}-seat activity: ${confirmedBig} (expected ${SIGNUPS})`);

// 3. Contention: 1,000 sign-ups fired at once for 100 seats.
const crowd = await makeWorkers(1000, "b");
const hot = await makeActivity(center.id, county.id, 100);
const t0 = performance.now();
const burst = await Promise.all(
  crowd.map((cookie) =>
    fetch(`${real.url}/activities/${hot.id}`, {
      method: "POST",
      headers: { Cookie: cookie, Origin: real.url, "Content-Type": "application/x-www-form-urlencoded" },
      body: "",
      redirect: "manual",
    }).then(async (r) => (await r.arrayBuffer(), r.status)),
  ),
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
bare.server.close();
raw.close();
await prisma.$disconnect();
const ok = confirmed === 100 && counter === 100 && waitlisted === 900 && confirmedBig === SIGNUPS && appResult.failures === 0;
if (!ok) console.error("FAILED: seat accounting is wrong");
process.exit(ok ? 0 : 1);
