// What the account pages share on the server: who is asking (for the send limits and the message
// language) and opening a session once something is proven.
import { redirect } from "@remix-run/node";
import { getLocale } from "~/utils/i18n.server";
import { clientAddress } from "~/utils/rate-limit.server";
import { createSession, sessionCookie } from "~/utils/session.server";

export const senderOf = (request: Request, context: unknown, userId: string | null = null) => ({
  ip: clientAddress(context),
  locale: getLocale(request),
  userId,
});

/** A new session for `userId` and a redirect to `to` (already a safe path). */
export async function logInAndRedirect(request: Request, userId: string, to: string) {
  const session = await createSession(userId, request.headers.get("User-Agent"));
  return redirect(to, { headers: { "Set-Cookie": sessionCookie(session.token, session.expiresAt, request) } });
}
