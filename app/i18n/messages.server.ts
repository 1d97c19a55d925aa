// The page's language as one JSON file for the browser (app/entry.client.tsx loads it before
// hydrating), at a URL that changes with its content so it can be cached for a year.
import { createHash } from "node:crypto";
import { catalogs, type Locale } from "./index";

const bodies = new Map<Locale, { json: string; version: string }>();

export function messagesBody(locale: Locale) {
  let body = bodies.get(locale);
  if (!body) {
    const json = JSON.stringify(catalogs[locale]);
    body = { json, version: createHash("sha256").update(json).digest("hex").slice(0, 12) };
    bodies.set(locale, body);
  }
  return body;
}

export function messagesHref(locale: Locale) {
  return `/i18n/${locale}?v=${messagesBody(locale).version}`;
}
