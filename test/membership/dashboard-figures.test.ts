// Honest dashboards (issue #12, item 8), through the real server on the real demo data: no figure
// is NaN or above 100 % on the city, county, center and contest dashboards; the page and its CSV
// agree; the center and union dashboards say the same about the same activity; the charts are SVG
// in the server's HTML (what a browser without JavaScript shows), next to their tables.
import { afterAll, beforeAll, expect, test } from "vitest";
import { buildTables } from "~/domain/membership/dashboard-tables";
import { loadDashboard } from "~/domain/membership/dashboard.server";
import { makeT } from "~/i18n";
import { DEMO_PHONES } from "~/seed/foundation.server";
import { createUser } from "~/seed/factories.server";
import { prisma } from "~/utils/db.server";
import { recordFunnelStep } from "~/utils/funnel.server";
import { seededDemo, type SeededDemo } from "../helpers/seeded-db";
import { getPage, sessionCookieFor, startServer, type TestServer } from "../helpers/server";

let server: TestServer;
let demo: SeededDemo;
const cookies: Record<string, string> = {};
beforeAll(async () => {
  demo = await seededDemo(); // before the server starts: it replaces this file's database
  server = await startServer();
  for (const key of ["cityStaff", "countyStaff", "centerStaff", "organiser"] as const) {
    const user = await prisma.user.findUniqueOrThrow({ where: { phone: DEMO_PHONES[key] } });
    cookies[key] = await sessionCookieFor(user.id);
  }
});
afterAll(() => server.close());

