// Issue 8, item 2: log-in throttling was read before the password check and written after, so 40
// parallel wrong passwords were all evaluated (and 81 of 100); phone and email of one account had
// separate counts; with TRUST_PROXY every hop was trusted, so a forged X-Forwarded-For rotated the
// address; registrations and phone look-ups were not throttled at all.
//
// The server runs behind "one proxy" here (TRUST_PROXY=1): each request carries the
// X-Forwarded-For a proxy would send, its last entry being the client's real address.
import { afterAll, beforeAll, expect, test } from "vitest";
import { createUser, DEFAULT_PASSWORD } from "~/seed/factories.server";
import { prisma } from "~/utils/db.server";
import { SESSION_COOKIE } from "~/utils/session.server";
import {
  LOOKUP_WINDOW_MS,
  MAX_FAILURES_PER_ACCOUNT,
  MAX_FAILURES_PER_IP,
  MAX_LOOKUPS,
  MAX_REGISTRATIONS_PER_IP,
  MAX_WALKINS_PER_IP,
} from "~/utils/rate-limit.server";
import { makeActivity, makeCenter } from "../activities/helpers";
import { makeContest, orgTree } from "../contests/fixture";
import { postForm, sessionCookieFor, startServer, type TestServer } from "../helpers/server";
import { codeFor } from "../account/helpers";

let server: TestServer;
beforeAll(async () => {
  process.env.TRUST_PROXY = "1";
  server = await startServer();
});
afterAll(async () => {
  await server.close();
  delete process.env.TRUST_PROXY;
});

/** Headers of a request that reached us through the proxy from `client` (after any forged entries). */
const via = (client: string, ...forged: string[]) => ({
  headers: { "X-Forwarded-For": [...forged, client].join(", ") },
});
const login = (identifier: string, password: string, client: string, ...forged: string[]) =>
  postForm(server, "/login", { identifier, password }, via(client, ...forged));
/** The same log-in as the page's own script sends it (no HTML rendered: the batches stay cheap). */
const loginData = (identifier: string, password: string, client: string) =>
  postForm(server, "/login.data", { identifier, password }, via(client));

/** A password check happened: a wrong password (401) or a log-in (302). 429 = refused before any check. */
const evaluated = (statuses: number[]) => statuses.filter((s) => s === 401 || s === 302).length;

test("40 parallel wrong passwords for one account: only the allowance is checked, the rest are 429", async () => {
  const user = await createUser();
  // From 40 different addresses, as a botnet would: the account's count does not depend on them.
  const answers = await Promise.all(
    Array.from({ length: 40 }, (_, i) => loginData(user.phone!, `wrong-guess-${i}`, `198.51.100.${i + 1}`)),
  );
  const statuses = answers.map((r) => r.status);
  expect(evaluated(statuses)).toBe(MAX_FAILURES_PER_ACCOUNT);
  expect(statuses.filter((s) => s === 429)).toHaveLength(40 - MAX_FAILURES_PER_ACCOUNT);
  // Now even the right password is refused, with the account's message and a Retry-After.
  const right = await login(user.phone!, DEFAULT_PASSWORD, "198.51.100.99");
  expect(right.status).toBe(429);
  expect(Number(right.headers.get("retry-after"))).toBeGreaterThan(0);
  expect(await right.text()).toContain("该账号登录失败次数过多");
  expect(right.headers.get("set-cookie") ?? "").not.toContain(SESSION_COOKIE);
});

test("100 parallel guesses, then 100 parallel tries with the right password: 5 checked, no log-in", async () => {
  const user = await createUser();
  const guesses = await Promise.all(
    Array.from({ length: 100 }, (_, i) => loginData(user.email!, `guess-${i}-x`, `203.0.113.${(i % 50) + 1}`)),
  );
  expect(evaluated(guesses.map((r) => r.status))).toBe(MAX_FAILURES_PER_ACCOUNT);
  const rights = await Promise.all(
    Array.from({ length: 100 }, (_, i) => loginData(user.email!, DEFAULT_PASSWORD, `203.0.113.${(i % 50) + 101}`)),
  );
  expect(rights.map((r) => r.status)).toEqual(Array(100).fill(429));
  expect(await prisma.session.count({ where: { userId: user.id } })).toBe(0);
});

