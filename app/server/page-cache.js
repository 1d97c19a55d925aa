// Whole pages for visitors without a session, kept for a few seconds: on a busy day most page
// views are anonymous lists (/, /activities, /contests) that are the same for every such visitor,
// and rendering them is most of a page's cost (issue #13 item 6). When a page may be kept, and
// when a kept page is dropped (a write to a table it was read from, or PUBLIC_CACHE_MS), is
// decided in app/utils/shared-cache.server.ts; this is the HTTP side: which requests may be
// answered from the cache, which answers may be kept, and how a kept page is sent.
//
// A kept page is sent byte for byte as it was kept, compressed once (gzip and brotli): so its
// inline scripts cannot carry a new nonce per answer. Instead its Content-Security-Policy allows
// exactly those scripts by their SHA-256 hashes (CSP Level 2 hash sources) in place of the nonce
// — no weaker: an injected script matches no hash, and the old nonce in the markup is allowed by
// nothing.

import crypto from "node:crypto";
import zlib from "node:zlib";
import { parse } from "cookie";

// Documents, and the single-fetch data of client-side navigations.
const KEPT_TYPES = /^(text\/html|text\/x-script)\b/i;
// An inline script's text runs to the first "</script" (React escapes that sequence inside JSON).
const SCRIPT = /<script\b([^>]*)>([\s\S]*?)<\/script/gi;
const ENCODINGS = ["br", "gzip"];

/** The Content-Security-Policy of `html`: this response's nonce replaced by its inline scripts' hashes. */
function policyWithHashes(policy, nonce, html) {
  const hashes = new Set();
  for (const [, attributes, text] of html.matchAll(SCRIPT)) {
    if (/\ssrc\s*=/i.test(attributes)) continue;
    hashes.add(`'sha256-${crypto.createHash("sha256").update(text, "utf8").digest("base64")}'`);
  }
  return policy.replace(`'nonce-${nonce}'`, [...hashes].join(" "));
}

/** Status and Remix's headers on the Express response, and whether it came from the cache. */
function writeHead(res, status, headers, cacheState) {
  res.status(status);
  for (const [name, value] of headers) res.append(name, value);
  res.setHeader("X-Page-Cache", cacheState);
}

/**
 * @param {{ trackPageReads: Function, keptPage: Function, keepPage: Function, pageLifetimeMs: () => number, SESSION_COOKIE: string, LOCALE_COOKIE: string }} cache
 *   the functions of shared-cache.server.ts, from the server build (app/entry.server.tsx)
 */
export function createPageCache(cache) {
  /** The key of a request a kept page may answer: GET, no session; everything the page depends on. */
  function keyOf(req) {
    if (req.method !== "GET") return null;
    let cookies;
    try {
      cookies = parse(req.headers.cookie ?? "");
    } catch {
      return null;
    }
    if (cookies[cache.SESSION_COOKIE] !== undefined) return null;
    // The language: the cookie, else Accept-Language (app/utils/i18n.server.ts).
    const language = [cookies[cache.LOCALE_COOKIE] ?? "", req.headers["accept-language"] ?? ""];
    return [req.protocol, req.headers.host ?? "", req.originalUrl, ...language].join("\n");
  }

  /** A kept page as this response, in the best encoding the client takes (no recompression). */
  function send(req, res, page) {
    writeHead(res, page.status, page.headers, "hit");
    res.setHeader("Content-Security-Policy", page.policy);
    res.setHeader("Vary", "Accept-Encoding");
    const encoding = req.acceptsEncodings(ENCODINGS);
    const body = encoding ? page.encoded[encoding] : page.body;
    if (encoding) res.setHeader("Content-Encoding", encoding); // the compression middleware leaves it alone
    res.setHeader("Content-Length", body.length);
    res.end(body);
  }

  /** Whether Remix's answer is of a kind that may be kept (the reads decide the rest). */
  function mayKeep(response) {
    const cacheControl = response.headers.get("cache-control") ?? "";
    return (
      response.status === 200 &&
      !response.headers.has("set-cookie") &&
      KEPT_TYPES.test(response.headers.get("content-type") ?? "") &&
      !/no-store|private/i.test(cacheControl)
    );
  }

  // Renders under way, by key: when a kept page expires under load, the visitors who arrive
  // meanwhile wait for the one render rather than each rendering the same page. Keys whose last
  // render could not be kept (a view counted, a signed-out visitor's flash) are not waited for, until
  // the time a kept page would have lived has passed.
  const rendering = new Map();
  const notKept = new Map();
  const MAX_NOT_KEPT = 1000;
  const waitsFor = (key) => rendering.has(key) && !((notKept.get(key) ?? 0) > Date.now());
  function rememberNotKept(key) {
    if (notKept.size >= MAX_NOT_KEPT) notKept.clear();
    notKept.set(key, Date.now() + cache.pageLifetimeMs());
  }

  /**
   * Answers `req` from a kept page, or renders it with `render()` (which returns Remix's Response)
   * and keeps the result when it may; returns the Response still to be sent, or null when sent.
   */
  async function answer(req, res, render) {
    const key = cache.pageLifetimeMs() > 0 ? keyOf(req) : null;
    if (!key) return render();
    let kept = cache.keptPage(key);
    if (!kept && waitsFor(key)) {
      await rendering.get(key);
      kept = cache.keptPage(key);
    }
    if (kept) {
      send(req, res, kept);
      return null;
    }
    let rendered;
    const mine = new Promise((resolve) => (rendered = resolve));
    if (!rendering.has(key)) rendering.set(key, mine);
    try {
      const { result, reads } = cache.trackPageReads(render);
      const response = await result;
      if (!mayKeep(response)) {
        rememberNotKept(key);
        return response;
      }
      const text = await response.text();
      const headers = [...response.headers.entries()];
      writeHead(res, response.status, headers, "miss");
      res.end(text);

      const body = Buffer.from(text);
      const policy = String(res.getHeader("Content-Security-Policy") ?? "");
      const isKept = cache.keepPage(key, reads, {
        status: response.status,
        headers,
        body,
        policy: policyWithHashes(policy, res.locals.cspNonce, text),
        encoded: {
          gzip: zlib.gzipSync(body),
          br: zlib.brotliCompressSync(body, {
            params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 9, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: body.length },
          }),
        },
      });
      if (isKept) notKept.delete(key);
      else rememberNotKept(key);
      return null;
    } finally {
      if (rendering.get(key) === mine) rendering.delete(key);
      rendered();
    }
  }

  return { answer };
}
