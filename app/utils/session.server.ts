// Sessions the Lucia way (lucia-auth.com "Sessions" guide; the lucia v3 package is deprecated):
// the cookie carries a random token; the database stores only its SHA-256, so a leaked
// database cannot be replayed. Expiry slides: a session used in its second half is extended.
import { sha256 } from "@oslojs/crypto/sha2";
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from "@oslojs/encoding";
import { prisma, rawQuery } from "./db.server";
import { readCookie, SESSION_COOKIE } from "./cookies.server";
import { sql } from "./sql-dialect.server";

export { clearSessionCookie, SESSION_COOKIE, sessionCookie } from "./cookies.server";
const DAY_MS = 24 * 60 * 60 * 1000;
export const SESSION_TTL_MS = 30 * DAY_MS;

export function generateSessionToken() {
  const bytes = new Uint8Array(20);
  crypto.getRandomValues(bytes);
  return encodeBase32LowerCaseNoPadding(bytes);
}

export function sessionIdFromToken(token: string) {
  return encodeHexLowerCase(sha256(new TextEncoder().encode(token)));
}

export async function createSession(userId: string, userAgent?: string | null) {
  const token = generateSessionToken();
  const expiresAt = new Date(Date.now() + SESSION_TTL_MS);
  await prisma.session.create({
    data: { id: sessionIdFromToken(token), userId, expiresAt, userAgent: userAgent?.slice(0, 200) ?? null },
  });
  return { token, expiresAt };
}

type SessionRow = { id: string; userId: string; expiresAt: Date | string | number; name: string };

/**
 * The session behind a token and its user's name, in one query (every signed-in page asks), the
 * session extended when past half its life; null when unknown or expired.
 */
export async function validateSessionToken(token: string) {
  const id = sessionIdFromToken(token);
  // Raw SQL: one statement with the join, and no query compilation on every page view (on SQLite
  // not through the Prisma client at all: rawQuery).
  const [row] = await rawQuery<SessionRow>(sql`
    SELECT s."id", s."userId", s."expiresAt", u."name"
    FROM "Session" s JOIN "User" u ON u."id" = s."userId"
    WHERE s."id" = ${id}`);
  if (!row) return null;
  // Raw results type a DateTime by the column's declared type; new Date() accepts a Date or its text.
  const session = { id: row.id, userId: row.userId, expiresAt: new Date(row.expiresAt) };
  const user = { id: row.userId, name: row.name };
  const now = Date.now();
  if (session.expiresAt.getTime() <= now) {
    await prisma.session.deleteMany({ where: { id } });
    return null;
  }
  let refreshed = false;
  if (session.expiresAt.getTime() - now < SESSION_TTL_MS / 2) {
    session.expiresAt = new Date(now + SESSION_TTL_MS);
    await prisma.session.update({ where: { id }, data: { expiresAt: session.expiresAt } });
    refreshed = true;
  }
  return { session, user, refreshed };
}

export async function invalidateSession(sessionId: string) {
  await prisma.session.deleteMany({ where: { id: sessionId } });
}

export async function invalidateAllSessions(userId: string) {
  await prisma.session.deleteMany({ where: { userId } });
}

export function getSessionToken(request: Request) {
  return readCookie(request, SESSION_COOKIE);
}
