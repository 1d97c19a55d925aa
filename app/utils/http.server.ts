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

/** Only same-site relative paths may be redirected to (no open redirects). */
export function safeRedirectPath(to: FormDataEntryValue | string | null | undefined, fallback = "/") {
  if (!to || typeof to !== "string") return fallback;
  if (!to.startsWith("/") || to.startsWith("//") || to.startsWith("/\\")) return fallback;
  return to;
}
