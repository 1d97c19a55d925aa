// Remix's default browser entry, except that the page's language is fetched first (a JSON file
// the <head> already preloads, see app/root.tsx): the catalogs are not part of the JavaScript
// bundle, and React must render the same strings as the server did before it can hydrate.
import { RemixBrowser } from "@remix-run/react";
import { startTransition, StrictMode } from "react";
import { hydrateRoot } from "react-dom/client";
import { DEFAULT_LOCALE, LOCALES, registerMessages, type Locale, type Messages } from "~/i18n/translate";

const lang = document.documentElement.lang;
const locale: Locale = LOCALES.find((l) => l === lang) ?? DEFAULT_LOCALE;
const href = document.querySelector<HTMLLinkElement>("link#xg-messages")?.href ?? `/i18n/${locale}`;

fetch(href, { credentials: "same-origin" })
  .then((response) => {
    if (!response.ok) throw new Error(`${href}: ${response.status}`);
    return response.json() as Promise<Messages>;
  })
  .then((messages) => {
    registerMessages(locale, messages);
    startTransition(() => {
      hydrateRoot(
        document,
        <StrictMode>
          <RemixBrowser />
        </StrictMode>,
      );
    });
  })
  // Without its strings the page stays as the server sent it: every core flow works without JavaScript.
  .catch((error: unknown) => console.warn("i18n: page not hydrated:", error));
