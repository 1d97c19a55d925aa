// The HTTP server: Express in front of the Remix request handler.
// Express (rather than remix-serve) is the one place that, before any Remix action runs, rejects
// cross-site mutating requests (CSRF) and checks request bodies (app/server/body.js); it also sets
// the security headers (app/server/headers.js) and compresses responses.
import path from "node:path";
import compression from "compression";
import express from "express";
import { createRequestHandler } from "@remix-run/node";
import { checkBodies, closeAfterAnswer } from "./body.js";
import { createPageCache } from "./page-cache.js";
import { rememberRouteMatches } from "./route-matching.js";
import { servePrecompressed } from "./serve-precompressed.js";
import { securityHeaders } from "./headers.js";
import { remixRequest, sendRemixResponse } from "./remix-adapter.js";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/** True when a mutating request comes from another site (Lucia's origin check). */
export function isForgedOrigin(req) {
  if (SAFE_METHODS.has(req.method)) return false;
  const host =
    req.headers["x-forwarded-host"] && process.env.TRUST_PROXY ? req.headers["x-forwarded-host"] : req.headers.host;
  const origin = req.headers.origin ?? req.headers.referer;
  if (!origin || !host) return true;
  try {
    return new URL(origin).host !== host;
  } catch {
    return true;
  }
}

/**
 * @param {{ buildDir?: string }} [options]
 */
export async function createApp({ buildDir = process.env.XG_BUILD_DIR ?? "build" } = {}) {
  const buildPath = path.resolve(buildDir, "index.js");
  const build = await import(buildPath);
  const app = express();
  app.disable("x-powered-by");
  // TRUST_PROXY (unset: no proxy; the socket's address is the client): the number of reverse proxies
  // in front ("1" for one nginx; "true" is read as 1), or a comma-separated list of the proxies'
  // addresses/CIDRs ("127.0.0.1,10.0.0.0/8"; Express's names loopback/linklocal/uniquelocal too).
  // The client address is then the right-most X-Forwarded-For entry not added by a trusted hop, so a
  // forged header cannot rotate it. Never `true` (trust every hop: the client-written left-most entry).
  const trustProxy = process.env.TRUST_PROXY?.trim();
  if (trustProxy)
    app.set("trust proxy", /^\d+$/.test(trustProxy) ? Number(trustProxy) : trustProxy === "true" ? 1 : trustProxy);

  // gzip or brotli (whichever the browser prefers) for every compressible type: HTML, JS, CSS,
  // JSON, CSV, single-fetch data. Small answers (under 1 KB) are sent as they are.
  app.use(compression());
  app.use(securityHeaders);
  app.use("/build", servePrecompressed(path.resolve(buildDir, "assets")));
  app.use("/build", express.static(path.resolve(buildDir, "assets"), { immutable: true, maxAge: "1y" }));
  app.use(express.static("public", { maxAge: "1h" }));

  app.use((req, res, next) => {
    // A route may answer before reading the body (a redirect to log in, say). Remix's body
    // stream has paused the request by then, so the rest would stay unread and the browser would
    // wait for the keep-alive timeout before seeing the answer: discard the rest instead.
    // A refused body (too large, say) or the rest of an upload is not read: the connection is
    // closed instead (app/server/body.js).
    res.on("finish", () => {
      if (req.complete) return;
      if (res.locals.discardBody) return req.socket.destroy();
      req.removeAllListeners("data");
      req.resume();
    });
    if (isForgedOrigin(req)) {
      // Hand the request to a Remix route that answers 403 in the user's language.
      const isData = req.path.endsWith(".data");
      req.method = "GET";
      req.url = req.originalUrl = isData ? "/forbidden.data?reason=origin" : "/forbidden?reason=origin";
      delete req.headers["content-type"];
      closeAfterAnswer(res); // its body is never read
    }
    next();
  });

  const { requestBodyLimit, SMALL_FORM_MAX_BYTES, refusalPage } = build.entry.module;
  app.use(checkBodies({ bodyLimit: requestBodyLimit, smallLimit: SMALL_FORM_MAX_BYTES, refusalPage }));

  // Remix, with the request body checked above (app/server/body.js).
  rememberRouteMatches();
  const handleRequest = createRequestHandler(build, process.env.NODE_ENV);
  const pages = createPageCache(build.entry.module);
  app.all("*", async (req, res, next) => {
    try {
      const loadContext = {
        clientIp: req.ip ?? req.socket.remoteAddress ?? "unknown",
        cspNonce: res.locals.cspNonce,
        // Called by entry.server.tsx's handleError when a loader or action could not reach the database.
        onDatabaseUnavailable: () => (res.locals.databaseUnavailable = true),
      };
      // A visitor without a session may get a page kept from a moment ago (app/server/page-cache.js).
      const response = await pages.answer(req, res, () => handleRequest(remixRequest(req, res), loadContext));
      if (!response) return;
      if (res.locals.databaseUnavailable && response.status >= 500) {
        // A clear, translated page instead of the generic error (PostgreSQL stopped or restarting):
        // 503 tells browsers and proxies it is temporary. Client-side navigations (.data) keep Remix's
        // answer, which their error boundary shows, with the same status.
        res.set({ "Retry-After": "5", "Cache-Control": "no-store" });
        if (!req.path.endsWith(".data")) {
          await response.body?.cancel();
          res.status(503).type("html").send(refusalPage(503, req.headers));
          return;
        }
        await sendRemixResponse(res, new Response(response.body, { status: 503, headers: response.headers }));
        return;
      }
      await sendRemixResponse(res, response);
    } catch (error) {
      next(error);
    }
  });
  return app;
}
