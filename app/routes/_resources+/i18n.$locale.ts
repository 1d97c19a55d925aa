import type { LoaderFunctionArgs } from "@remix-run/node";
import { messagesBody } from "~/i18n/messages.server";
import { LOCALES, type Locale } from "~/i18n/translate";
import { notFound } from "~/utils/http.server";

// GET /i18n/:locale?v=… — one language's messages for the browser. The versioned URL (the root
// loader's messagesHref) is immutable; any other version is answered fresh and not cached long.
export function loader({ params, request }: LoaderFunctionArgs) {
  const locale = LOCALES.find((l) => l === params.locale);
  if (!locale) notFound();
  const { json, version } = messagesBody(locale as Locale);
  const current = new URL(request.url).searchParams.get("v") === version;
  return new Response(json, {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Cache-Control": current ? "public, max-age=31536000, immutable" : "no-cache",
    },
  });
}
