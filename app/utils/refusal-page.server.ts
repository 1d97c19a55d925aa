// The page the server answers a refused request body with (app/server/body.js): a plain,
// translated HTML page built without React, so that a flood of oversized posts costs next to
// nothing to turn away. It looks like the app's own error page (same stylesheet and classes).
import { makeT } from "~/i18n";
import stylesheet from "~/styles/app.css";
import { REFUSAL_MESSAGES } from "./error-messages";
import { getLocale } from "./i18n.server";

export function refusalPage(status: number, headers: { cookie?: string; "accept-language"?: string }) {
  const locale = getLocale(
    new Request("http://localhost/", {
      headers: { Cookie: headers.cookie ?? "", "Accept-Language": headers["accept-language"] ?? "" },
    }),
  );
  const t = makeT(locale);
  const [title, body] = REFUSAL_MESSAGES[status] ?? REFUSAL_MESSAGES[400];
  return `<!DOCTYPE html>
<html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${t(title)} · ${t("app.fullName")}</title><link rel="stylesheet" href="${stylesheet}"></head>
<body class="min-h-screen bg-gray-50 text-gray-900 antialiased"><main class="mx-auto max-w-5xl px-4 py-6">
<div class="card mx-auto max-w-lg text-center" role="alert"><h1 class="page-title">${t(title)}</h1>
<p class="mb-4 text-gray-700">${t(body)}</p><a href="/" class="btn-primary">${t("error.goHome")}</a></div>
</main></body></html>`;
}
