// Issue #12 items 13 and 14: every page, opened by the user it is meant for over the Linfen demo,
// has no axe-core violation of WCAG 2.1 A/AA, at 360 px and at 1280 px, in both languages, also
// after a refused submit; and every page has its own <title> and description in that language.
// One Chromium, one page per visitor and language, both widths by resizing the same page.
import { createRequire } from "node:module";
import { afterAll, beforeAll, expect, test } from "vitest";
import type { Browser, Page } from "playwright-core";
import { fillParams, routeFiles, seedDemoForRoutes, visitorFor, type DemoUser } from "../helpers/routes";
import type { TestServer } from "../helpers/server";
import { logInAs, startBrowserAndServer, stopBrowserAndServer } from "../helpers/browser";

const axeSource = createRequire(import.meta.url)("axe-core").source as string;

let server: TestServer;
let browser: Browser;
let demo: Awaited<ReturnType<typeof seedDemoForRoutes>>;
beforeAll(async () => {
  demo = await seedDemoForRoutes();
  ({ server, browser } = await startBrowserAndServer());
});
afterAll(() => stopBrowserAndServer({ server, browser }));

const WIDTHS = [360, 1280];
const RULES = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

// What changes between a phone and a desktop layout is what is shown and where: at the second width
// only the rules that depend on layout run again, which halves the sweep's time.
const LAYOUT_RULES = [
  "color-contrast",
  "link-in-text-block",
  "scrollable-region-focusable",
  "link-name",
  "button-name",
  "aria-hidden-focus",
  "nested-interactive",
];

type AxeResult = { id: string; help: string; nodes: { target: string[]; failureSummary?: string }[] };

/** axe-core's violations on the page as it is now, one line per rule with its first nodes. */
async function violations(page: Page, only: { type: "tag" | "rule"; values: string[] }) {
  if (!(await page.evaluate(() => "axe" in window))) await page.addScriptTag({ content: axeSource });
  const found = (await page.evaluate(
    // The dashboard's recharts charts are being replaced by server-rendered SVG (issue #12 item
    // 15); until then they are left out. The selector matches nothing once they are gone.
    (runOnly) =>
      (
        window as unknown as {
          axe: { run: (c: unknown, o: unknown) => Promise<{ violations: AxeResult[] }> };
        }
      ).axe
        .run({ exclude: [[".recharts-wrapper"]] }, { runOnly, resultTypes: ["violations"] })
        .then((r) =>
          r.violations.map((v) => ({
            id: v.id,
            help: v.help,
            nodes: v.nodes.map((n) => ({ target: n.target, failureSummary: n.failureSummary })),
          })),
        ),
    only,
  )) as AxeResult[];
  return found.map(
    (v) =>
      `${v.id} (${v.nodes.length}): ${v.help} — ${v.nodes
        .slice(0, 3)
        .map((n) => n.target.join(" "))
        .join(", ")}`,
  );
}

async function sweep(page: Page, label: string, problems: string[]) {
  for (const [i, width] of WIDTHS.entries()) {
    await page.setViewportSize({ width, height: 800 });
    const only = i === 0 ? { type: "tag" as const, values: RULES } : { type: "rule" as const, values: LAYOUT_RULES };
    for (const v of await violations(page, only)) problems.push(`${label} @${width}px: ${v}`);
  }
  await page.setViewportSize({ width: WIDTHS[0], height: 800 });
}

/** One browser context per visitor and language (bypassing CSP only so axe's script can be added). */
async function pageFor(locale: string, who: DemoUser | null) {
  const context = await browser.newContext({ locale, bypassCSP: true, viewport: { width: 360, height: 800 } });
  if (who) await logInAs(context, server.url, demo.users[who]);
  return { context, page: await context.newPage() };
}

for (const locale of ["zh-CN", "en"]) {
  test(`every page has its own title and no axe violation at 360 and 1280 px — ${locale}`, async () => {
    const routes = routeFiles().filter((r) => r.isPage && r.file !== "_auth+/logout.tsx");
    const pages = new Map<string, Awaited<ReturnType<typeof pageFor>>>();
    const problems: string[] = [];
    const titles = new Map<string, string>();
    for (const route of routes) {
      const who = visitorFor(route.file);
      const key = who ?? "visitor";
      if (!pages.has(key)) pages.set(key, await pageFor(locale, who));
      const { page } = pages.get(key)!;
      const url = route.file === "$.tsx" ? "/no-such-page" : fillParams(route.url, demo.ids);
      await page.goto(server.url + url);
      const label = `${url} (${route.file})`;
      await sweep(page, label, problems);
      const title = await page.title();
      const description = await page.evaluate(
        () => document.querySelector('meta[name="description"]')?.getAttribute("content") ?? null,
      );
      if (!description) problems.push(`${label}: no description`);
      const other = titles.get(title);
      if (other) problems.push(`${label}: same title as ${other}: "${title}"`);
      titles.set(title, label);
      // Written in the page's language: an English page's title has no Chinese of its own making.
      if (locale === "en" && /[\u4e00-\u9fff]/.test(title.replace(/^.* · (?=[^·]+ · Xingguang$)/, "")))
        problems.push(`${label}: title not in English: "${title}"`);
    }
    for (const { context } of pages.values()) await context.close();
    expect(problems.join("\n")).toBe("");
  }, 600_000);
}

// Forms after a refused submit: errors shown next to their fields must pass too.
const REFUSED: { who: DemoUser | null; url: (ids: Record<string, string>) => string; submit: string }[] = [
  { who: null, url: () => "/register", submit: "main form[method=post] button[type=submit]:not([aria-hidden=true])" },
  { who: "worker", url: () => "/join", submit: "#membership-application button[type=submit]" },
  { who: "worker", url: (ids) => `/contests/${ids.contestId}/enter`, submit: "main button[value=submit]" },
  {
    who: "worker",
    url: () => "/me/profile",
    submit: "main form[method=post] button[type=submit]:not([aria-hidden=true])",
  },
];

test("forms after a refused submit have no axe violation, in both languages and widths", async () => {
  const problems: string[] = [];
  for (const locale of ["zh-CN", "en"]) {
    for (const form of REFUSED) {
      const { context, page } = await pageFor(locale, form.who);
      const url = form.url(demo.ids);
      await page.goto(server.url + url);
      await page.locator("html[data-hydrated]").waitFor({ state: "attached" });
      // Empty the text fields the form starts with, so the submit is refused (by the server or
      // by Conform, not by the browser's own bubbles, which axe cannot see).
      for (const input of await page
        .locator("main form[method=post] :is(input[type=text], input[type=tel], textarea):visible")
        .all())
        if (await input.isEditable()) await input.fill("");
      await page.evaluate(() =>
        document.querySelectorAll("main form").forEach((f) => ((f as HTMLFormElement).noValidate = true)),
      );
      await page.locator(form.submit).first().click();
      await page.locator("[aria-invalid=true], [role=alert]").first().waitFor();
      await sweep(page, `${url} refused (${locale})`, problems);
      await context.close();
    }
  }
  expect(problems.join("\n")).toBe("");
}, 300_000);
