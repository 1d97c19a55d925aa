// Staff exports carry masked phone numbers (138****0001) unless the staff member asks for contact
// details and states why (?contact=1&purpose=…); the purpose goes into the export's audit entry.
import type { TFunction } from "~/i18n";

export const PURPOSE_MIN = 4;
export const PURPOSE_MAX = 200;

export type ContactRequest = { contact: false; purpose: null } | { contact: true; purpose: string };

/** Reads the request; a request for contact details without a usable purpose is a translated 400. */
export function contactRequest(url: URL, t: TFunction): ContactRequest {
  if (url.searchParams.get("contact") !== "1") return { contact: false, purpose: null };
  const purpose = (url.searchParams.get("purpose") ?? "").trim();
  if (purpose.length < PURPOSE_MIN || purpose.length > PURPOSE_MAX)
    throw new Response(t("privacy.export.purposeRequired"), {
      status: 400,
      headers: { "Content-Type": "text/plain; charset=utf-8" },
    });
  return { contact: true, purpose };
}
