// Remix's default Node entry, plus the Content-Security-Policy nonce: the server makes one per
// request (app/server/app.js) and every inline script Remix renders must carry it.
import { Transform } from "node:stream";
import type { AppLoadContext, EntryContext, HandleErrorFunction } from "@remix-run/node";
import { createReadableStreamFromReadable } from "@remix-run/node";
import { isRouteErrorResponse, RemixServer } from "@remix-run/react";
import { isbot } from "isbot";
import { renderToPipeableStream } from "react-dom/server";
import { isDatabaseUnavailable } from "~/utils/db-unavailable.server";
import { NonceContext } from "~/utils/nonce";

// Read by app/server/app.js, which has no TypeScript of its own.
export { requestBodyLimit, SMALL_FORM_MAX_BYTES } from "~/utils/body-limits.server";
export { refusalPage } from "~/utils/refusal-page.server";
// For app/server/page-cache.js: whole pages kept for visitors without a session.
export { keepPage, keptPage, pageLifetimeMs, trackPageReads } from "~/utils/shared-cache.server";
export { LOCALE_COOKIE, SESSION_COOKIE } from "~/utils/cookies.server";

/**
 * Every loader/action error passes here. One that says the database cannot be reached is reported
 * to app/server/app.js (through the load context), which answers 503 with a translated page; and it
 * is logged as one line, not a stack per request while the database is away. Otherwise as Remix's
 * default: log, unless the client went away or under tests.
 */
export const handleError: HandleErrorFunction = (error, { request, context }) => {
  if (isDatabaseUnavailable(error)) {
    (context as { onDatabaseUnavailable?: () => void }).onDatabaseUnavailable?.();
    console.error(`database unavailable: ${error instanceof Error ? error.message : String(error)}`);
    return;
  }
  if (process.env.NODE_ENV !== "test" && !request.signal.aborted)
    console.error(isRouteErrorResponse(error) && "error" in error && error.error ? error.error : error);
};

// Remix's default is 5 s; on a busy 2-core server a page that waited its turn for the database
// (a burst of log-ins, each an argon2 hash) could be cut off at 5 s and answered 500. Rendering
// is still bounded, just not tighter than a real user would wait.
const ABORT_DELAY = 30_000;

/**
 * React 18.3's Node renderer sends its whole 2 KB buffer when the next character does not fit,
 * unwritten bytes included: a Chinese character (3 bytes) that lands on the buffer's edge leaves
 * one or two NUL bytes in the page ("不正\0确"). NUL is never valid in HTML, and it is never part
 * of a multi-byte UTF-8 sequence, so dropping every 0x00 byte repairs the text without touching
 * anything else.
 */
function withoutNulBytes() {
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      callback(null, chunk.includes(0) ? chunk.filter((byte) => byte !== 0) : chunk);
    },
  });
}

export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  const nonce = typeof loadContext.cspNonce === "string" ? loadContext.cspNonce : undefined;
  // Crawlers get the whole page at once; browsers get it streamed as soon as the shell is ready.
  const waitForAll = isbot(request.headers.get("user-agent") ?? "") || remixContext.isSpaMode;
  return new Promise<Response>((resolve, reject) => {
    let shellRendered = false;
    // Aborts a render still waiting on data after ABORT_DELAY; cleared as soon as everything has rendered.
    // (Left to run, each timer kept its whole request, response and React tree alive for 30 s: at a few
    // hundred pages a second that was thousands of renders held at once, and the process ran out of memory.)
    let abortRender = () => {};
    const abortTimer = setTimeout(() => abortRender(), ABORT_DELAY);
    const rendered = () => clearTimeout(abortTimer);
    const ready = () => {
      shellRendered = true;
      const body = withoutNulBytes();
      responseHeaders.set("Content-Type", "text/html");
      resolve(
        new Response(createReadableStreamFromReadable(body), { headers: responseHeaders, status: responseStatusCode }),
      );
      pipe(body);
    };
    const { pipe, abort } = renderToPipeableStream(
      <NonceContext.Provider value={nonce}>
        <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} nonce={nonce} />
      </NonceContext.Provider>,
      {
        nonce,
        ...(waitForAll ? {} : { onShellReady: ready }),
        onAllReady() {
          if (waitForAll) ready();
          rendered();
        },
        onShellError(error: unknown) {
          rendered();
          reject(error);
        },
        onError(error: unknown) {
          responseStatusCode = 500;
          // Errors before the shell reject and are logged by Remix; later ones only here.
          if (shellRendered) console.error(error);
        },
      },
    );
    abortRender = abort;
  });
}
