// Real Chromium (Debian's /usr/bin/chromium, driven by playwright-core) against the real server.
import fs from "node:fs";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { expect } from "vitest";
import { createSession, SESSION_COOKIE } from "~/utils/session.server";
import { startServer, type TestServer } from "./server";

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
export const hasChromium = fs.existsSync(CHROMIUM_PATH);

/**
 * A browser test file's real server and Chromium (in beforeAll); a clear message when Chromium is
 * missing. `args` adds Chromium flags (e.g. a fake camera) to the usual ones.
 */
export async function startBrowserAndServer(
  options: { args?: string[] } = {},
): Promise<{ server: TestServer; browser: Browser }> {
  if (!hasChromium) throw new Error(`Chromium not found at ${CHROMIUM_PATH} (apt-get install chromium)`);
  const server = await startServer();
  return { server, browser: await launchBrowser(options.args) };
}

/** Closes what startBrowserAndServer opened (in afterAll), also after a failed start. */
export async function stopBrowserAndServer({ server, browser }: { server?: TestServer; browser?: Browser }) {
  await browser?.close();
  await server?.close();
}

export async function launchBrowser(extraArgs: string[] = []): Promise<Browser> {
  // playwright's launch() makes its own fresh profile directory (it refuses --user-data-dir).
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      ...extraArgs,
    ],
  });
}

/**
 * A page that fails the test on any console error, uncaught exception or Content-Security-Policy
 * violation (checked by `assertNoConsoleErrors`). Phone-sized by default: 360 × 740.
 */
export async function newPage(
  browser: Browser,
  options: { width?: number; locale?: string; javaScript?: boolean } = {},
) {
  const context = await browser.newContext({
    viewport: { width: options.width ?? 360, height: 740 },
    locale: options.locale ?? "zh-CN",
    javaScriptEnabled: options.javaScript ?? true,
  });
  // A Content-Security-Policy violation becomes a console error too (Chromium logs most, not all):
  // init scripts run outside the page's CSP.
  await context.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) =>
      console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI}`),
    );
  });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("console", (msg) => {
    if (msg.type() === "error") errors.push(msg.text());
  });
  page.on("pageerror", (err) => errors.push(err.message));
  return { context, page, errors };
}

/** Logs a user in by creating a session row and setting the cookie (no form round-trip). */
export async function logInAs(context: BrowserContext, baseUrl: string, userId: string) {
  const { token } = await createSession(userId);
  await context.addCookies([{ name: SESSION_COOKIE, value: token, url: baseUrl, httpOnly: true, sameSite: "Lax" }]);
}

export function assertNoConsoleErrors(errors: string[]) {
  expect(errors, `console errors:\n${errors.join("\n")}`).toEqual([]);
}

/** True when the page is wider than the viewport (a horizontal scroll bar on a phone). */
export async function overflowsHorizontally(page: Page) {
  return page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth + 1);
}

/** Opens a page and waits until React has taken it over (see the marker in app/root.tsx). */
export async function gotoInteractive(page: Page, url: string) {
  await page.goto(url);
  await page.locator("html[data-hydrated]").waitFor({ state: "attached" });
}
