// Turnaround is promised in working days. We count Monday–Friday in Beijing time and ignore public
// holidays and their make-up working days (调休): the official calendar changes every year, and a
// flag that fires a day or two early during Golden Week is harmless.
import { toLocalDateKey } from "~/utils/time";

export const OVERDUE_WORKING_DAYS = 15;

/** Working days elapsed after `from`'s Beijing day, up to and including `to`'s. */
export function workingDaysBetween(from: Date | string, to: Date | string = new Date()) {
  const start = Date.parse(`${toLocalDateKey(from)}T00:00:00Z`);
  const end = Date.parse(`${toLocalDateKey(to)}T00:00:00Z`);
  let count = 0;
  for (let t = start + 86_400_000; t <= end; t += 86_400_000) {
    const weekday = new Date(t).getUTCDay();
    if (weekday !== 0 && weekday !== 6) count++;
  }
  return count;
}

export function isOverdue(createdAt: Date | string, now: Date | string = new Date()) {
  return workingDaysBetween(createdAt, now) > OVERDUE_WORKING_DAYS;
}
