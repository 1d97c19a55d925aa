// The .ics file of one activity (RFC 5545), written here rather than by a library because the
// rules calendar apps trip over are small and ours to keep: a cancelled activity says
// STATUS:CANCELLED (with a higher SEQUENCE, so a calendar that imported it updates the event),
// DESCRIPTION is plain text (the Markdown rendered, tags dropped), and every line is folded at
// 75 octets without splitting a UTF-8 character (Chinese text is 3 octets a character).
import { renderMarkdown } from "./render.server";

const utc = (d: Date) =>
  d
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d{3}/, "");

/** TEXT values escape backslash, semicolon, comma and newlines. */
const text = (value: string) =>
  value.replace(/\\/g, "\\\\").replace(/;/g, "\\;").replace(/,/g, "\\,").replace(/\r?\n/g, "\\n");

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', "#39": "'", nbsp: " " };

/** The Markdown description as a reader sees it, without markup: block ends become line breaks. */
export function markdownToPlainText(source: string) {
  return renderMarkdown(source)
    .replace(/<br\s*\/?>/g, "\n")
    .replace(/<\/(p|li|h[1-6]|blockquote|pre)>/g, "\n")
    .replace(/<li>/g, "• ")
    .replace(/<[^>]+>/g, "")
    .replace(/&(amp|lt|gt|quot|#39|nbsp);/g, (_, name: string) => ENTITIES[name])
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}

/** Splits a content line into pieces of at most 75 octets; continuation lines start with a space. */
export function foldLine(line: string) {
  const parts: string[] = [];
  let current = "";
  let octets = 0;
  for (const ch of line) {
    const size = Buffer.byteLength(ch);
    const limit = parts.length ? 74 : 75; // a continuation's leading space counts
    if (octets + size > limit) {
      parts.push(current);
      current = "";
      octets = 0;
    }
    current += ch;
    octets += size;
  }
  parts.push(current);
  return parts.join("\r\n ");
}

export function activityIcs(
  a: {
    id: string;
    title: string;
    address: string;
    startsAt: Date;
    endsAt: Date;
    url: string;
    description: string;
    status: string;
    updatedAt: Date;
  },
  now = new Date(),
) {
  const cancelled = a.status === "cancelled";
  const lines = [
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    "PRODID:-//xingguang//activities//ZH",
    "CALSCALE:GREGORIAN",
    "METHOD:PUBLISH",
    "BEGIN:VEVENT",
    `UID:activity-${a.id}@xingguang`,
    `DTSTAMP:${utc(now)}`,
    `LAST-MODIFIED:${utc(a.updatedAt)}`,
    `SEQUENCE:${cancelled ? 1 : 0}`,
    `DTSTART:${utc(a.startsAt)}`,
    `DTEND:${utc(a.endsAt)}`,
    `SUMMARY:${text(a.title)}`,
    `LOCATION:${text(a.address)}`,
    `DESCRIPTION:${text(markdownToPlainText(a.description).slice(0, 1000))}`,
    `URL:${a.url}`,
    `STATUS:${cancelled ? "CANCELLED" : "CONFIRMED"}`,
    "END:VEVENT",
    "END:VCALENDAR",
  ];
  return lines.map(foldLine).join("\r\n") + "\r\n";
}
