// All times are shown and entered in China Standard Time (UTC+8, no daylight saving).
export const TIME_ZONE = "Asia/Shanghai";
const OFFSET_MS = 8 * 60 * 60 * 1000;

export type Locale = "zh-CN" | "en";

export function formatDateTime(date: Date | string, locale: Locale) {
  return new Intl.DateTimeFormat(locale, {
    timeZone: TIME_ZONE,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    hour12: false,
  }).format(new Date(date));
}

export function formatDate(date: Date | string, locale: Locale) {
  return new Intl.DateTimeFormat(locale, {
    timeZone: TIME_ZONE,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
  }).format(new Date(date));
}

export function formatNumber(value: number, locale: Locale, options?: Intl.NumberFormatOptions) {
  return new Intl.NumberFormat(locale, options).format(value);
}

export function formatYuan(value: number, locale: Locale) {
  return new Intl.NumberFormat(locale, { style: "currency", currency: "CNY", maximumFractionDigits: 0 }).format(value);
}

export function formatPercent(ratio: number, locale: Locale) {
  return new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 1 }).format(ratio);
}

/** "2026-12-01T09:30" (a datetime-local value, Beijing time) → Date; null when malformed. */
export function parseLocalDateTime(value: string): Date | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(value)) return null;
  const date = new Date(`${value}:00+08:00`);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** "2026-12-01" (Beijing date) → Date at 00:00 Beijing time; null when malformed. */
export function parseLocalDate(value: string): Date | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return null;
  const date = new Date(`${value}T00:00:00+08:00`);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** Date → "2026-12-01T09:30" for a datetime-local input, in Beijing time. */
export function toLocalDateTimeInput(date: Date | string) {
  return new Date(new Date(date).getTime() + OFFSET_MS).toISOString().slice(0, 16);
}

/** Date → "2026-12-01" in Beijing time (also the funnel's day key). */
export function toLocalDateKey(date: Date | string = new Date()) {
  return new Date(new Date(date).getTime() + OFFSET_MS).toISOString().slice(0, 10);
}
