import type { Locale } from "~/i18n";

/**
 * An organisation's name in the reader's language: its English name when it has one and the page
 * is in English, else its (Chinese) name. Every page that shows an organisation uses this.
 */
export function orgName(org: { name: string; nameEn?: string | null }, locale: Locale | string) {
  return locale === "en" && org.nameEn ? org.nameEn : org.name;
}

/** The same rule for anything else named in both languages (counties, assessment schemes and items). */
export const localName = orgName;

/** The same for a list of `{ id, name, nameEn }` (a picker's options): one name each, nothing more sent. */
export function withOrgNames<T extends { name: string; nameEn?: string | null }>(orgs: T[], locale: Locale) {
  return orgs.map(({ nameEn, ...o }) => ({ ...o, name: orgName({ name: o.name, nameEn }, locale) }));
}
