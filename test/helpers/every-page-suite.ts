// The every-page sweep for one language, shared by test/browser/every-page.{zh-CN,en}.test.ts (one file per
// language so the two test workers run them side by side): every page loads, fits a 360 px phone, logs no error,
// has its own title and description and no axe violation at 360 and 1280 px (page-sweep.ts); forms after a
// refused submit have no axe violation either (refused-forms.ts).
import { afterAll, beforeAll, expect, test } from "vitest";
import type { Browser } from "playwright-core";
import type { Locale } from "~/i18n";
import { startBrowserAndServer, stopBrowserAndServer } from "./browser";
import { sweepEveryPage } from "./page-sweep";
import { sweepRefusedForms } from "./refused-forms";
import { seededDemo, type SeededDemo } from "./seeded-db";
import type { TestServer } from "./server";

export function everyPageSuite(locale: Locale) {
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
    const problems = await sweepRefusedForms({
      browser,
      baseUrl: server.url,
      locale,
      ids: demo.ids,
      users: demo.users,
    });
    expect(problems.join("\n")).toBe("");
  }, 300_000);
}
