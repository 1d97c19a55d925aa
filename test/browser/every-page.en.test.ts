// Every page in English: loads, fits a 360 px phone, logs no error, no axe violation at 360 and 1280 px, its own
// title and description (test/helpers/page-sweep.ts); and forms after a refused submit have no axe violation
// (test/helpers/refused-forms.ts). Chinese is in every-page.zh-CN.test.ts.
import { afterAll, beforeAll, expect, test } from "vitest";
import type { Browser } from "playwright-core";
import { seededDemo, type SeededDemo } from "../helpers/seeded-db";
import type { TestServer } from "../helpers/server";
import { startBrowserAndServer, stopBrowserAndServer } from "../helpers/browser";
import { sweepEveryPage } from "../helpers/page-sweep";
import { sweepRefusedForms } from "../helpers/refused-forms";

const locale = "en";
let server: TestServer;
let browser: Browser;
let demo: SeededDemo;
beforeAll(async () => {
  demo = await seededDemo();
  ({ server, browser } = await startBrowserAndServer());
});
afterAll(() => stopBrowserAndServer({ server, browser }));

test(`every page loads, fits a 360 px phone, logs no error, has its own title and no axe violation — ${locale}`, async () => {
  const problems = await sweepEveryPage({ browser, baseUrl: server.url, locale, ids: demo.ids, users: demo.users });
  expect(problems.join("\n")).toBe("");
}, 600_000);

test(`forms after a refused submit have no axe violation at either width — ${locale}`, async () => {
  const problems = await sweepRefusedForms({ browser, baseUrl: server.url, locale, ids: demo.ids, users: demo.users });
  expect(problems.join("\n")).toBe("");
}, 300_000);
