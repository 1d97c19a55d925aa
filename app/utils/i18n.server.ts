import { DEFAULT_LOCALE, LOCALES, makeT, type Locale } from "~/i18n";
import { LOCALE_COOKIE, readCookie } from "./cookies.server";

/** The language cookie wins; on a first visit, Accept-Language decides; otherwise Chinese. */
export function getLocale(request: Request): Locale {
  const cookie = readCookie(request, LOCALE_COOKIE);
  if (cookie && (LOCALES as readonly string[]).includes(cookie)) return cookie as Locale;
  const accept = request.headers.get("Accept-Language") ?? "";
  const ranked = accept
    .split(",")
    .map((part) => {
      const [tag, q] = part.trim().split(";q=");
      return { tag: tag.toLowerCase(), q: q ? Number(q) : 1 };
    })
    .filter((entry) => entry.tag)
    .sort((a, b) => b.q - a.q);
  for (const { tag } of ranked) {
    if (tag.startsWith("zh")) return "zh-CN";
    if (tag.startsWith("en")) return "en";
  }
  return DEFAULT_LOCALE;
}

export function getT(request: Request) {
  return makeT(getLocale(request));
}
