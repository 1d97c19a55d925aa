// Every page of the app, opened by the user it is meant for over the Linfen demo data, checked in ONE browser
// pass per page (issue #9 item 8: this used to be two sweeps, phone layout and accessibility, each loading
// every page): at 360 px it loads, fits the screen (no sideways scrolling), is in the asked language, logs no
// console error (Content-Security-Policy violations included) and has no axe-core violation of WCAG 2.1 A/AA;
// at 1280 px the rules that depend on layout run again; and it has its own <title> and description.
// The page list comes from app/routes, so a new page is checked without touching this file.
// Used by test/browser/every-page.{zh-CN,en}.test.ts, one language per file so both test workers share it.
import { createRequire } from "node:module";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { fillParams, routeFiles, visitorFor, type DemoUser } from "./routes";
import { logInAs, newPage, overflowsHorizontally } from "./browser";

const axeSource = createRequire(import.meta.url)("axe-core").source as string;

const RULES = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];
// What changes between a phone and a desktop layout is what is shown and where: at 1280 px only the rules that
// depend on layout run again, which halves axe's time.
const LAYOUT_RULES = [
  "color-contrast",
  "link-in-text-block",
  "scrollable-region-focusable",
  "link-name",
  "button-name",
  "aria-hidden-focus",
  "nested-interactive",
];

/** Pages whose purpose is an error answer. */
const ERROR_PAGES = new Set(["forbidden.tsx", "problem.tsx", "$.tsx"]);

// Pages that only exist with a query: the attendee confirm step needs what it confirms.
const PAGE_QUERY: Record<string, string> = {
  "center+/activities.$activityId_.attendees_.$registrationId.tsx": "?do=remove",
};

type AxeResult = { id: string; help: string; nodes: { target: string[] }[] };

/** axe-core's violations on the page as it is now, one line per rule with its first nodes. */
export async function axeViolations(page: Page, only: { type: "tag" | "rule"; values: string[] }) {
  // Evaluated through the DevTools protocol, which the page's Content-Security-Policy does not apply to
  // (a <script> tag would need the policy bypassed, hiding the violations this sweep reports).
  if (!(await page.evaluate(() => "axe" in window))) await page.evaluate(axeSource);
  const found = (await page.evaluate(
    (runOnly) =>
      (
        window as unknown as {
          axe: { run: (c: unknown, o: unknown) => Promise<{ violations: AxeResult[] }> };
        }
      ).axe
        .run(document, { runOnly, resultTypes: ["violations"] })
        .then((r) =>
          r.violations.map((v) => ({ id: v.id, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target })) })),
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

/** All WCAG rules at 360 px, then the layout rules at 1280 px; the page is left at 360 px. */
export async function axeAtBothWidths(page: Page, label: string, problems: string[]) {
  for (const v of await axeViolations(page, { type: "tag", values: RULES })) problems.push(`${label} @360px: ${v}`);
  await page.setViewportSize({ width: 1280, height: 800 });
  for (const v of await axeViolations(page, { type: "rule", values: LAYOUT_RULES }))
    problems.push(`${label} @1280px: ${v}`);
  await page.setViewportSize({ width: 360, height: 800 });
}

type Visitor = { context: BrowserContext; page: Page; errors: string[] };

/**
 * Sweeps every page in one language; returns the problems found (empty when all is well). Pages are grouped by
 * visitor (one logged-in context each) and two visitors' pages load at once, so the server's rendering and the
 * browser's checking overlap.
 */
export async function sweepEveryPage(options: {
  browser: Browser;
  baseUrl: string;
  locale: string;
  ids: Record<string, string>;
  users: Record<DemoUser, string>;
}) {
  const { browser, baseUrl, locale, ids, users } = options;
  const routes = routeFiles().filter((r) => r.isPage && r.file !== "_auth+/logout.tsx");
  if (routes.length < 25) return [`only ${routes.length} pages found in app/routes`];
  const problems: string[] = [];
  const titles = new Map<string, string>();
  const byVisitor = new Map<DemoUser | null, typeof routes>();
  for (const route of routes) {
    const who = visitorFor(route.file);
    byVisitor.set(who, [...(byVisitor.get(who) ?? []), route]);
  }

  async function checkPage(visitor: Visitor, who: DemoUser | null, route: (typeof routes)[number]) {
    const { page, errors } = visitor;
    errors.length = 0;
    const url = route.file === "$.tsx" ? "/no-such-page" : fillParams(route.url, ids) + (PAGE_QUERY[route.file] ?? "");
    const label = `${url} (${route.file}) as ${who ?? "visitor"}`;
    const response = await page.goto(baseUrl + url);
    const status = response?.status() ?? 0;
    if (!ERROR_PAGES.has(route.file) && status >= 400) problems.push(`${label}: status ${status}`);
    if (new URL(page.url()).pathname === "/login" && who) problems.push(`${label}: sent to log in`);
    if (await overflowsHorizontally(page)) problems.push(`${label}: wider than the screen`);
    if ((await page.locator("html").getAttribute("lang")) !== locale) problems.push(`${label}: not in ${locale}`);
    await axeAtBothWidths(page, label, problems);
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
    // Checked last, so errors logged while the page hydrated and axe ran are seen too. A 4xx answer shows in
    // the console as a failed resource; anything else is a real error.
    const real = errors.filter((e) => !(ERROR_PAGES.has(route.file) && /status of 40[034]/.test(e)));
    if (real.length) problems.push(`${label}: console ${real.join(" | ").slice(0, 300)}`);
  }

  const queue = [...byVisitor.entries()];
  const lane = async () => {
    for (let next = queue.shift(); next; next = queue.shift()) {
      const [who, list] = next;
      const visitor = await newPage(browser, { locale, width: 360 });
      if (who) await logInAs(visitor.context, baseUrl, users[who]);
      for (const route of list) await checkPage(visitor, who, route);
      await visitor.context.close();
    }
  };
  await Promise.all([lane(), lane()]);
  return problems;
}
