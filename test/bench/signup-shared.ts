// Shared by the sign-up benchmarks (signup.bench.ts, two-process-signup.bench.ts): test data,
// the load driver, the printed summary line, and the bare baseline every sign-up figure is
// compared with: node:http + one better-sqlite3 INSERT per request on the same database file.
import http from "node:http";
import type { AddressInfo } from "node:net";
import Database from "better-sqlite3";
import { prisma } from "~/utils/db.server";
import { createSession, SESSION_COOKIE } from "~/utils/session.server";

export async function listen(handler: http.RequestListener) {
  const server = http.createServer(handler);
  // A deep accept queue: the contention case opens 1,000 connections at once.
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", 4096, resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

export async function makeWorkers(n: number, tag: string) {
  const users = Array.from({ length: n }, (_, i) => ({
    id: `bench-${tag}-${i}`,
    name: `压测用户${i}`,
    passwordHash: "!",
    email: null,
    phone: null,
  }));
  for (let i = 0; i < users.length; i += 500) await prisma.user.createMany({ data: users.slice(i, i + 500) });
  const cookies: string[] = [];
  for (const u of users) cookies.push(`${SESSION_COOKIE}=${(await createSession(u.id)).token}`);
  return cookies;
}

export async function makeBenchCenter() {
  const county = await prisma.organisation.create({
    data: { id: "bench-county", kind: "county", name: "压测县", path: "/bench-county/", countyId: "bench-county" },
  });
  return prisma.organisation.create({
    data: {
      id: "bench-center",
      kind: "center",
      name: "压测中心",
      parentId: county.id,
      path: "/bench-county/bench-center/",
      countyId: county.id,
    },
  });
}

export async function makeActivity(centerId: string, countyId: string, capacity: number) {
  const now = Date.now();
  return prisma.activity.create({
    data: {
      centerId,
      countyId,
      title: "压测活动",
      description: "-",
      category: "other",
      address: "-",
      capacity,
      status: "published",
      startsAt: new Date(now + 7 * 86400_000),
      endsAt: new Date(now + 7 * 86400_000 + 7200_000),
      signupOpensAt: new Date(now - 86400_000),
      signupClosesAt: new Date(now + 6 * 86400_000),
    },
  });
}

/** A sign-up POST as the browser sends it. */
export function postSignup(url: string, activityId: string, cookie: string) {
  return fetch(`${url}/activities/${activityId}`, {
    method: "POST",
    headers: { Cookie: cookie, Origin: url, "Content-Type": "application/x-www-form-urlencoded" },
    body: "",
    redirect: "manual",
  });
}

/** Sends one request per body with `concurrency` clients; returns per-request latencies (ms) and the elapsed time. */
export async function drive(n: number, concurrency: number, send: (i: number) => Promise<Response>) {
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

export function summary(label: string, r: Awaited<ReturnType<typeof drive>>) {
  const sorted = [...r.latencies].sort((a, b) => a - b);
  const pct = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
  const perSecond = (r.latencies.length / r.elapsed) * 1000;
  console.log(
    `${label.padEnd(34)} ${perSecond.toFixed(0).padStart(6)} req/s   p50 ${pct(50).toFixed(1).padStart(6)} ms   p95 ${pct(95).toFixed(1).padStart(6)} ms   failures ${r.failures}`,
  );
  return perSecond;
}

/** The bare baseline: node:http + one better-sqlite3 INSERT per request, same file, same load. */
export async function bareBaseline(cookies: string[], n: number, concurrency: number) {
  const file = (process.env.DATABASE_URL ?? "").replace(/^file:/, "");
  const raw = new Database(file);
  raw.pragma("journal_mode = WAL");
  raw.exec(
    "CREATE TABLE IF NOT EXISTS bench_baseline (id INTEGER PRIMARY KEY, userId TEXT NOT NULL, at TEXT NOT NULL)",
  );
  const insert = raw.prepare("INSERT INTO bench_baseline (userId, at) VALUES (?, ?)");
  const bare = await listen((req: http.IncomingMessage, res: http.ServerResponse) => {
    let body = "";
    req.on("data", (chunk: Buffer) => (body += chunk));
    req.on("end", () => {
      insert.run(String(req.headers.cookie ?? body), new Date().toISOString());
      res.writeHead(302, { Location: "/done" }).end();
    });
  });
  const result = await drive(n, concurrency, (i) =>
    fetch(`${bare.url}/signup`, { method: "POST", headers: { Cookie: cookies[i] }, body: "", redirect: "manual" }),
  );
  bare.server.close();
  raw.close();
  return result;
}