test("the phone and the email of one account share one count", async () => {
  const user = await createUser();
  for (let i = 0; i < 3; i++) expect((await login(`+86 ${user.phone}`, `wrong-${i}-a`, "192.0.2.10")).status).toBe(401);
  for (let i = 0; i < 2; i++)
    expect((await login(user.email!.toUpperCase(), `wrong-${i}-b`, "192.0.2.10")).status).toBe(401);
  const right = await login(user.phone!, DEFAULT_PASSWORD, "192.0.2.10");
  expect(right.status).toBe(429);
  expect(await right.text()).toContain("该账号登录失败次数过多");
});

test("a success clears the account's failures: the user is not locked out by earlier typos", async () => {
  const user = await createUser();
  for (let i = 0; i < MAX_FAILURES_PER_ACCOUNT - 1; i++)
    expect((await login(user.phone!, `typo-${i}-x`, "192.0.2.20")).status).toBe(401);
  expect((await login(user.phone!, DEFAULT_PASSWORD, "192.0.2.20")).status).toBe(302);
  for (let i = 0; i < MAX_FAILURES_PER_ACCOUNT - 1; i++)
    expect((await login(user.phone!, `typo-${i}-y`, "192.0.2.20")).status).toBe(401);
  expect((await login(user.phone!, DEFAULT_PASSWORD, "192.0.2.20")).status).toBe(302);
});

test("a forged X-Forwarded-For cannot rotate the address: the proxy's last entry is the one counted", async () => {
  const client = "192.0.2.77";
  for (let i = 0; i < MAX_FAILURES_PER_IP; i++) {
    // A different account each time (so only the network count grows) and a different forged address.
    const r = await login(`nobody-${i}@throttle.test`, "whatever-1", client, `10.9.${i}.1`, `172.16.0.${i}`);
    expect(r.status).toBe(401);
  }
  const user = await createUser();
  const blocked = await login(user.phone!, DEFAULT_PASSWORD, client, "10.9.200.1");
  expect(blocked.status).toBe(429);
  expect(await blocked.text()).toContain("此网络登录失败次数过多");
  // Another client behind the same proxy is not affected.
  expect((await login(user.phone!, DEFAULT_PASSWORD, "192.0.2.78", client)).status).toBe(302);
});

test("IPv6 clients are counted by their /64, so rotating addresses inside it does not help", async () => {
  for (let i = 0; i < MAX_FAILURES_PER_IP; i++) {
    expect((await login(`v6-${i}@throttle.test`, "whatever-1", `2001:db8:aa:bb::${(i + 1).toString(16)}`)).status).toBe(
      401,
    );
  }
  const blocked = await login("v6-last@throttle.test", "whatever-1", "2001:db8:aa:bb:ffff:1:2:3");
  expect(blocked.status).toBe(429);
  expect((await login("v6-last@throttle.test", "whatever-1", "2001:db8:aa:cc::1")).status).toBe(401);
});

