// What account tests share: fresh numbers, the message a user would receive (read from the
// outbox, where the delivery worker picks it up), and the session cookie a response sets.
import { prisma } from "~/utils/db.server";
import { SESSION_COOKIE } from "~/utils/session.server";

let counter = 0;
/** A mainland mobile number not used before in this test file. */
export const freshPhone = (prefix = "139") =>
  `${prefix}${String(Date.now() % 1e6).padStart(6, "0")}${String(counter++ % 100).padStart(2, "0")}`;

/** The newest message sent to a phone or e-mail address: its kind and parameters. */
export async function lastMessage(recipient: string) {
  const message = await prisma.outboxMessage.findFirstOrThrow({
    where: { recipient },
    orderBy: { createdAt: "desc" },
    select: { kind: true, params: true, channel: true, locale: true, userId: true },
  });
  return { ...message, params: JSON.parse(message.params) as Record<string, string> };
}

/** The 6-digit code in the newest SMS to `phone`. */
export async function lastCode(phone: string) {
  const message = await lastMessage(phone);
  if (!/^\d{6}$/.test(message.params.code ?? "")) throw new Error(`no code in the last message to ${phone}`);
  return message.params.code;
}

export function cookieFrom(response: Response) {
  const header = response.headers.get("set-cookie") ?? "";
  const match = header.match(new RegExp(`${SESSION_COOKIE}=([^;]+)`));
  return match ? `${SESSION_COOKIE}=${match[1]}` : null;
}

/** A wrong code for a right one (same length, one digit changed). */
export const wrongCode = (code: string) => code.slice(0, 5) + String((Number(code[5]) + 1) % 10);

/**
 * A code for `phone` sent as the page would, from an address of its own (so the per-network daily
 * cap of the test's 127.0.0.1 is left alone), for tests about something else than codes.
 */
export async function codeFor(purpose: "register" | "login" | "reset" | "claim", phone: string) {
  const { sendCode } = await import("~/domain/account/codes.server");
  await sendCode(purpose, phone, { ip: `test:${phone}`, locale: "zh-CN" });
  return lastCode(phone);
}
