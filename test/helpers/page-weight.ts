// What a page costs a phone: the JavaScript its HTML references (module scripts, modulepreloads
// and the imports of its inline module script) and its stylesheets, in the bytes the server sends
// gzipped — used by the page-weight test and `npm run bench -- page-weight`.
import http from "node:http";

export type PageWeight = { path: string; js: number; css: number; jsFiles: string[] };

/** The bytes the server sends for `url` with Accept-Encoding: gzip (what goes over the wire). */
export function wireBytes(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers: { "Accept-Encoding": "gzip" } }, (res) => {
        if (res.statusCode !== 200) reject(new Error(`${url}: ${res.statusCode}`));
        let n = 0;
        res.on("data", (chunk: Buffer) => (n += chunk.length));
        res.on("end", () => resolve(n));
      })
      .on("error", reject);
  });
}

/** The JS and CSS URLs an HTML page loads before it is interactive. */
export function referencedAssets(html: string) {
  const js = new Set<string>();
  const css = new Set<string>();
  for (const m of html.matchAll(/<link\b[^>]*>/g)) {
    const tag = m[0];
    const href = /\bhref="([^"]+)"/.exec(tag)?.[1];
    if (!href) continue;
    if (/\brel="modulepreload"/.test(tag)) js.add(href);
    if (/\brel="stylesheet"/.test(tag)) css.add(href);
  }
  for (const m of html.matchAll(/<script\b[^>]*\bsrc="([^"]+)"/g)) js.add(m[1]);
  // Remix's inline module script imports the manifest, the entry and the matched routes.
  for (const m of html.matchAll(/<script\b[^>]*type="module"[^>]*>([\s\S]*?)<\/script>/g))
    for (const i of m[1].matchAll(/import(?:[^"']*from)?\s*["']([^"']+\.js)["']/g)) js.add(i[1]);
  return { js: [...js], css: [...css] };
}

export async function pageWeight(base: string, path: string, cookie?: string): Promise<PageWeight> {
  const response = await fetch(base + path, { headers: cookie ? { Cookie: cookie } : {} });
  if (response.status !== 200) throw new Error(`${path}: ${response.status}`);
  const assets = referencedAssets(await response.text());
  const size = async (list: string[]) =>
    (await Promise.all(list.map((u) => wireBytes(new URL(u, base).href)))).reduce((a, b) => a + b, 0);
  return { path, js: await size(assets.js), css: await size(assets.css), jsFiles: assets.js };
}
