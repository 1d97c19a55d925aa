// Expected failures are thrown as responses and rendered by the shared error boundary.
export function invariantResponse(condition: unknown, message: string, init?: ResponseInit): asserts condition {
  if (!condition) throw new Response(message, { status: 404, ...init });
}

export function notFound(message = "Not found"): never {
  throw new Response(message, { status: 404 });
}

export function forbidden(message = "Forbidden"): never {
  throw new Response(message, { status: 403 });
}

export function badRequest(message = "Bad request"): never {
  throw new Response(message, { status: 400 });
}

const BASE = "http://same-origin.invalid";
// Control characters (browsers drop tabs and newlines inside URLs, so "/\t/evil" becomes "//evil"),
// a second slash or a backslash right after the first ("//host", "/\\host" are other hosts), or a
// backslash anywhere in the path (browsers read it as "/").
const UNSAFE = /[\x00-\x1f\x7f]|^\/[/\\]|^[^?#]*\\/;

/**
 * The one way to turn a redirect target taken from input (redirectTo and the like) into a
 * Location: a path on this site, or `fallback`. The value is judged as sent and after undoing
 * percent-escapes (so "%2F%2Fevil" and "%5C" count too), then normalised by the URL parser,
 * which also percent-encodes non-ASCII so the header is always valid.
 */
export function safeRedirectPath(to: FormDataEntryValue | string | null | undefined, fallback = "/") {
  if (!to || typeof to !== "string" || to.length > 2000) return fallback;
  let current = to;
  for (let round = 0; round < 4; round++) {
    if (!current.startsWith("/") || UNSAFE.test(current)) return fallback;
    let next: string;
    try {
      next = decodeURIComponent(current);
    } catch {
      break; // a literal "%": nothing more to undo
    }
    if (next === current) break;
    current = next;
  }
  if (!current.startsWith("/") || UNSAFE.test(current)) return fallback;
  // Dot segments are resolved by the parser ("/..//evil" → "//evil"): judge the result too, both
  // as sent and decoded.
  const [url, decodedUrl] = [to, current].map((value) => new URL(value, BASE));
  const path = url.pathname + url.search + url.hash;
  const staysHere = [url, decodedUrl].every((u) => u.origin === BASE && !UNSAFE.test(u.pathname));
  return staysHere ? path : fallback;
}
