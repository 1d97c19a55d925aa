// Throttles (log-in, registration, phone look-ups), persisted as one LoginAttempt row per counted try
// so they survive restarts and hold across processes on one database.
//
// A try is reserved BEFORE the work it guards (a password check, a "is this phone registered"
// look-up) by ONE conditional INSERT that counts the window and writes in the same statement.
// SQLite runs a writing statement under its write lock from start to end, in this process and
// every other, so N parallel tries can never reserve more than the allowance. (Reading the count
// first and writing after the password check let 81 of 100 parallel guesses be evaluated.)
// PostgreSQL (READ COMMITTED) does not see other statements' uncommitted rows while counting:
// there the statement runs in a transaction holding a lock per key first.
import { isIPv6 } from "node:net";
import type { HeadersFunction } from "@remix-run/node";
import { prisma } from "./db.server";
import { isPostgres, join, lockKey, sql, sqlDate } from "./sql-dialect.server";
import { PHONE_RE } from "./validation";

export const LOGIN_WINDOW_MS = 15 * 60 * 1000;
export const MAX_FAILURES_PER_ACCOUNT = 5;
export const MAX_FAILURES_PER_IP = 20;
/** Registrations (successful or not) per client address. */
export const REGISTER_WINDOW_MS = 60 * 60 * 1000;
export const MAX_REGISTRATIONS_PER_IP = 20;
/** Co-author phone numbers looked up per client address and per user (an entry names at most 10). */
export const LOOKUP_WINDOW_MS = 60 * 60 * 1000;
export const MAX_LOOKUPS = 100;
/** Walk-ins at check-in per client address: generous, a busy desk registers several a minute. */
export const MAX_WALKINS_PER_IP = 200;

export type Limit = { key: string; limit: number; windowMs: number };
export type Throttle =
  { allowed: true; ids: number[] } | { allowed: false; key: string; minutes: number; retryAfterSeconds: number };

const since = (windowMs: number) => sqlDate(new Date(Date.now() - windowMs));

const countSql = (l: Limit) =>
  sql`(SELECT COUNT(*) FROM "LoginAttempt" WHERE "key" = ${l.key} AND "success" = FALSE AND "createdAt" >= ${since(l.windowMs)})`;

/**
 * Reserves `cost` tries under every limit at once, or none of them: allowed only when each key
 * still has room for `cost` more in its window. The reservation counts until the window passes
 * or it is released.
 */
export async function consumeAll(limits: Limit[], cost = 1): Promise<Throttle> {
  const rows = limits.flatMap((l) => Array.from({ length: cost }, () => sql`SELECT CAST(${l.key} AS TEXT) AS "k"`));
  const room = limits.map((l) => sql`${countSql(l)} + CAST(${cost} AS INTEGER) <= CAST(${l.limit} AS INTEGER)`);
  const reserve = (db: Pick<typeof prisma, "$queryRaw">) => db.$queryRaw<{ id: number | bigint }[]>`
    INSERT INTO "LoginAttempt" ("key", "success", "createdAt")
    SELECT "k", FALSE, ${sqlDate(new Date())} FROM (${join(rows, " UNION ALL ")}) AS "tries"
    WHERE ${join(room, " AND ")}
    RETURNING "id"`;
  const keys = [...new Set(limits.map((l) => l.key))].sort(); // one order everywhere: no deadlock
  const inserted = isPostgres
    ? await prisma.$transaction(async (tx) => {
        for (const key of keys) await lockKey(tx, `rate-limit:${key}`);
        return reserve(tx);
      })
    : await reserve(prisma);
  if (inserted.length) return { allowed: true, ids: inserted.map((r) => Number(r.id)) };
  // Refused. Which limit, and until when, is read afterwards: only the message depends on it.
  for (const l of limits) {
    const used = await prisma.loginAttempt.findMany({
      where: { key: l.key, success: false, createdAt: { gte: new Date(Date.now() - l.windowMs) } },
      select: { createdAt: true },
      orderBy: { createdAt: "asc" },
    });
    if (used.length + cost <= l.limit) continue;
    // Room for `cost` more opens when this many of the oldest tries have left the window.
    const leaving = used[Math.min(used.length - 1, Math.max(0, used.length + cost - l.limit - 1))];
    const ms = leaving ? leaving.createdAt.getTime() + l.windowMs - Date.now() : l.windowMs;
    const seconds = Math.max(1, Math.ceil(ms / 1000));
    return { allowed: false, key: l.key, minutes: Math.max(1, Math.ceil(seconds / 60)), retryAfterSeconds: seconds };
  }
  // Room appeared in between (a window passed): say "1 minute" rather than retry here.
  return { allowed: false, key: limits[0].key, minutes: 1, retryAfterSeconds: 60 };
}

