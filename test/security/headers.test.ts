// Security headers on every answer (helmet): a Content-Security-Policy whose nonce is new on each
// request and carried by every inline script, no framing, nosniff, a strict Referrer-Policy, the
// camera only on the check-in page, HSTS only over HTTPS. And responses are compressed, with the
// long-cache immutable /build assets kept.
import { afterAll, beforeAll, expect, test } from "vitest";
import { getPage, startServer, type TestServer } from "../helpers/server";

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server.close());

function cspOf(response: Response) {
  const csp = response.headers.get("Content-Security-Policy") ?? "";
  return Object.fromEntries(
    csp
      .split(";")
      .map((d) => d.trim().split(/\s+/))
      .map(([name, ...values]) => [name, values]),
  );
}

test("pages carry a CSP whose per-request nonce is on every inline script, and no 'unsafe-inline' for scripts", async () => {
  const first = await getPage(server, "/login");
  const html = await first.text();
  const csp = cspOf(first);
  const nonce = csp["script-src"].find((v: string) => v.startsWith("'nonce-"))?.slice(7, -1);
  expect(nonce).toMatch(/^[A-Za-z0-9+/=]{20,}$/);
  expect(csp["script-src"]).not.toContain("'unsafe-inline'");
  expect(csp["script-src-attr"]).toEqual(["'none'"]);
  expect(csp["frame-ancestors"]).toEqual(["'none'"]);
  expect(csp["object-src"]).toEqual(["'none'"]);
  const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
  expect(scripts.length).toBeGreaterThan(2);
  for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);

  const second = await getPage(server, "/login");
  await second.text();
  expect(cspOf(second)["script-src"]).not.toContain(`'nonce-${nonce}'`);
});

test("pages cannot be framed or sniffed, send a strict referrer, and no HSTS over plain HTTP", async () => {
  for (const path of ["/", "/login", "/no-such-page", "/favicon.ico"]) {
    const response = await getPage(server, path);
    await response.arrayBuffer();
    expect(response.headers.get("X-Frame-Options"), path).toBe("DENY");
    expect(response.headers.get("X-Content-Type-Options"), path).toBe("nosniff");
    expect(response.headers.get("Referrer-Policy"), path).toBe("strict-origin-when-cross-origin");
    expect(response.headers.get("Strict-Transport-Security"), path).toBeNull();
  }
});

test("only the check-in page may use the camera", async () => {
  const checkin = await getPage(server, "/center/activities/some-id/checkin");
  await checkin.text();
  expect(checkin.headers.get("Permissions-Policy")).toContain("camera=(self)");
  for (const path of ["/", "/center/activities/some-id", "/me/profile", "/center/activities/some-id/checkin/extra"]) {
    const response = await getPage(server, path);
    await response.text();
    const policy = response.headers.get("Permissions-Policy") ?? "";
    expect(policy, path).toContain("camera=()");
    expect(policy, path).toContain("microphone=()");
    expect(policy, path).toContain("geolocation=()");
  }
});

test("behind a trusted HTTPS proxy, answers carry HSTS", async () => {
  process.env.TRUST_PROXY = "1";
  const behindProxy = await startServer();
  delete process.env.TRUST_PROXY;
  try {
    const secure = await getPage(behindProxy, "/login", { headers: { "X-Forwarded-Proto": "https" } });
    await secure.text();
    expect(secure.headers.get("Strict-Transport-Security")).toMatch(/max-age=31536000/);
    const plain = await getPage(behindProxy, "/login");
    await plain.text();
    expect(plain.headers.get("Strict-Transport-Security")).toBeNull();
  } finally {
    await behindProxy.close();
  }
});

test("HTML, scripts and styles are compressed with brotli or gzip; /build assets stay immutable", async () => {
  for (const encoding of ["br", "gzip"]) {
    const page = await getPage(server, "/", { headers: { "Accept-Encoding": encoding } });
    const html = await page.text();
    expect(page.headers.get("Content-Encoding"), `page, ${encoding}`).toBe(encoding);
    // Every script and stylesheet the page loads from /build: the larger ones compressed, all immutable.
    const assets = [...html.matchAll(/(?:src|href)="(\/build\/[^"]+\.(?:js|css))"/g)].map((m) => m[1]);
    expect(assets.some((a) => a.endsWith(".css"))).toBe(true);
    let compressed = 0;
    for (const asset of new Set(assets)) {
      const response = await getPage(server, asset, { headers: { "Accept-Encoding": encoding } });
      const text = await response.text();
      expect(response.headers.get("Cache-Control"), asset).toMatch(
        /max-age=31536000.*immutable|immutable.*max-age=31536000/,
      );
      // compression leaves answers under 1 KB as they are.
      if (text.length > 1024) {
        expect(response.headers.get("Content-Encoding"), `${asset}, ${encoding}`).toBe(encoding);
        compressed += 1;
      }
    }
    expect(compressed).toBeGreaterThan(2);
  }
  // A client that asks for nothing gets the plain bytes.
  const plain = await getPage(server, "/", { headers: { "Accept-Encoding": "identity" } });
  await plain.text();
  expect(plain.headers.get("Content-Encoding")).toBeNull();
});
