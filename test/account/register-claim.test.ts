// Issue #10: registration proves the phone with a code; a walk-in registered at the door has an
// unclaimed account that the door's QR (the claim page) or registering with the number claims —
// never half-way.
import { afterAll, beforeAll, expect, test } from "vitest";
import { registerWalkIn } from "~/domain/activities/checkin.server";
import { createUser } from "~/seed/factories.server";
import { prisma } from "~/utils/db.server";
import { makeActivity, makeCenter } from "../activities/helpers";
import { getPage, postForm, startServer, type TestServer } from "../helpers/server";
import { cookieFrom, freshPhone, lastCode, lastMessage, wrongCode } from "./helpers";

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server.close());

const register = (fields: Record<string, string>) =>
  postForm(server, "/register", {
    intent: "register",
    name: "新工友",
    password: "Secret123",
    confirmPassword: "Secret123",
    ...fields,
  });

async function walkIn(phone: string, name = "门口登记") {
  const { center, staff } = await makeCenter(`认领${phone.slice(-4)}`);
  const activity = await makeActivity(center);
  await registerWalkIn(activity.id, { name, phone }, staff.id);
  return { activity, staff, user: await prisma.user.findUniqueOrThrow({ where: { phone } }) };
}

test("registering: code to the phone, then the account, logged in; without the right code nothing is created", async () => {
  const phone = freshPhone();
  expect((await postForm(server, "/register", { intent: "sendCode", phone })).status).toBe(200);
  expect(await lastMessage(phone)).toMatchObject({ kind: "code.register", channel: "sms" });
  const code = await lastCode(phone);

  const wrong = await register({ phone, code: wrongCode(code) });
  expect(wrong.status).toBe(400);
  expect(await wrong.text()).toContain("验证码不正确");
  const noCode = await register({ phone });
  expect(noCode.status).toBe(400);
  expect(await noCode.text()).toContain("请输入 6 位数字验证码");
  expect(await prisma.user.count({ where: { phone } })).toBe(0);

  const ok = await register({ phone, code });
  expect(ok.status).toBe(302);
  expect(ok.headers.get("location")).toBe("/me/profile?welcome=1");
  expect(cookieFrom(ok)).not.toBeNull();
  expect(await prisma.user.findUniqueOrThrow({ where: { phone } })).toMatchObject({ name: "新工友", unclaimed: false });
});

test("a number whose account is claimed cannot be registered again, even with its code", async () => {
  const user = await createUser({ phone: freshPhone() });
  await postForm(server, "/register", { intent: "sendCode", phone: user.phone! });
  const taken = await register({ phone: user.phone!, code: await lastCode(user.phone!) });
  expect(taken.status).toBe(400);
  expect(await taken.text()).toContain("该手机号已有账号");
  expect(await prisma.user.count({ where: { phone: user.phone! } })).toBe(1);
});

test("registering with an unclaimed walk-in's number claims that account (same history) instead of failing", async () => {
  const phone = freshPhone();
  const { user, activity } = await walkIn(phone);
  expect(user.unclaimed).toBe(true);
  await postForm(server, "/register", { intent: "sendCode", phone });
  const claimed = await register({ phone, code: await lastCode(phone), name: "王小明" });
  expect(claimed.status).toBe(302);
  const after = await prisma.user.findUniqueOrThrow({ where: { phone } });
  expect(after).toMatchObject({ id: user.id, name: "王小明", unclaimed: false });
  // The attendance recorded at the door is theirs.
  expect(await prisma.registration.count({ where: { userId: user.id, activityId: activity.id } })).toBe(1);
  const login = await postForm(server, "/login", { identifier: phone, password: "Secret123" });
  expect(login.status).toBe(302);
});

test("the door's QR leads to the claim page: phone prefilled, code, password, then the join application with the activity", async () => {
  const phone = freshPhone();
  const { user, activity } = await walkIn(phone);
  const page = await getPage(server, `/claim?phone=${phone}&from=activity:${activity.id}`);
  expect(page.status).toBe(200);
  expect(await page.text()).toContain(`value="${phone}"`);

  const send = await postForm(server, "/claim", { intent: "sendCode", phone, from: `activity:${activity.id}` });
  expect(send.status).toBe(200);
  expect((await lastMessage(phone)).kind).toBe("code.claim");
  const code = await lastCode(phone);
  const claim = (fields: Record<string, string>) =>
    postForm(server, "/claim", {
      intent: "claim",
      phone,
      password: "Worker2026",
      confirmPassword: "Worker2026",
      from: `activity:${activity.id}`,
      ...fields,
    });

  // A wrong code or a mismatched password changes nothing: the account stays unclaimed, as it was.
  expect((await claim({ code: wrongCode(code) })).status).toBe(400);
  expect((await claim({ code, confirmPassword: "Other2026" })).status).toBe(400);
  expect(await prisma.user.findUniqueOrThrow({ where: { id: user.id } })).toMatchObject({
    unclaimed: true,
    passwordHash: user.passwordHash,
  });

  const ok = await claim({ code });
  expect(ok.status).toBe(302);
  expect(ok.headers.get("location")).toBe(`/join/go?from=activity%3A${activity.id}`);
  const cookie = cookieFrom(ok)!;
  const go = await getPage(server, ok.headers.get("location")!, { cookie });
  expect(go.status).toBe(302);
  expect(go.headers.get("location")).toBe(`/join?from=${encodeURIComponent(`activity:${activity.id}`)}`);
  expect((await getPage(server, go.headers.get("location")!, { cookie })).status).toBe(200);
  expect(await prisma.user.findUniqueOrThrow({ where: { id: user.id } })).toMatchObject({ unclaimed: false });
  expect((await postForm(server, "/login", { identifier: phone, password: "Worker2026" })).status).toBe(302);
  // The code is spent: the claim cannot be replayed.
  expect((await claim({ code })).status).toBe(400);
});

test("a walk-in at a second activity with a still-unclaimed number is seated there too, and the claim keeps both", async () => {
  const phone = freshPhone();
  const first = await walkIn(phone);
  const second = await walkIn(phone);
  expect(second.user.id).toBe(first.user.id);
  const attended = await prisma.registration.count({ where: { userId: first.user.id, attendedAt: { not: null } } });
  expect(attended).toBe(2);
  expect(await prisma.unclaimedWalkIn.count({ where: { userId: first.user.id } })).toBe(0);
  // A claimed account's number at the door is still held for its owner to confirm (issue 8).
  const owner = await createUser({ phone: freshPhone() });
  const held = await walkIn(owner.phone!);
  expect(held.user.id).toBe(owner.id);
  expect(await prisma.unclaimedWalkIn.count({ where: { userId: owner.id } })).toBe(1);
});
