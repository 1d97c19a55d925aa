// The real HTTP server (Express + the built Remix app) on an ephemeral port, sharing this test
// file's database. Requires `npm run build` first (npm test does it).
import type { AddressInfo } from "node:net";
import type { Server } from "node:http";
import { createApp } from "../../app/server/app.js";
import { createSession, SESSION_COOKIE } from "~/utils/session.server";

export type TestServer = { url: string; close: () => Promise<void> };

export async function startServer(): Promise<TestServer> {
  const app = await createApp();
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, "127.0.0.1", () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    // Also ends connections still busy: a response whose body a test never read keeps its socket open, and
    // close() alone then waited ~3 s for it at the end of each such file.
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** A session cookie for a user, made the way log-in makes it. */
export async function sessionCookieFor(userId: string) {
  const { token } = await createSession(userId);
  return `${SESSION_COOKIE}=${token}`;
}

type PostOptions = { cookie?: string; origin?: string | null; headers?: Record<string, string> };

/** POSTs a form like a browser on our own site would (Origin set), without following redirects. */
export async function postForm(
  server: TestServer,
  path: string,
  fields: Record<string, string | string[]> | FormData,
  options: PostOptions = {},
) {
  let body: URLSearchParams | FormData;
  if (fields instanceof FormData) body = fields;
  else {
    body = new URLSearchParams();
    for (const [k, v] of Object.entries(fields)) for (const one of Array.isArray(v) ? v : [v]) body.append(k, one);
  }
  const headers: Record<string, string> = { ...options.headers };
  if (options.origin !== null) headers.Origin = options.origin ?? server.url;
  if (options.cookie) headers.Cookie = options.cookie;
  return fetch(server.url + path, { method: "POST", body, headers, redirect: "manual" });
}

export async function getPage(
  server: TestServer,
  path: string,
  options: { cookie?: string; headers?: Record<string, string> } = {},
) {
  const headers: Record<string, string> = { ...options.headers };
  if (options.cookie) headers.Cookie = options.cookie;
  return fetch(server.url + path, { headers, redirect: "manual" });
}
