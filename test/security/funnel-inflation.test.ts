// Issue 8, items 12 and 7 (page part): anyone could inflate the dashboard's views and join clicks
// by repeating a request without cookies (or with made-up ones), bots were counted, and the
// activity page answered 500 when its view could not be recorded.
import { afterAll, beforeAll, expect, test, vi } from "vitest";
import { ANON_VISITORS_PER_ADDRESS } from "~/utils/funnel.server";
import { prisma } from "~/utils/db.server";
import { getPage, sessionCookieFor, startServer, type TestServer } from "../helpers/server";
import { makeActivity, makeCenter, makeUsers } from "../activities/helpers";

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server.close());

const PHONE =
  "Mozilla/5.0 (Linux; Android 13; V2227A) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Mobile Safari/537.36";
const browser = (userAgent = PHONE, extra: Record<string, string> = {}) => ({
  headers: { "User-Agent": userAgent, ...extra },
});
const count = (activityId: string, step: string) => prisma.funnelEvent.count({ where: { activityId, step } });

test("25 cookieless visits to an activity page and 25 join clicks from one address count once each", async () => {
  const { center } = await makeCenter();
  const activity = await makeActivity(center);
  for (let i = 0; i < 25; i++) {
    expect((await getPage(server, `/activities/${activity.id}`, browser())).status).toBe(200);
    const go = await getPage(server, `/join/go?from=activity:${activity.id}`, browser());
    expect(go.status).toBe(302);
    expect(go.headers.get("location")).toBe(`/join?from=${encodeURIComponent(`activity:${activity.id}`)}`);
  }
  expect(await count(activity.id, "view")).toBe(1);
  expect(await count(activity.id, "join_click")).toBe(1);
  // The dashboard's rollup agrees with the events.
  const rollup = await prisma.funnelRollup.findMany({ where: { dim: "activity", key: activity.id } });
  expect(Object.fromEntries(rollup.map((r) => [r.step, r.count]))).toEqual({ view: 1, join_click: 1 });
});

test("made-up visitor cookies do not make new visitors", async () => {
  const { center } = await makeCenter();
  const activity = await makeActivity(center);
  for (let i = 0; i < 20; i++) {
    const cookie = `xg_visitor=${crypto.randomUUID().replace(/-/g, "")}`;
    await getPage(server, `/activities/${activity.id}`, { ...browser(), cookie });
    await getPage(server, `/join/go?from=activity:${activity.id}`, { ...browser(), cookie });
  }
  expect(await count(activity.id, "view")).toBe(1);
  expect(await count(activity.id, "join_click")).toBe(1);
});

test("known bots and clients without a user-agent are not counted; different browsers on one address are, up to a bound", async () => {
  const { center } = await makeCenter();
  const activity = await makeActivity(center);
  await getPage(
    server,
    `/activities/${activity.id}`,
    browser("Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)"),
  );
  await getPage(server, `/activities/${activity.id}`, browser("curl/8.5.0"));
  await getPage(server, `/join/go?from=activity:${activity.id}`, browser("python-requests/2.31"));
  await fetch(`${server.url}/activities/${activity.id}`, { headers: { "User-Agent": "" } });
  expect(await count(activity.id, "view")).toBe(0);
  expect(await count(activity.id, "join_click")).toBe(0);

  // Two people behind one address with different phones are two visitors …
  await getPage(server, `/activities/${activity.id}`, browser(PHONE));
  await getPage(server, `/activities/${activity.id}`, browser(PHONE.replace("V2227A", "PGT-AN10")));
  expect(await count(activity.id, "view")).toBe(2);
  // … but rotating the user-agent from one address adds a bounded number, not one per request.
  for (let i = 0; i < 60; i++)
    await getPage(server, `/activities/${activity.id}`, browser(PHONE.replace("V2227A", `X${i}`)));
  expect(await count(activity.id, "view")).toBeLessThanOrEqual(ANON_VISITORS_PER_ADDRESS);
});

test("a signed-in worker is counted once a day whatever their browser", async () => {
  const { center } = await makeCenter();
  const activity = await makeActivity(center);
  const [worker] = await makeUsers(1, { isMigrant: true });
  const cookie = await sessionCookieFor(worker.id);
  for (const ua of [PHONE, "Mozilla/5.0 (X11; Linux x86_64) HeadlessChrome/120.0"]) {
    await getPage(server, `/activities/${activity.id}`, { ...browser(ua), cookie });
    await getPage(server, `/join/go?from=activity:${activity.id}`, { ...browser(ua), cookie });
  }
  const events = await prisma.funnelEvent.findMany({ where: { activityId: activity.id }, orderBy: { step: "asc" } });
  expect(events.map((e) => [e.step, e.userId, e.isMigrant])).toEqual([
    ["join_click", worker.id, true],
    ["view", worker.id, true],
  ]);
});

test("the activity page and the join link still work when the view or click cannot be recorded", async () => {
  const { center } = await makeCenter();
  const activity = await makeActivity(center, { title: "记不下也能看的活动" });
  const [worker] = await makeUsers(1);
  const cookie = await sessionCookieFor(worker.id);
  const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
  await prisma.$executeRawUnsafe('ALTER TABLE "FunnelEvent" RENAME TO "FunnelEventUnavailable"');
  try {
    const anonymous = await getPage(server, `/activities/${activity.id}`, browser());
    expect(anonymous.status).toBe(200);
    expect(await anonymous.text()).toContain("记不下也能看的活动");
    expect((await getPage(server, `/activities/${activity.id}`, { ...browser(), cookie })).status).toBe(200);
    const go = await getPage(server, `/join/go?from=activity:${activity.id}`, browser());
    expect(go.status).toBe(302);
    expect(go.headers.get("location")).toBe(`/join?from=${encodeURIComponent(`activity:${activity.id}`)}`);
    expect(warn).toHaveBeenCalled(); // logged as a warning, not an error
  } finally {
    await prisma.$executeRawUnsafe('ALTER TABLE "FunnelEventUnavailable" RENAME TO "FunnelEvent"');
    warn.mockRestore();
  }
  // Nothing half-written: no rollup count without its event.
  expect(await prisma.funnelRollup.count({ where: { dim: "activity", key: activity.id } })).toBe(0);
  // Once recording works again, so does counting.
  await getPage(server, `/activities/${activity.id}`, browser());
  expect(await count(activity.id, "view")).toBe(1);
});
