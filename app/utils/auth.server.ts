import { redirect } from "@remix-run/node";
import { prisma } from "./db.server";
import { getSessionToken, sessionCookie, validateSessionToken } from "./session.server";

export type SessionUser = { id: string; name: string; sessionId: string };

/**
 * The signed-in user, or null. `setCookie` is set when the session's expiry slid forward and the
 * browser's cookie must be refreshed (the root loader sends it).
 */
export async function getSessionUser(request: Request): Promise<(SessionUser & { setCookie?: string }) | null> {
  const token = getSessionToken(request);
  if (!token) return null;
  const result = await validateSessionToken(token);
  if (!result) return null;
  const user = await prisma.user.findUnique({ where: { id: result.session.userId }, select: { id: true, name: true } });
  if (!user) return null;
  return {
    ...user,
    sessionId: result.session.id,
    setCookie: result.refreshed ? sessionCookie(token, result.session.expiresAt, request) : undefined,
  };
}

export async function getUserId(request: Request) {
  return (await getSessionUser(request))?.id ?? null;
}

/** The signed-in user, or a redirect to the log-in page that comes back here afterwards. */
export async function requireUser(request: Request): Promise<SessionUser> {
  const user = await getSessionUser(request);
  if (!user) {
    const url = new URL(request.url);
    const back = url.pathname.endsWith(".data") ? url.pathname.slice(0, -5) : url.pathname;
    const hadSession = Boolean(getSessionToken(request));
    const params = new URLSearchParams({ redirectTo: back + (url.search || "") });
    if (hadSession) params.set("expired", "1");
    throw redirect(`/login?${params}`);
  }
  return user;
}

export async function requireAnonymous(request: Request) {
  if (await getSessionUser(request)) throw redirect("/");
}
