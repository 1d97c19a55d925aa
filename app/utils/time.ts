// Dates and times as people read them. Two kinds of value:
//  - instants (a sign-up, an activity's start): shown and entered in China Standard Time
//    (UTC+8, no daylight saving);
//  - calendar dates (a birth date, the day an organisation was founded, a site visit): a day with
//    no time of day. They are stored at 12:00 UTC of that day, so the same day is read back in
//    UTC, in Beijing time and in any zone from UTC−11 to UTC+11 — no drift of a day per round
//    trip (see "Calendar dates" in app/README.md). Use parseCalendarDate / toCalendarDateKey /
//    formatCalendarDate for them, never the instant helpers.
// Intl formatters are costly to build, so each one is created once per locale and reused.
export const TIME_ZONE = "Asia/Shanghai";
const OFFSET_MS = 8 * 60 * 60 * 1000;

export type Locale = "zh-CN" | "en";

// English dates are written day-month-year ("12 Dec 2026"), never the US "12/12/2026".
const INTL_LOCALE: Record<Locale, string> = { "zh-CN": "zh-CN", en: "en-GB" };
const DATE_STYLE: Record<Locale, Intl.DateTimeFormatOptions> = {
  "zh-CN": { year: "numeric", month: "long", day: "numeric" },
  en: { year: "numeric", month: "short", day: "numeric" },
};
const TIME_STYLE: Intl.DateTimeFormatOptions = { hour: "2-digit", minute: "2-digit", hourCycle: "h23" };

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(locale: Locale, kind: "date" | "dateTime" | "calendarDate" | "time") {
  const key = `${locale}|${kind}`;
  let f = formatters.get(key);
  if (!f) {
    const options: Intl.DateTimeFormatOptions =
      kind === "time"
        ? { ...TIME_STYLE }
        : kind === "dateTime"
          ? { ...DATE_STYLE[locale], ...TIME_STYLE }
          : { ...DATE_STYLE[locale] };
    options.timeZone = kind === "calendarDate" ? "UTC" : TIME_ZONE;
    f = new Intl.DateTimeFormat(INTL_LOCALE[locale] ?? locale, options);
    formatters.set(key, f);
  }
  return f;
}

/** An instant with its time, in Beijing time: "12 Dec 2026, 09:30" / "2026年12月12日 09:30". */
export function formatDateTime(date: Date | string, locale: Locale) {
  return formatter(locale, "dateTime").format(new Date(date));
}

/** The Beijing day of an instant: "12 Dec 2026" / "2026年12月12日". */
export function formatDate(date: Date | string, locale: Locale) {
  return formatter(locale, "date").format(new Date(date));
}

/** The time of day of an instant, in Beijing time: "09:30". */
export function formatTime(date: Date | string, locale: Locale) {
  return formatter(locale, "time").format(new Date(date));
}

/** Two instants as one range of days: "12–14 Dec 2026" / "2026年12月12日至14日". */
export function formatDateRange(from: Date | string, to: Date | string, locale: Locale) {
  return formatRange(formatter(locale, "date"), new Date(from), new Date(to), locale);
}

/** Two instants with their times: "12 Dec 2026, 09:00–11:30" / "2026年12月12日 09:00至11:30". */
export function formatDateTimeRange(from: Date | string, to: Date | string, locale: Locale) {
  return formatRange(formatter(locale, "dateTime"), new Date(from), new Date(to), locale);
}

/** A calendar date (a stored date-only value, or a "YYYY-MM-DD" key): "12 Dec 2026" / "2026年12月12日". */
export function formatCalendarDate(date: Date | string, locale: Locale) {
  const value = typeof date === "string" ? parseCalendarDate(date.slice(0, 10)) : date;
  return value ? formatter(locale, "calendarDate").format(value) : String(date);
}

/** Two calendar dates ("YYYY-MM-DD" keys or stored dates) as one range. */
export function formatCalendarDateRange(from: Date | string, to: Date | string, locale: Locale) {
  const a = typeof from === "string" ? parseCalendarDate(from.slice(0, 10)) : from;
  const b = typeof to === "string" ? parseCalendarDate(to.slice(0, 10)) : to;
  if (!a || !b) return `${String(from)} – ${String(to)}`;
  return formatRange(formatter(locale, "calendarDate"), a, b, locale);
}

// English ranges come from Intl's formatRange. Chinese ones are written the way Chinese notices
// write them ("2026年12月12日至14日"): ICU's zh range pattern falls back to "2026/12/12 – 2026/12/14".
function formatRange(f: Intl.DateTimeFormat, from: Date, to: Date, locale: Locale) {
  // Node's ICU puts thin spaces (U+2009) around the dash where Chromium's puts plain ones: the same text
  // on server and browser, or React reports a hydration mismatch.
  if (locale !== "zh-CN") return f.formatRange(from, to).replace(/\u2009/g, " ");
  const a = f.formatToParts(from);
  const b = f.formatToParts(to);
  if (a.map((p) => p.value).join("") === b.map((p) => p.value).join("")) return a.map((p) => p.value).join("");
  // Leave out the start of the second date for as long as it repeats the first (year, month, day).
  let same = 0;
  for (const unit of ["year", "month", "day"]) {
    const i = b.findIndex((p) => p.type === unit);
    if (i < 0 || a[i]?.value !== b[i]?.value) break;
    same = i + 2; // the unit and its literal ("年", "月", "日 ")
  }
  const rest = b
    .slice(same)
    .map((p) => p.value)
    .join("")
    .trim();
  return `${a.map((p) => p.value).join("")}至${rest}`;
}

/** "1988-03-14" → the calendar date as stored (12:00 UTC that day); null when malformed or not a real day. */
export function parseCalendarDate(value: string): Date | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return null;
  const date = new Date(`${value}T12:00:00Z`);
  if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== value) return null;
  return date;
}

/** A stored calendar date → "1988-03-14" (for a date input, or comparing days). */
export function toCalendarDateKey(date: Date | string) {
  return new Date(date).toISOString().slice(0, 10);
}

const numberFormats = new Map<string, Intl.NumberFormat>();
function numberFormat(locale: Locale, options: Intl.NumberFormatOptions = {}) {
  const key = `${locale}|${JSON.stringify(options)}`;
  let f = numberFormats.get(key);
  if (!f) numberFormats.set(key, (f = new Intl.NumberFormat(locale, options)));
  return f;
}

export function formatNumber(value: number, locale: Locale, options?: Intl.NumberFormatOptions) {
  return numberFormat(locale, options).format(value);
}

export function formatYuan(value: number, locale: Locale) {
  return numberFormat(locale, { style: "currency", currency: "CNY", maximumFractionDigits: 0 }).format(value);
}

export function formatPercent(ratio: number, locale: Locale) {
  return numberFormat(locale, { style: "percent", maximumFractionDigits: 1 }).format(ratio);
}

/** "2026-12-01T09:30" (a datetime-local value, Beijing time) → Date; null when malformed. */
export function parseLocalDateTime(value: string): Date | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(value)) return null;
  const date = new Date(`${value}:00+08:00`);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** "2026-12-01" → the instant the Beijing day starts (a bound of a range of instants); null when
 * malformed. Not for calendar dates: those use parseCalendarDate. */
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