/** One key: `consume("register:ip:…", 20, hour)`. */
export function consume(key: string, limit: number, windowMs: number, cost = 1) {
  return consumeAll([{ key, limit, windowMs }], cost);
}

/** Gives reserved tries back (they no longer count). */
export async function release(ids: number[]) {
  if (ids.length) await prisma.loginAttempt.deleteMany({ where: { id: { in: ids } } });
}

/** Headers for a 429 answer. */
export function retryAfter(block: { retryAfterSeconds: number }) {
  return { "Retry-After": String(block.retryAfterSeconds) };
}

/** A route's `headers` export: passes its action's Retry-After on to the page answer. */
export const passRetryAfter: HeadersFunction = ({ actionHeaders }) => {
  const value = actionHeaders.get("Retry-After");
  return value ? { "Retry-After": value } : new Headers();
};

/**
 * The client address from the load context (Express's req.ip, which honours TRUST_PROXY), as a
 * throttle key: IPv4-mapped addresses as plain IPv4, IPv6 by its /64 (one subscriber usually holds
 * a whole /64, so counting single addresses would let them rotate).
 */
export function clientAddress(context: unknown) {
  const ip = String((context as { clientIp?: string } | undefined)?.clientIp ?? "unknown").split("%")[0];
  const mapped = ip.match(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/i);
  if (mapped) return mapped[1];
  if (!isIPv6(ip)) return ip;
  const [head, tail] = ip.split("::");
  const left = head ? head.split(":") : [];
  const right = tail ? tail.split(":") : [];
  const groups =
    tail === undefined ? left : [...left, ...Array(Math.max(0, 8 - left.length - right.length)).fill("0"), ...right];
  return `${groups
    .slice(0, 4)
    .map((g) => parseInt(g, 16).toString(16))
    .join(":")}::/64`;
}

// ── Log-in ──
// Counted per account: the user's id when the identifier names one (so its phone and email share
// one count), else the normalised identifier; and per client address.

export const loginAccountKey = (userId: string | null, identifier: string) =>
  userId ? `login:user:${userId}` : `login:id:${identifier}`;

export function reserveLogin(accountKey: string, ip: string) {
  return consumeAll([
    { key: accountKey, limit: MAX_FAILURES_PER_ACCOUNT, windowMs: LOGIN_WINDOW_MS },
    { key: `login:ip:${ip}`, limit: MAX_FAILURES_PER_IP, windowMs: LOGIN_WINDOW_MS },
  ]);
}

/** A successful log-in clears the account's failures and gives the network its try back. */
export async function loginSucceeded(accountKey: string, reservedIds: number[]) {
  await prisma.loginAttempt.deleteMany({ where: { OR: [{ key: accountKey }, { id: { in: reservedIds } }] } });
}

// ── "Is this phone registered" look-ups ──

/** Each co-author line that is a phone number is one look-up, counted per address and per user. */
export function throttleCoAuthorLookups(lines: string[], ip: string, userId: string): Promise<Throttle> {
  const phones = lines.filter((line) => PHONE_RE.test(line.trim())).length;
  if (!phones) return Promise.resolve({ allowed: true, ids: [] });
  return consumeAll(
    [
      { key: `coauthor:ip:${ip}`, limit: MAX_LOOKUPS, windowMs: LOOKUP_WINDOW_MS },
      { key: `coauthor:user:${userId}`, limit: MAX_LOOKUPS, windowMs: LOOKUP_WINDOW_MS },
    ],
    phones,
  );
}

export const throttleWalkIn = (ip: string) => consume(`walkin:ip:${ip}`, MAX_WALKINS_PER_IP, LOOKUP_WINDOW_MS);
