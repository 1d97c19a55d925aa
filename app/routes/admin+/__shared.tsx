// Helpers shared by the admin pages (private: not a route).
import type { Locale } from "~/i18n";

export function orgLabel(org: { name: string; nameEn: string | null }, locale: Locale) {
  return locale === "en" && org.nameEn ? org.nameEn : org.name;
}
