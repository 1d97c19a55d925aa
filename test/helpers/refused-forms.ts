// Forms after a refused submit (issue #12 item 14): the errors shown next to their fields must pass axe too.
import type { Browser } from "playwright-core";
import type { DemoUser } from "./routes";
import { logInAs } from "./browser";
import { axeAtBothWidths } from "./page-sweep";

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

/** Submits each form emptied, in one language, and returns axe's violations on the refused form at both widths. */
export async function sweepRefusedForms(options: {
  browser: Browser;
  baseUrl: string;
  locale: string;
  ids: Record<string, string>;
  users: Record<DemoUser, string>;
}) {
  const { browser, baseUrl, locale, ids, users } = options;
  const problems: string[] = [];
  for (const form of REFUSED) {
    const context = await browser.newContext({ locale, viewport: { width: 360, height: 800 } });
    if (form.who) await logInAs(context, baseUrl, users[form.who]);
    const page = await context.newPage();
    const url = form.url(ids);
    await page.goto(baseUrl + url);
    await page.locator("html[data-hydrated]").waitFor({ state: "attached" });
    // Empty the text fields the form starts with, so the submit is refused (by the server or by Conform, not by
    // the browser's own bubbles, which axe cannot see).
    for (const input of await page
      .locator("main form[method=post] :is(input[type=text], input[type=tel], textarea):visible")
      .all())
      if (await input.isEditable()) await input.fill("");
    await page.evaluate(() =>
      document.querySelectorAll("main form").forEach((f) => ((f as HTMLFormElement).noValidate = true)),
    );
    await page.locator(form.submit).first().click();
    await page.locator("[aria-invalid=true], [role=alert]").first().waitFor();
    await axeAtBothWidths(page, `${url} refused (${locale})`, problems);
    await context.close();
  }
  return problems;
}
