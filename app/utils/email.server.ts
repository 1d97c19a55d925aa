// E-mail through SMTP with nodemailer. SMTP_URL (smtp://user:pass@host:587, smtps://… for TLS)
// names the server and MAIL_FROM the sender; without SMTP_URL no e-mail can be sent and e-mail
// rows wait in the outbox as failed with that reason (visible on /admin/outbox).
// nodemailer is loaded when the first e-mail is sent, not when the server starts.
import type { Transporter } from "nodemailer";
import { SendError } from "./sms/types";

export type Email = { to: string; subject: string; text: string };

const TIMEOUT_MS = 10_000; // below the delivery lease, so a hung server cannot outlive a claim

let cached: { url: string; transport: Transporter } | null = null;

async function transportFor(url: string) {
  const { createTransport } = await import("nodemailer");
  if (cached?.url !== url) {
    cached?.transport.close();
    cached = {
      url,
      transport: createTransport({
        url,
        connectionTimeout: TIMEOUT_MS,
        greetingTimeout: TIMEOUT_MS,
        socketTimeout: TIMEOUT_MS,
      }),
    };
  }
  return cached.transport;
}

export function mailConfigured() {
  return Boolean(process.env.SMTP_URL);
}

/** Sends one e-mail; resolves with the server's message id, throws SendError when refused. */
export async function sendEmail(email: Email): Promise<{ providerRef: string }> {
  const url = process.env.SMTP_URL;
  if (!url) throw new SendError("SMTP_URL is not set");
  const from = process.env.MAIL_FROM ?? "星光 Xingguang <no-reply@localhost>";
  try {
    const info = await (
      await transportFor(url)
    ).sendMail({ from, to: email.to, subject: email.subject, text: email.text });
    return { providerRef: String(info.messageId ?? "") };
  } catch (error) {
    // Retried with backoff, even a 5xx: a refusal is often the server's passing state (a full
    // queue, a greylist, a misconfiguration being fixed); the attempts are bounded anyway.
    throw new SendError(`SMTP: ${error instanceof Error ? error.message : String(error)}`);
  }
}
