// The text of an outbox message in its recipient's language: an SMS line, or an e-mail's
// subject and body with absolute links. Links are made absolute with PUBLIC_URL — the worker
// runs after the request that caused the message has gone, so there is no request origin to use.
import { isMessageKey, makeT, type Locale } from "~/i18n";
import { isSecurityKind } from "./preferences";

export function publicUrl() {
  const configured = process.env.PUBLIC_URL?.replace(/\/+$/, "");
  return configured || `http://localhost:${process.env.PORT || 3000}`;
}

const absolute = (path: string) => (path.startsWith("/") ? publicUrl() + path : path);

export type OutboxRow = { kind: string; params: string; locale: string; link: string | null };

export function parseParams(raw: string): Record<string, string | number> {
  try {
    const value = JSON.parse(raw) as unknown;
    if (!value || typeof value !== "object" || Array.isArray(value)) return {};
    const out: Record<string, string | number> = {};
    for (const [k, v] of Object.entries(value)) if (typeof v === "string" || typeof v === "number") out[k] = v;
    return out;
  } catch {
    return {};
  }
}

export function renderMessage(row: OutboxRow) {
  const locale: Locale = row.locale === "en" ? "en" : "zh-CN";
  const t = makeT(locale);
  const params = parseParams(row.params);
  // An e-mailed link (password reset) is a path in params; make it absolute like the row's own link.
  if (typeof params.link === "string") params.link = absolute(params.link);
  const text = isMessageKey(row.kind) ? t(row.kind, params) : row.kind;
  const link = row.link ? absolute(row.link) : null;
  // The brand once: some texts (the codes') already start with it.
  const branded = (template: "messages.sms.text" | "messages.email.subject", body: string) =>
    body.startsWith(t(template, { text: "" }).trim()) ? body : t(template, { text: body });
  const body = [
    text,
    // A link the text already shows (a reset link) is not repeated.
    link && !text.includes(link) ? t("messages.email.open", { url: link }) : null,
    // Codes and reset links cannot be turned off, so they do not offer the settings.
    isSecurityKind(row.kind) ? null : t("messages.email.footer", { url: absolute("/me/notification-settings") }),
  ];
  return {
    params,
    sms: branded("messages.sms.text", text),
    email: {
      subject: branded("messages.email.subject", text.length > 60 ? `${text.slice(0, 59)}…` : text),
      text: body.filter(Boolean).join("\n\n"),
    },
  };
}