test("registrations from one address are throttled, with a translated 429; other addresses still register", async () => {
  const client = "192.0.2.90";
  const taken = await createUser();
  // A new number comes with its code; a taken one with a wrong code (refused after the throttle).
  const register = async (phone: string, from: string, headers: Record<string, string> = {}) =>
    postForm(
      server,
      "/register",
      {
        name: "批量注册",
        phone,
        code: phone === taken.phone ? "000000" : await codeFor("register", phone),
        password: "Secret123",
        confirmPassword: "Secret123",
      },
      { headers: { ...via(from).headers, ...headers } },
    );
  let n = 0;
  const phone = () => `1350090${String(n++).padStart(4, "0")}`;
  // Half of them new accounts, half a refused try at a taken number: both count.
  for (let i = 0; i < MAX_REGISTRATIONS_PER_IP; i++) {
    const r = await register(i % 2 ? taken.phone! : phone(), client);
    expect(r.status).toBe(i % 2 ? 400 : 302);
  }
  const before = await prisma.user.count();
  const blocked = await register(phone(), client);
  expect(blocked.status).toBe(429);
  expect(await blocked.text()).toMatch(/尝试次数过多，请 \d+ 分钟后再试/);
  const english = await register(phone(), client, { "Accept-Language": "en" });
  expect(await english.text()).toMatch(/Too many attempts\. Try again in \d+ minutes?/);
  expect(await prisma.user.count()).toBe(before);
  expect((await register(phone(), "192.0.2.91")).status).toBe(302);
});

test("co-author phone look-ups are throttled per address and per user", async () => {
  const tree = await orgTree();
  const contest = await makeContest(tree.unionA.id, { phase: "submission" });
  const worker = await createUser({ employerId: tree.entA.id, countyId: tree.county.id });
  const cookie = await sessionCookieFor(worker.id);
  const entry = (coAuthors: string, client: string) => {
    const form = new FormData();
    const fields = {
      intent: "draft",
      category: "invention",
      title: "皮带纠偏装置",
      problem: "跑偏",
      solution: "",
      benefit: "",
      estimatedSaving: "",
      coAuthors,
    };
    for (const [k, v] of Object.entries(fields)) form.append(k, v);
    return postForm(server, `/contests/${contest.id}/enter`, form, { cookie, ...via(client) });
  };
  // The user has looked up all but 2 numbers this hour (ten saves of ten numbers, say).
  await prisma.loginAttempt.createMany({
    data: Array.from({ length: MAX_LOOKUPS - 2 }, () => ({ key: `coauthor:user:${worker.id}`, success: false })),
  });
  const unknown = await entry("13600001234\n老王", "192.0.2.120");
  expect(unknown.status).toBe(400);
  expect(await unknown.text()).toContain("13600001234");
  // Two more numbers would pass the allowance: refused before any look-up, from any address.
  const refused = await entry("13600001235\n13600001236", "192.0.2.121");
  expect(refused.status).toBe(429);
  const page = await refused.text();
  expect(page).toMatch(/尝试次数过多，请 \d+ 分钟后再试/);
  expect(page).not.toContain("13600001235 未注册");
  // Names are not look-ups.
  expect((await entry("老王\n小李", "192.0.2.121")).status).toBe(302);
  // Once the hour has passed, look-ups work again.
  await prisma.loginAttempt.updateMany({
    where: { key: `coauthor:user:${worker.id}` },
    data: { createdAt: new Date(Date.now() - LOOKUP_WINDOW_MS - 1000) },
  });
  expect((await entry("13600001235", "192.0.2.121")).status).toBe(400);
});

test("walk-ins at check-in are throttled per address", async () => {
  const { center, staff } = await makeCenter("节流县");
  const activity = await makeActivity(center, { capacity: 10 });
  const cookie = await sessionCookieFor(staff.id);
  const client = "192.0.2.130";
  await prisma.loginAttempt.createMany({
    data: Array.from({ length: MAX_WALKINS_PER_IP - 1 }, () => ({ key: `walkin:ip:${client}`, success: false })),
  });
  const walkIn = (phone: string) =>
    postForm(
      server,
      `/center/activities/${activity.id}/checkin`,
      { intent: "walkin", name: "现场职工", phone },
      { cookie, ...via(client) },
    );
  expect((await walkIn("13655551000")).status).toBe(200);
  const refused = await walkIn("13655551001");
  expect(refused.status).toBe(429);
  expect(await refused.text()).toContain("操作过于频繁，请稍后再试");
  expect(await prisma.user.count({ where: { phone: "13655551001" } })).toBe(0);
});
