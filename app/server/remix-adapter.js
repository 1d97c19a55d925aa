// Remix's Express adapter (@remix-run/express), written out because its two helpers are not
// exported and the request body must be the one app/server/body.js checked, not the raw stream.
import { writeReadableStreamToWritable } from "@remix-run/node";

/**
 * The Fetch API request Remix handles, with the body app/server/body.js left in res.locals.body.
 */
export function remixRequest(req, res) {
  // req.hostname follows the `trust proxy` setting; the port comes from the Host header used.
  const port = (req.get("X-Forwarded-Host") ?? req.get("Host") ?? "").split(":")[1];
  const url = new URL(`${req.protocol}://${req.hostname}${port ? `:${port}` : ""}${req.originalUrl}`);
  const headers = new Headers();
  for (const [key, values] of Object.entries(req.headers))
    for (const value of Array.isArray(values) ? values : [values]) if (value) headers.append(key, value);
  // Loaders and actions are aborted when the client goes away before the answer is complete.
  const controller = new AbortController();
  res.on("close", () => {
    if (!res.writableFinished) controller.abort();
  });
  const body = res.locals.body;
  return new Request(url, {
    method: req.method,
    headers,
    signal: controller.signal,
    ...(body === undefined ? {} : { body, duplex: "half" }),
  });
}

/** Writes Remix's answer to the Express response. */
export async function sendRemixResponse(res, response) {
  res.statusMessage = response.statusText;
  res.status(response.status);
  for (const [key, value] of response.headers.entries()) res.append(key, value);
  if (response.body) await writeReadableStreamToWritable(response.body, res);
  else res.end();
}