/** Every percentage a page or file shows, as numbers ("4.4%", "100 %"). */
const percentages = (text: string) => [...text.matchAll(/(-?\d+(?:\.\d+)?)\s?%/g)].map((m) => Number(m[1]));
/** The visible text of the HTML the server sent (scripts, including the loader data, left out). */
const visibleText = (html: string) =>
  html
    .replace(/<script[\s\S]*?<\/script>/g, "")
    .replace(/<[^>]+>/g, " ")
    .replace(/&nbsp;|&#160;/g, " ");

function parseCsv(text: string) {
  const rows: string[][] = [];
  for (const line of text
    .replace(/^\uFEFF/, "")
    .trim()
    .split("\r\n")) {
    const cells: string[] = [];
    for (const m of line.matchAll(/("(?:[^"]|"")*"|[^,]*)(,|$)/g)) {
      cells.push(m[1].startsWith('"') ? m[1].slice(1, -1).replace(/""/g, '"') : m[1]);
      if (m[2] === "") break;
    }
    rows.push(cells);
  }
  return rows;
}

async function html(path: string, cookie: string) {
  const response = await getPage(server, path, { cookie });
  expect(response.status, path).toBe(200);
  return response.text();
}

function expectHonest(page: string, where: string) {
  const text = visibleText(page);
  expect(text, where).not.toMatch(/NaN|Infinity|undefined/);
  for (const p of percentages(text)) expect(p, `${where}: ${p} %`).toBeLessThanOrEqual(100);
}

test("city and county dashboards: no NaN, no rate above 100 %, and the page shows what its CSV says", async () => {
  for (const [who, query] of [
    ["cityStaff", "period=365"],
    ["cityStaff", "period=30"],
    ["countyStaff", "period=180"],
    ["cityStaff", `period=180&county=${demo.base.fushan}`],
  ] as const) {
    const page = await html(`/union/dashboard?${query}`, cookies[who]);
    expectHonest(page, `${who} ${query}`);
    // The membership rate (members ÷ registered workers): a percentage on the page, the same in the CSV.
    const csv = parseCsv(
      await (
        await getPage(server, `/union/dashboard/export?table=organisation&format=csv&${query}`, {
          cookie: cookies[who],
        })
      ).text(),
    );
    const coverage = csv.find((r) => r[0] === "入会率（会员÷登记职工）")![1];
    expect(coverage, `${who} ${query}`).toMatch(/^\d+(\.\d)?%$|^$/);
    if (coverage) expect(visibleText(page)).toContain(coverage);
    const funnel = parseCsv(
      await (
        await getPage(server, `/union/dashboard/export?table=funnel&format=csv&${query}`, { cookie: cookies[who] })
      ).text(),
    );
    for (const p of percentages(funnel.map((r) => r.join(" ")).join("\n"))) expect(p).toBeLessThanOrEqual(100);
  }
  // The demo's city-wide coverage is a real figure, not "—".
  const city = await html("/union/dashboard?period=365", cookies.cityStaff);
  expect(visibleText(city)).toMatch(/入会率（会员÷登记职工）\s+\d+(\.\d)?%/);
});

test("without JavaScript the dashboard has its charts as SVG, their tables and each figure's definition", async () => {
  const page = await html("/union/dashboard?period=365", cookies.cityStaff);
  for (const chart of ["funnel", "county", "monthly", "ttc"])
    expect(page, chart).toMatch(new RegExp(`data-chart="${chart}"[^>]*>[\\s\\S]*?<svg`));
  expect(page).toContain('data-testid="table-funnel"');
  expect(page).toContain("环节转化率：到达上一环节的人中，也到达本环节的比例");
  expect(page).toContain("入会率 = 会员总数 ÷ 法人单位登记的职工总数");
  expect(page).not.toContain("recharts");
});

test("the center and union dashboards agree about the same activity", async () => {
  const walk = await prisma.activity.findFirstOrThrow({ where: { title: "浮山县职工健步走活动" } });
  const center = await html("/center", cookies.centerStaff);
  expectHonest(center, "center");
  const csv = parseCsv(
    await (
      await getPage(server, `/union/dashboard/export?table=activity&format=csv&period=365`, {
        cookie: cookies.cityStaff,
      })
    ).text(),
  );
  const row = csv.find((r) => r[0] === walk.title)!;
  const [views, signups, attended, joinClicks] = [row[1], row[2], row[3], row[4]].map(Number);
  expect(signups).toBe(10);
  expect(attended).toBe(8);
  // The center's row for the walk: views, sign-ups, waiting, cancelled, attended, rate, join clicks.
  const tr = new RegExp(`<tr[^>]*data-activity="${walk.id}"[^>]*>([\\s\\S]*?)</tr>`).exec(center)![1];
  const figures = [...tr.matchAll(/<td class="text-right[^"]*">([^<]*)<\/td>/g)].map((m) => m[1]);
  expect(figures).toEqual([String(views), String(signups), "0", "0", String(attended), "80%", String(joinClicks)]);
});

test("the contest dashboard shows no NaN and no rate above 100 %", async () => {
  const contests = await prisma.contest.findMany({ select: { id: true } });
  let seen = 0;
  for (const c of contests) {
    const response = await getPage(server, `/organise/${c.id}`, { cookie: cookies.organiser });
    if (response.status !== 200) continue;
    expectHonest(await response.text(), `contest ${c.id}`);
    seen += 1;
  }
  expect(seen).toBeGreaterThan(0);
});

test("step conversions stay within one cohort: join clicks from elsewhere cannot make 'attended → join click' exceed 100 %", async () => {
  // A month long before the demo's history, so only these events count.
  const day = new Date("2024-06-10T10:00:00+08:00");
  const range = { from: "2024-06-01", to: "2024-06-30", countyIds: null };
  const activity = { sourceType: "activity" as const, activityId: demo.activity.id, countyId: demo.base.fushan };
  const contest = { sourceType: "contest" as const, contestId: demo.assignment.contestId, countyId: demo.base.fushan };
  const people = await Promise.all([1, 2, 3, 4, 5].map((i) => createUser({ name: `队列${i}` })));
  // One person views, signs up, attends and clicks "join"; four others click "join" from a contest.
  for (const step of ["view", "signup", "attend", "join_click"] as const)
    await recordFunnelStep({ ...activity, step, userId: people[0].id, at: day });
  for (const p of people.slice(1)) await recordFunnelStep({ ...contest, step: "join_click", userId: p.id, at: day });
  // An approval in the period whose application was made before it.
  await recordFunnelStep({ ...contest, step: "approve", userId: people[1].id, at: day });

  const d = await loadDashboard(range, "en");
  const funnel = buildTables(d, makeT("en")).find((x) => x.id === "funnel")!;
  const row = (label: string) => funnel.rows.find((r) => r[0] === label)!;
  expect(row("Join clicks")).toEqual(["Join clicks", 5, 5, 1, 1]); // 5 clicks, but 1 of the 1 who attended
  expect(row("Approved")).toEqual(["Approved", 1, 1, null, 0]); // nobody applied in June: "—", not 100 %
  for (const r of funnel.rows) for (const v of r.slice(3)) expect(v === null || (v as number) <= 1).toBe(true);
});
