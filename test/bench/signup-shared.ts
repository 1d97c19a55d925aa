// Shared by the sign-up benchmarks (signup.bench.ts, two-process-signup.bench.ts): test data,
// the load driver, the printed summary line, and the bare baseline every sign-up figure is
// compared with: node:http + the driver running a sign-up's SQL statements in one transaction.
import http from "node:http";
import type { AddressInfo } from "node:net";
import Database from "better-sqlite3";
import { prisma } from "~/utils/db.server";
import { createSession, SESSION_COOKIE, sessionIdFromToken } from "~/utils/session.server";

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

/**
 * The bare baseline (issue #13 item 6): node:http and the database driver alone, running the SQL
 * statements a sign-up needs — the session by its token's hash (joined to its user), the activity,
 * the conditional seat UPDATE, the registration INSERT and the funnel event INSERT — in one
 * transaction (BEGIN IMMEDIATE on SQLite), against its own activity in the same database, with the
 * same workers and the same load. better-sqlite3 on SQLite; pg (a pool of 10, the app's default) on
 * PostgreSQL.
 */
export async function bareBaseline(cookies: string[], n: number, concurrency: number) {
  const center = await prisma.organisation.findUniqueOrThrow({ where: { id: "bench-center" } });
  const activity = await makeActivity(center.id, center.countyId!, n);
  const signup = onPostgres() ? await pgSignup() : sqliteSignup();
  const bare = await listen((req: http.IncomingMessage, res: http.ServerResponse) => {
    let body = "";
    req.on("data", (chunk: Buffer) => (body += chunk));
    req.on("end", () => {
      const prefix = `${SESSION_COOKIE}=`;
      const cookie = String(req.headers.cookie ?? "")
        .split(/;\s*/)
        .find((c) => c.startsWith(prefix));
      const token = cookie?.slice(prefix.length) ?? "";
      signup.run(sessionIdFromToken(token), activity).then(
        (ok) => res.writeHead(ok ? 302 : 403, { Location: `/activities/${activity.id}` }).end(),
        (error: unknown) => {
          console.error(error);
          res.writeHead(500).end();
        },
      );
    });
  });
  const result = await drive(n, concurrency, (i) =>
    fetch(`${bare.url}/activities/${activity.id}`, {
      method: "POST",
      headers: { Cookie: cookies[i] },
      body: "",
      redirect: "manual",
    }),
  );
  bare.server.close();
  await signup.close();
  const seated = (await prisma.activity.findUniqueOrThrow({ where: { id: activity.id } })).confirmedCount;
  if (seated !== Math.min(n, activity.capacity)) throw new Error(`bare baseline seated ${seated} of ${n}`);
  return result;
}

type BareActivity = { id: string; centerId: string; countyId: string | null; category: string };

const onPostgres = () => /^postgres(ql)?:\/\//.test(process.env.DATABASE_URL ?? "");
const newId = () => `bare${crypto.randomUUID().replace(/-/g, "").slice(0, 21)}`;
const newCode = () => Math.random().toString(36).slice(2, 8).toUpperCase();
const dayKey = (d: Date) => new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 10);

function sqliteSignup() {
  const raw = new Database((process.env.DATABASE_URL ?? "").replace(/^file:/, ""));
  raw.pragma("journal_mode = WAL");
  raw.pragma("busy_timeout = 10000");
  const session = raw.prepare(
    'SELECT s."id", s."userId", s."expiresAt", u."name" FROM "Session" s JOIN "User" u ON u."id" = s."userId" WHERE s."id" = ?',
  );
  const read = raw.prepare(
    'SELECT "id", "status", "signupOpensAt", "signupClosesAt", "capacity" FROM "Activity" WHERE "id" = ?',
  );
  const seat = raw.prepare(
    'UPDATE "Activity" SET "confirmedCount" = "confirmedCount" + 1 WHERE "id" = ? AND "confirmedCount" < "capacity"',
  );
  const register = raw.prepare(
    'INSERT INTO "Registration" ("id", "activityId", "userId", "status", "answers", "checkinCode", "createdAt", "updatedAt") VALUES (?, ?, ?, ?, \'{}\', ?, ?, ?)',
  );
  const funnel = raw.prepare(
    'INSERT INTO "FunnelEvent" ("step", "userId", "sourceType", "activityId", "centerId", "countyId", "category", "dedupeKey", "day", "createdAt") VALUES (\'signup\', ?, \'activity\', ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING',
  );
  const signUp = raw.transaction((sessionId: string, a: BareActivity) => {
    const s = session.get(sessionId) as { userId: string } | undefined;
    if (!s || !read.get(a.id)) return false;
    const status = seat.run(a.id).changes ? "confirmed" : "waitlisted";
    const now = new Date();
    const at = now.toISOString().replace("Z", "+00:00");
    register.run(newId(), a.id, s.userId, status, newCode(), at, at);
    funnel.run(s.userId, a.id, a.centerId, a.countyId, a.category, `signup:${a.id}:${s.userId}`, dayKey(now), at);
    return true;
  });
  return {
    run: async (sessionId: string, a: BareActivity) => signUp.immediate(sessionId, a),
    close: async () => raw.close(),
  };
}

async function pgSignup() {
  const { default: pg } = await import("pg");
  const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
  return {
    run: async (sessionId: string, a: BareActivity) => {
      const client = await pool.connect();
      try {
        await client.query("BEGIN");
        const s = await client.query<{ userId: string }>(
          'SELECT s."id", s."userId", s."expiresAt", u."name" FROM "Session" s JOIN "User" u ON u."id" = s."userId" WHERE s."id" = $1',
          [sessionId],
        );
        const read = await client.query(
          'SELECT "id", "status", "signupOpensAt", "signupClosesAt", "capacity" FROM "Activity" WHERE "id" = $1',
          [a.id],
        );
        if (!s.rows[0] || !read.rows[0]) {
          await client.query("ROLLBACK");
          return false;
        }
        const userId = s.rows[0].userId;
        const seat = await client.query(
          'UPDATE "Activity" SET "confirmedCount" = "confirmedCount" + 1 WHERE "id" = $1 AND "confirmedCount" < "capacity"',
          [a.id],
        );
        const now = new Date();
        await client.query(
          'INSERT INTO "Registration" ("id", "activityId", "userId", "status", "answers", "checkinCode", "createdAt", "updatedAt") VALUES ($1, $2, $3, $4, \'{}\', $5, $6, $6)',
          [newId(), a.id, userId, seat.rowCount ? "confirmed" : "waitlisted", newCode(), now],
        );
        await client.query(
          'INSERT INTO "FunnelEvent" ("step", "userId", "sourceType", "activityId", "centerId", "countyId", "category", "dedupeKey", "day", "createdAt") VALUES (\'signup\', $1, \'activity\', $2, $3, $4, $5, $6, $7, $8) ON CONFLICT DO NOTHING',
          [userId, a.id, a.centerId, a.countyId, a.category, `signup:${a.id}:${userId}`, dayKey(now), now],
        );
        await client.query("COMMIT");
        return true;
      } catch (error) {
        await client.query("ROLLBACK").catch(() => {});
        throw error;
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}
