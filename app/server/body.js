// Request bodies are checked here, before Remix sees them, so that no action has to:
// - only what our forms send is accepted (url-encoded or multipart), anything else is a 415;
// - every body is capped while it streams in (the cap comes from the URL: a few tens of KB for
//   forms, the upload rules for upload routes); past it the server answers 413 and reads no more;
// - a form body (small) is read whole here, so a truncated multipart one is a 400, not a 500;
// - Remix v1 `?_data=` requests (this app uses single fetch) are a 400, not a logged error;
// - a NUL character in the URL or in a form's text is a 400: PostgreSQL refuses it in text (a 500
//   deep in some query otherwise), and no link or form of ours sends one; so is a path with a
//   malformed percent-encoding (%C3%28), which the router cannot decode.
// Refused requests get a translated page (app/utils/refusal-page.server.ts).
import { Transform } from "node:stream";
import { createReadableStreamFromReadable } from "@remix-run/node";

const BODY_METHODS = new Set(["POST", "PUT", "PATCH", "DELETE"]);
const FORM_TYPE = /^application\/x-www-form-urlencoded\s*(;|$)/i;
const MULTIPART_TYPE = /^multipart\/form-data\s*(;|$)/i;
/** A NUL character, raw or percent-encoded (decoded, "%2500" is the text "%00": not matched). */
const NUL = /\0|%00/;

/**
 * Answers `status` with a translated page; the connection is closed once it is sent. A single-fetch
 * (`.data`) request is handed to the /problem route instead, which answers in Remix's format.
 */
function refuse(req, res, next, status, refusalPage) {
  closeAfterAnswer(res);
  if (!req.path.endsWith(".data")) return res.status(status).type("html").send(refusalPage(status, req.headers));
  req.method = "GET";
  req.url = req.originalUrl = `/problem.data?status=${status}`;
  delete req.headers["content-type"];
  delete req.headers["content-length"];
  next();
}

/** Whatever is left of the body will not be read: the connection is closed after the answer (app.js). */
export function closeAfterAnswer(res) {
  res.locals.discardBody = true;
  res.setHeader("Connection", "close");
}

/** Reads a body of at most `limit` bytes; null (and reading stops) when it is longer. */
function readCapped(req, limit) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    let size = 0;
    const onData = (chunk) => {
      size += chunk.length;
      if (size <= limit) return chunks.push(chunk);
      req.pause();
      req.off("data", onData);
      resolve(null);
    };
    req.on("data", onData);
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

/** A pass-through that fails the body once it is longer than `limit` (chunked uploads have no length). */
function capStream(req, limit) {
  let size = 0;
  const counter = new Transform({
    transform(chunk, _encoding, callback) {
      size += chunk.length;
      if (size <= limit) return callback(null, chunk);
      req.unpipe(counter);
      req.pause();
      callback(Object.assign(new Error("request body too large"), { status: 413 }));
    },
  });
  return req.pipe(counter);
}

/**
 * Express middleware. `bodyLimit(url)` is the cap for a URL (app/utils/body-limits.server.ts) and
 * `refusalPage(status, headers)` the page for a refusal (app/utils/refusal-page.server.ts), both
 * exported by the Remix build. Leaves the body Remix should read in res.locals.body.
 */
export function checkBodies({ bodyLimit, smallLimit, refusalPage }) {
  return async (req, res, next) => {
    const refuseWith = (status) => refuse(req, res, next, status, refusalPage);
    const url = new URL(req.originalUrl, "http://localhost");
    if (url.searchParams.has("_data") || NUL.test(req.originalUrl) || !isDecodablePath(req.path))
      return refuseWith(400);
    if (!BODY_METHODS.has(req.method)) return next();
    const type = req.headers["content-type"] ?? "";
    const limit = bodyLimit(url);
    if (Number(req.headers["content-length"]) > limit) return refuseWith(413);
    if (!FORM_TYPE.test(type) && !MULTIPART_TYPE.test(type)) return refuseWith(415);
    if (MULTIPART_TYPE.test(type) && !/;\s*boundary=/i.test(type)) return refuseWith(400);
    if (limit > smallLimit) {
      // An upload is streamed to the action, which may answer before reading it all (too many
      // files, not signed in): the rest, up to the cap, is then not worth reading.
      closeAfterAnswer(res);
      res.locals.body = createReadableStreamFromReadable(capStream(req, limit));
      return next();
    }
    let body;
    try {
      body = await readCapped(req, limit);
    } catch {
      return req.socket.destroy(); // the client went away mid-body: nobody to answer
    }
    if (body === null) return refuseWith(413);
    if (MULTIPART_TYPE.test(type) ? !(await isReadableMultipart(body, type)) : NUL.test(body.toString("latin1")))
      return refuseWith(400);
    res.locals.body = body;
    next();
  };
}

/** False for a path with a malformed percent-encoding (Express's router would throw a URIError on it). */
function isDecodablePath(path) {
  try {
    decodeURIComponent(path);
    return true;
  } catch {
    return false;
  }
}

/** A multipart form that parses, with no NUL in its text fields (files may hold any bytes). */
async function isReadableMultipart(body, type) {
  try {
    const form = await new Response(body, { headers: { "Content-Type": type } }).formData();
    for (const value of form.values()) if (typeof value === "string" && value.includes("\0")) return false;
    return true;
  } catch {
    return false;
  }
}
