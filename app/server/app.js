// The HTTP server: Express in front of the Remix request handler.
// Express (rather than remix-serve) is here for one reason: a single place that rejects
// cross-site mutating requests (CSRF) before any Remix action runs.
import path from "node:path";
import express from "express";
import { createRequestHandler } from "@remix-run/express";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/** True when a mutating request comes from another site (Lucia's origin check). */
export function isForgedOrigin(req) {
  if (SAFE_METHODS.has(req.method)) return false;
  const host = req.headers["x-forwarded-host"] && process.env.TRUST_PROXY ? req.headers["x-forwarded-host"] : req.headers.host;
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
  if (process.env.TRUST_PROXY) app.set("trust proxy", true);

  app.use("/build", express.static(path.resolve(buildDir, "assets"), { immutable: true, maxAge: "1y" }));
  app.use(express.static("public", { maxAge: "1h" }));

  app.use((req, res, next) => {
    // A route may answer before reading the body (a redirect to log in, say). Remix's body
    // stream has paused the request by then, so the rest would stay unread and the browser would
    // wait for the keep-alive timeout before seeing the answer: discard the rest instead.
    res.on("finish", () => {
      if (req.complete) return;
      req.removeAllListeners("data");
      req.resume();
    });
    if (isForgedOrigin(req)) {
      // Hand the request to a Remix route that answers 403 in the user's language.
      const isData = req.path.endsWith(".data");
      req.method = "GET";
      req.url = req.originalUrl = isData ? "/forbidden.data?reason=origin" : "/forbidden?reason=origin";
      delete req.headers["content-type"];
    }
    next();
  });

  app.all(
    "*",
    createRequestHandler({
      build,
      mode: process.env.NODE_ENV,
      getLoadContext: (req) => ({ clientIp: req.ip ?? req.socket.remoteAddress ?? "unknown" }),
    }),
  );
  return app;
}
