// Sessions the Lucia way (lucia-auth.com "Sessions" guide; the lucia v3 package is deprecated):
// the cookie carries a random token; the database stores only its SHA-256, so a leaked
// database cannot be replayed. Expiry slides: a session used in its second half is extended.
import { sha256 } from "@oslojs/crypto/sha2";
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from "@oslojs/encoding";
import { prisma } from "./db.server";
import { readCookie, SESSION_COOKIE } from "./cookies.server";

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

/** The session behind a token, extended when past half its life; null when unknown or expired. */
export async function validateSessionToken(token: string) {
  const id = sessionIdFromToken(token);
  const session = await prisma.session.findUnique({
    where: { id },
    select: { id: true, userId: true, expiresAt: true },
  });
  if (!session) return null;
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
  return { session, refreshed };
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
