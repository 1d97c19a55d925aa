// Issue 8, item 9: log-in said "this phone is not registered" for an unknown number and "wrong
// password" for a known one (and skipped the password hash for unknown ones); registration said
// "this number is already registered". Anyone could list who has an account.
import { afterAll, beforeAll, expect, test } from "vitest";
import { createUser, DEFAULT_PASSWORD } from "~/seed/factories.server";
import { prisma } from "~/utils/db.server";
import { DUMMY_HASH, hashPassword, verifyAccountPassword } from "~/utils/password.server";
import { MAX_FAILURES_PER_ACCOUNT } from "~/utils/rate-limit.server";
import { postForm, startServer, type TestServer } from "../helpers/server";

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server.close());

/** Every message shown on the page (form and field errors): what the visitor reads. */
async function messages(response: Response) {
  const html = await response.text();
  return [...html.matchAll(/<(?:p|ul|div)[^>]*role="alert"[^>]*>([\s\S]*?)<\/(?:p|ul|div)>/g)].map((m) =>
    m[1].replace(/<[^>]+>/g, "").trim(),
  );
}

test("a failed log-in gives the same status and message whether or not the account exists", async () => {
  const user = await createUser();
  const cases = [
    { label: "known phone, wrong password", identifier: user.phone!, password: "not-the-password1" },
    { label: "unknown phone", identifier: "13600007777", password: DEFAULT_PASSWORD },
    { label: "known email, wrong password", identifier: user.email!, password: "not-the-password1" },
    { label: "unknown email", identifier: "nobody-here@enumeration.test", password: DEFAULT_PASSWORD },
  ];
  for (const headers of [{}, { "Accept-Language": "en" }] as Record<string, string>[]) {
    const answers = [];
    for (const c of cases) {
      const r = await postForm(server, "/login", { identifier: c.identifier, password: c.password }, { headers });
      answers.push({ label: c.label, status: r.status, messages: await messages(r) });
    }
    const expected = "Accept-Language" in headers ? "Wrong account or password" : "账号或密码不正确";
    for (const a of answers) expect(a, a.label).toEqual({ label: a.label, status: 401, messages: [expected] });
  }
});

test("an unknown account is throttled exactly like a known one", async () => {
  // Start with this network's count clear (as the window passing would): only the accounts' counts matter here.
  await prisma.loginAttempt.deleteMany({ where: { key: { startsWith: "login:ip:" } } });
  const user = await createUser();
  const run = async (identifier: string) => {
    const statuses = [];
    for (let i = 0; i <= MAX_FAILURES_PER_ACCOUNT; i++)
      statuses.push((await postForm(server, "/login", { identifier, password: `wrong-${i}-z` })).status);
    const last = await postForm(server, "/login", { identifier, password: "wrong-last-z" });
    return { statuses, last: { status: last.status, messages: await messages(last) } };
  };
  const known = await run(user.phone!);
  const unknown = await run("13600008888");
  expect(unknown).toEqual(known);
  expect(known.statuses).toEqual([...Array(MAX_FAILURES_PER_ACCOUNT).fill(401), 429]);
});

test("an unknown account's password is checked against a dummy hash made like the real ones", async () => {
  // Same algorithm and cost as a real hash, so the check takes the same work; and it never matches.
  const real = await hashPassword("whatever-1");
  expect(DUMMY_HASH.split("$").slice(1, 4)).toEqual(real.split("$").slice(1, 4));
  expect(await verifyAccountPassword(null, "whatever-1")).toBe(false);
  expect(await verifyAccountPassword(undefined, "")).toBe(false);
  expect(await verifyAccountPassword(real, "whatever-1")).toBe(true);
});

test("registering a taken phone: the same answers as a free one until the number is proven, and nothing written", async () => {
  const user = await createUser();
  const free = "13900770001";
  // Asking for a code says the same for both numbers (and sends one to each).
  const sent = await Promise.all(
    [user.phone!, free].map((phone) => postForm(server, "/register", { intent: "sendCode", phone })),
  );
  expect(sent.map((r) => r.status)).toEqual([200, 200]);
  const [a, b] = await Promise.all(sent.map((r) => r.text()));
  const sentence = (html: string, phone: string) =>
    (html.match(/如果该号码可以接收短信[^<]*/) ?? [""])[0].replace(phone, "#");
  expect(sentence(a, user.phone!)).toBe(sentence(b, free));
  expect(sentence(a, user.phone!)).not.toBe("");
  // Without the code, both registrations get the same field message.
  const register = (phone: string) =>
    postForm(server, "/register", {
      name: "重复注册",
      phone,
      code: "000000",
      password: "Secret123",
      confirmPassword: "Secret123",
    });
  const answers = [await register(user.phone!), await register(free)];
  expect(answers.map((r) => r.status)).toEqual([400, 400]);
  const texts = await Promise.all(answers.map((r) => r.text()));
  for (const t of texts) expect(t).toContain("验证码不正确");
  expect(await prisma.user.count({ where: { name: "重复注册" } })).toBe(0);
});
