// Translating with whatever catalogs this process holds — no catalog is imported here, so this
// module is all the browser bundle carries of i18n. The server registers both languages when
// app/i18n/index.ts loads; the browser registers only the page's language, fetched as JSON by
// app/entry.client.tsx before hydrating (the catalogs were half of every page's JavaScript:
// 50 KB gzipped of both languages' strings, on every page).
import type { MessageKey } from "./index";

export const LOCALES = ["zh-CN", "en"] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = "zh-CN";

export type Messages = Record<string, string>;
export type TFunction = (key: MessageKey, params?: Record<string, string | number>) => string;

const registry = new Map<Locale, Messages>();

export function registerMessages(locale: Locale, messages: Messages) {
  registry.set(locale, messages);
}

export function hasMessages(locale: Locale) {
  return registry.has(locale);
}

const pluralRules = new Map<Locale, Intl.PluralRules>();

/**
 * `{count, plural, one {# seat left} other {# seats left}}` (ICU's plural syntax, one level):
 * the branch is chosen by Intl.PluralRules for the locale, `=N` matches exactly, `#` is the number.
 */
function choosePlural(locale: Locale, message: string, params: Record<string, string | number>) {
  return message.replace(
    /\{(\w+), plural,((?:\s*(?:=\d+|\w+)\s*\{[^{}]*\})+)\s*\}/g,
    (whole, name: string, branches: string) => {
      const value = Number(params[name]);
      if (!(name in params) || !Number.isFinite(value)) return whole;
      const options = new Map([...branches.matchAll(/(=\d+|\w+)\s*\{([^{}]*)\}/g)].map((m) => [m[1], m[2]] as const));
      let rules = pluralRules.get(locale);
      if (!rules) pluralRules.set(locale, (rules = new Intl.PluralRules(locale)));
      const text = options.get(`=${value}`) ?? options.get(rules.select(value)) ?? options.get("other") ?? whole;
      return text.replace(/#/g, String(value));
    },
  );
}

export function makeT(locale: Locale): TFunction {
  const catalog = registry.get(locale) ?? registry.get(DEFAULT_LOCALE) ?? {};
  const fallback = registry.get(DEFAULT_LOCALE) ?? {};
  return (key, params) => {
    const message: string = catalog[key] ?? fallback[key] ?? key;
    if (!params) return message;
    return choosePlural(locale, message, params).replace(/\{(\w+)\}/g, (whole, name: string) =>
      name in params ? String(params[name]) : whole,
    );
  };
}

/** Translate a key that comes from data (an enum value, a validation message). */
export function isMessageKey(key: string): key is MessageKey {
  // Both languages have the same keys (en is typed against zh), so any registered catalog answers.
  for (const messages of registry.values()) return Object.prototype.hasOwnProperty.call(messages, key);
  return false;
}
