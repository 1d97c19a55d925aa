// Every cookie the app reads or sets, parsed and serialised by the `cookie` package (the one Remix
// itself uses), so names, flags and lifetimes are written down once. Values are the plain strings
// (not Remix's createCookie, which would wrap them in base64 JSON and change the cookie's format).
import { parse, serialize, type CookieSerializeOptions } from "cookie";
import type { Locale } from "~/i18n";
import { cookieSecure } from "./env.server";

export const SESSION_COOKIE = "xg_session";
export const LOCALE_COOKIE = "xg_locale";

/** One cookie's value from the request, or null when it was not sent. */
export function readCookie(request: Request, name: string): string | null {
  return parse(request.headers.get("Cookie") ?? "")[name] ?? null;
}

// The session token: never readable by scripts, sent on top-level navigations from other sites
// (links into the portal keep working) but not on their form posts; Secure on HTTPS.
const sessionOptions = (request?: Request): CookieSerializeOptions => ({
  path: "/",
  httpOnly: true,
  sameSite: "lax",
  secure: cookieSecure(request),
});

/** Set-Cookie for a session token, kept by the browser until the session expires. */
export function sessionCookie(token: string, expiresAt: Date, request?: Request) {
  return serialize(SESSION_COOKIE, token, { ...sessionOptions(request), expires: expiresAt });
}

/** Set-Cookie that removes the session cookie (log-out). */
export function clearSessionCookie(request?: Request) {
  return serialize(SESSION_COOKIE, "", { ...sessionOptions(request), maxAge: 0 });
}

/** Set-Cookie for the chosen language, kept a year; pages read it before Accept-Language. */
export function localeCookie(locale: Locale) {
  return serialize(LOCALE_COOKIE, locale, { path: "/", maxAge: 365 * 24 * 60 * 60, sameSite: "lax" });
}
