import { redirect } from "@remix-run/node";
import { getSessionToken, sessionCookie, validateSessionToken } from "./session.server";

export type SessionUser = { id: string; name: string; sessionId: string };

/**
 * The signed-in user, or null. `setCookie` is set when the session's expiry slid forward and the
 * browser's cookie must be refreshed (the root loader sends it).
 */
export function getSessionUser(request: Request): Promise<(SessionUser & { setCookie?: string }) | null> {
  // A page's loaders (root, layout, page) all ask for the same GET request: one lookup serves
  // them. Not for other methods: an action may log in or out before the page's loaders run.
  if (request.method !== "GET" && request.method !== "HEAD") return lookUpSessionUser(request);
  let found = lookups.get(request);
  if (!found) lookups.set(request, (found = lookUpSessionUser(request)));
  return found;
}

type Found = (SessionUser & { setCookie?: string }) | null;
const lookups = new WeakMap<Request, Promise<Found>>();

async function lookUpSessionUser(request: Request): Promise<Found> {
  const token = getSessionToken(request);
  if (!token) return null;
  const result = await validateSessionToken(token);
  if (!result) return null;
  return {
    ...result.user,
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
