// Every message exists in both languages, none is empty, and every literal key the code
// passes to t("…") is in the catalog. Also: the language a page is rendered in.
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, expect, test } from "vitest";
import { catalogs, en, makeT, zhCN } from "~/i18n";
import { getPage, startServer, type TestServer } from "../helpers/server";

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server.close());

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "styles" ? [] : sourceFiles(full);
    return /\.(tsx?|jsx?)$/.test(entry.name) ? [full] : [];
  });
}

test("both languages have exactly the same keys and no empty message", () => {
  const zhKeys = Object.keys(zhCN).sort();
  const enKeys = Object.keys(en).sort();
  expect(enKeys).toEqual(zhKeys);
  for (const [locale, catalog] of Object.entries(catalogs)) {
    for (const [key, message] of Object.entries(catalog))
      expect(String(message).trim(), `${locale} ${key}`).not.toBe("");
  }
});

test("placeholders match between the languages", () => {
  // "{count, plural, one {…} other {…}}" names the parameter count (its branches are text).
  const plural = /\{(\w+), plural,(?:\s*(?:=\d+|\w+)\s*\{[^{}]*\})+\s*\}/g;
  const names = (s: string) =>
    [...new Set([...s.replace(plural, "{$1}").matchAll(/\{(\w+)\}/g)].map((m) => m[1]))].sort();
  for (const key of Object.keys(zhCN) as (keyof typeof zhCN)[]) expect(names(en[key]), key).toEqual(names(zhCN[key]));
});

test("English counts agree in number; Chinese has one form", () => {
  const tEn = makeT("en");
  const tZh = makeT("zh-CN");
  expect(tEn("activities.seatsLeft", { count: 1 })).toBe("1 seat left");
  expect(tEn("activities.seatsLeft", { count: 3 })).toBe("3 seats left");
  expect(tEn("contests.notify.assigned", { n: 1, contest: "X" })).toBe(
    "1 entry in “X” was assigned to you for judging.",
  );
  expect(tEn("contests.notify.assigned", { n: 21, contest: "X" })).toBe(
    "21 entries in “X” were assigned to you for judging.",
  );
  expect(tZh("activities.seatsLeft", { count: 1 })).toBe("余 1 个名额");
  // No English message says "1 entries": every count-like noun after a number goes through plural rules.
  for (const [key, message] of Object.entries(en)) {
    expect(message, key).not.toMatch(
      /\{(count|n)\} (entries|seats|supporters|organisations|employers|assignments|sessions)\b/,
    );
  }
});

test("every literal key passed to t() in app/ exists in the catalog", () => {
  const missing: string[] = [];
  let found = 0;
  for (const file of sourceFiles(path.resolve("app"))) {
    const source = fs.readFileSync(file, "utf8");
    for (const match of source.matchAll(/\bt\(\s*["']([a-zA-Z][\w.-]*)["']/g)) {
      found++;
      if (!(match[1] in zhCN)) missing.push(`${path.relative(process.cwd(), file)}: ${match[1]}`);
    }
  }
  expect(found).toBeGreaterThan(100);
  expect(missing).toEqual([]);
});

test("<html lang> follows Accept-Language on a first visit, and the language cookie wins over it", async () => {
  const first = await (
    await getPage(server, "/login", { headers: { "Accept-Language": "en-GB,en;q=0.9,zh;q=0.5" } })
  ).text();
  expect(first).toContain('<html lang="en"');
  expect(first).toContain("Log in");
  const zhFirst = await (await getPage(server, "/login", { headers: { "Accept-Language": "zh-TW,zh;q=0.9" } })).text();
  expect(zhFirst).toContain('<html lang="zh-CN"');
  const unknown = await (await getPage(server, "/login", { headers: { "Accept-Language": "fr-FR" } })).text();
  expect(unknown).toContain('<html lang="zh-CN"');
  const cookieWins = await (
    await getPage(server, "/login", { headers: { "Accept-Language": "en-US,en;q=0.9", Cookie: "xg_locale=zh-CN" } })
  ).text();
  expect(cookieWins).toContain('<html lang="zh-CN"');
  expect(cookieWins).toContain("手机号或邮箱");
  const cookieEn = await (
    await getPage(server, "/login", { headers: { "Accept-Language": "zh-CN", Cookie: "xg_locale=en" } })
  ).text();
  expect(cookieEn).toContain('<html lang="en"');
});

test("switching language sets a year-long cookie and returns to the same page", async () => {
  const response = await fetch(`${server.url}/locale`, {
    method: "POST",
    body: new URLSearchParams({ locale: "en", redirectTo: "/register" }),
    headers: { Origin: server.url },
    redirect: "manual",
  });
  expect(response.status).toBe(302);
  expect(response.headers.get("location")).toBe("/register");
  expect(response.headers.get("set-cookie")).toMatch(/xg_locale=en;.*Max-Age=31536000/);
  const bad = await fetch(`${server.url}/locale`, {
    method: "POST",
    body: new URLSearchParams({ locale: "fr" }),
    headers: { Origin: server.url },
    redirect: "manual",
  });
  expect(bad.status).toBe(400);
});
