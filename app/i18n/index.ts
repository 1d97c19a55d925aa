// Message catalogs. Each domain keeps its own file exporting `zh` and `en`; `en` is typed
// against `zh`, so a key missing from either language fails the type check (and a test).
import * as activities from "./activities";
import * as admin from "./admin";
import * as assessment from "./assessment";
import * as auth from "./auth";
import * as common from "./common";
import * as contests from "./contests";
import * as membership from "./membership";

export const zhCN = {
  ...common.zh,
  ...auth.zh,
  ...admin.zh,
  ...activities.zh,
  ...contests.zh,
  ...membership.zh,
  ...assessment.zh,
};
export const en: Record<keyof typeof zhCN, string> = {
  ...common.en,
  ...auth.en,
  ...admin.en,
  ...activities.en,
  ...contests.en,
  ...membership.en,
  ...assessment.en,
};

export const catalogs = { "zh-CN": zhCN, en } as const;
export type MessageKey = keyof typeof zhCN;
export const LOCALES = ["zh-CN", "en"] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = "zh-CN";

export type TFunction = (key: MessageKey, params?: Record<string, string | number>) => string;

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
  const catalog = catalogs[locale] ?? zhCN;
  return (key, params) => {
    const message: string = catalog[key] ?? zhCN[key] ?? key;
    if (!params) return message;
    return choosePlural(locale, message, params).replace(/\{(\w+)\}/g, (whole, name: string) =>
      name in params ? String(params[name]) : whole,
    );
  };
}

/** Translate a key that comes from data (an enum value, a validation message). */
export function isMessageKey(key: string): key is MessageKey {
  return key in zhCN;
}
