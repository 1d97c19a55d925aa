// Issue #12 items 10–11: dates as each language writes them, calendar dates that do not drift, and
// formatters built once and reused (a page of 200 rows used to build 200 Intl.DateTimeFormat objects).
import { expect, test } from "vitest";
import {
  formatCalendarDate,
  formatCalendarDateRange,
  formatDate,
  formatDateRange,
  formatDateTime,
  parseCalendarDate,
  toCalendarDateKey,
  toLocalDateKey,
} from "~/utils/time";

test("English reads 12 Dec 2026 and Chinese 2026年12月12日, ranges included", () => {
  const at = new Date("2026-12-12T01:30:00Z"); // 09:30 in Beijing
  expect(formatDate(at, "en")).toBe("12 Dec 2026");
  expect(formatDate(at, "zh-CN")).toBe("2026年12月12日");
  expect(formatDateTime(at, "en")).toBe("12 Dec 2026, 09:30");
  expect(formatDateTime(at, "zh-CN")).toBe("2026年12月12日 09:30");
  const end = new Date("2026-12-14T03:00:00Z");
  expect(formatDateRange(at, end, "en")).toMatch(/^12\s?–\s?14 Dec 2026$/);
  expect(formatDateRange(at, end, "zh-CN")).toBe("2026年12月12日至14日");
  expect(formatCalendarDateRange("2026-11-01", "2026-12-02", "zh-CN")).toBe("2026年11月1日至12月2日");
  expect(formatCalendarDateRange("2025-11-01", "2026-12-02", "zh-CN")).toBe("2025年11月1日至2026年12月2日");
});

test("a calendar date reads back as the same day however it is read, and round-trips unchanged", () => {
  let key = "1988-03-14";
  for (let i = 0; i < 5; i++) {
    const stored = parseCalendarDate(key)!;
    expect(toLocalDateKey(stored)).toBe("1988-03-14"); // read as a Beijing day
    expect(formatCalendarDate(stored, "zh-CN")).toBe("1988年3月14日");
    expect(formatDate(stored, "en")).toBe("14 Mar 1988");
    key = toCalendarDateKey(stored);
  }
  expect(key).toBe("1988-03-14");
  expect(parseCalendarDate("1988-02-30")).toBeNull();
});

test("formatting many dates builds each formatter once", () => {
  const Original = Intl.DateTimeFormat;
  let built = 0;
  Intl.DateTimeFormat = new Proxy(Original, {
    construct(target, args: ConstructorParameters<typeof Intl.DateTimeFormat>) {
      built++;
      return new target(...args);
    },
  });
  try {
    for (let day = 1; day <= 200; day++) {
      formatDate(new Date(Date.UTC(2027, 0, day)), "en");
      formatDateTime(new Date(Date.UTC(2027, 0, day)), "zh-CN");
    }
  } finally {
    Intl.DateTimeFormat = Original;
  }
  expect(built).toBeLessThanOrEqual(2);
});
