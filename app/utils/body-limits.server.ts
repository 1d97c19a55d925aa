// How large a request body may be, decided from the URL before a byte of it is read
// (app/server/app.js enforces it while the body streams in, and answers 413 past it).
import { UPLOAD_RULES, type UploadPurpose } from "./upload.server";

/**
 * Every form without files. The longest text a small form takes is a 5,000-character contest
 * description; sent url-encoded, a character costs up to 12 bytes (an emoji, percent-encoded),
 * so 60 KB, plus the other fields.
 */
export const SMALL_FORM_MAX_BYTES = 96 * 1024;

/** Routes whose action reads files with parseUploadForm, and the purpose whose rule caps them. */
const UPLOAD_ROUTES: [RegExp, UploadPurpose | ((url: URL) => UploadPurpose)][] = [
  // <UploadField>'s per-file endpoint names its purpose in the query; the largest cap otherwise.
  [/^\/files\/upload$/, (url) => purposeNamed(url.searchParams.get("purpose")) ?? largestPurpose()],
  [/^\/contests\/[^/]+\/enter$/, "entry_attachment"],
  [/^\/center\/activities\/[^/]+$/, "activity_cover"],
  [/^\/assessment\/submissions\/[^/]+$/, "assessment_evidence"],
];

const purposeNamed = (name: string | null) =>
  name && Object.hasOwn(UPLOAD_RULES, name) ? (name as UploadPurpose) : null;
const largestPurpose = () =>
  (Object.keys(UPLOAD_RULES) as UploadPurpose[]).reduce((a, b) => (uploadBodyLimit(b) > uploadBodyLimit(a) ? b : a));

/** The most a multipart body for `purpose` may carry: every allowed file at its cap, plus the form's fields. */
export function uploadBodyLimit(purpose: UploadPurpose) {
  const rule = UPLOAD_RULES[purpose];
  return rule.maxBytes * rule.maxFiles + SMALL_FORM_MAX_BYTES;
}

/** The body cap for a request to `url` (a single-fetch `.data` URL counts as its page). */
export function requestBodyLimit(url: URL) {
  const pathname = url.pathname.replace(/\.data$/, "").replace(/\/+$/, "");
  for (const [pattern, purpose] of UPLOAD_ROUTES) {
    if (pattern.test(pathname)) return uploadBodyLimit(typeof purpose === "function" ? purpose(url) : purpose);
  }
  return SMALL_FORM_MAX_BYTES;
}
