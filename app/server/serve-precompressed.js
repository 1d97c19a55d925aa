// Serves the build's Zopfli-gzipped twins (written by ./precompress.js at build time) to browsers
// that take gzip; anything without a twin falls through to express.static and compression().
import fs from "node:fs";
import path from "node:path";

const TYPES = { ".js": "text/javascript; charset=utf-8", ".css": "text/css; charset=utf-8" };

/** Express middleware for immutable assets: the .gz twin when the browser takes gzip. */
export function servePrecompressed(assetsDir) {
  const root = path.resolve(assetsDir);
  return (req, res, next) => {
    if (req.method !== "GET" && req.method !== "HEAD") return next();
    if (!/\bgzip\b/.test(req.headers["accept-encoding"] ?? "")) return next();
    const type = TYPES[path.extname(req.path)];
    if (!type) return next();
    const file = path.join(root, decodeURIComponent(req.path));
    if (!file.startsWith(root + path.sep) || !fs.existsSync(`${file}.gz`)) return next();
    res.setHeader("Content-Type", type);
    res.setHeader("Content-Encoding", "gzip");
    res.setHeader("Vary", "Accept-Encoding");
    res.setHeader("Cache-Control", "public, max-age=31536000, immutable");
    res.sendFile(`${file}.gz`);
  };
}
