import ExcelJS from "exceljs";
import { afterAll, beforeAll, expect, test } from "vitest";
import { signUp } from "~/domain/activities/registration.server";
import { createUser, grantRole } from "~/seed/factories.server";
import { prisma } from "~/utils/db.server";
import { getPage, postForm, sessionCookieFor, startServer, type TestServer } from "../helpers/server";
import { makeActivity, makeCenter, makeUsers } from "./helpers";

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server.close());

const EN = { "Accept-Language": "en" };

test("center staff cannot see, change, export or check in at another center's activity", async () => {
  const mine = await makeCenter("甲县");
  const theirs = await makeCenter("乙县");
  const activity = await makeActivity(theirs.center, { status: "draft" });
  const cookie = await sessionCookieFor(mine.staff.id);
  expect((await getPage(server, `/center/activities/${activity.id}`, { cookie })).status).toBe(403);
  expect((await getPage(server, `/center/activities/${activity.id}/export?format=csv`, { cookie })).status).toBe(403);
  expect((await getPage(server, `/center/activities/${activity.id}/checkin`, { cookie })).status).toBe(403);
  expect((await postForm(server, `/center/activities/${activity.id}`, { intent: "publish" }, { cookie })).status).toBe(
    403,
  );
  expect((await postForm(server, `/center/activities/${activity.id}`, { intent: "cancel" }, { cookie })).status).toBe(
    403,
  );
  expect((await prisma.activity.findUniqueOrThrow({ where: { id: activity.id } })).status).toBe("draft");
  // Their own staff may.
  const own = await sessionCookieFor(theirs.staff.id);
  expect(
    (await postForm(server, `/center/activities/${activity.id}`, { intent: "publish" }, { cookie: own })).status,
  ).toBe(302);
  expect((await prisma.activity.findUniqueOrThrow({ where: { id: activity.id } })).status).toBe("published");
});

test("a worker cannot check anyone in, nor open the center pages", async () => {
  const { center } = await makeCenter();
  const activity = await makeActivity(center);
  const [worker, other] = await makeUsers(2);
  await signUp({ activityId: activity.id, userId: other.id, answers: {} });
  const reg = await prisma.registration.findFirstOrThrow({ where: { userId: other.id } });
  const cookie = await sessionCookieFor(worker.id);
  const res = await postForm(
    server,
    `/center/activities/${activity.id}/checkin`,
    { intent: "code", code: reg.checkinCode },
    { cookie },
  );
  expect(res.status).toBe(403);
  expect((await getPage(server, "/center", { cookie })).status).toBe(403);
  expect((await prisma.registration.findUniqueOrThrow({ where: { id: reg.id } })).attendedAt).toBeNull();
});

function activityForm(centerId: string, overrides: Record<string, string> = {}) {
  const form = new FormData();
  const fields: Record<string, string> = {
    title: "职工篮球联赛",
    description: "三人制篮球赛",
    category: "sports_culture",
    address: "体育馆",
    centerId,
    startsAt: "2030-05-01T09:00",
    endsAt: "2030-05-01T12:00",
    signupOpensAt: "2030-04-01T09:00",
    signupClosesAt: "2030-04-30T18:00",
    capacity: "24",
    waitlistEnabled: "on",
    eligibility: "all",
    "questions[0].label": "队伍名称",
    "questions[0].kind": "text",
    "questions[0].required": "on",
    "questions[0].options": "",
    "questions[1].label": "球衣尺码",
    "questions[1].kind": "single",
    "questions[1].options": "M\nL\nXL",
    "questions[2].label": "",
    "questions[2].kind": "text",
    "questions[2].options": "",
    ...overrides,
  };
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  return form;
}

test("creating an activity: bad input gets field messages and a 400 with nothing written; good input saves it with its questions", async () => {
  const { center, staff } = await makeCenter();
  const cookie = await sessionCookieFor(staff.id);
  const bad = await postForm(
    server,
    "/center/activities/new",
    activityForm(center.id, {
      title: "",
      endsAt: "2030-05-01T08:00",
      capacity: "0",
      "questions[1].options": "只有一个",
    }),
    { cookie, headers: EN },
  );
  expect(bad.status).toBe(400);
  const html = await bad.text();
  expect(html).toContain("This field is required");
  expect(html).toContain("The end must be after the start");
  expect(html).toContain("Must be greater than 0");
  expect(html).toContain("A choice question needs at least two options");
  expect(await prisma.activity.count({ where: { centerId: center.id } })).toBe(0);

  const fake = activityForm(center.id);
  fake.append("cover", new Blob(["<svg onload=alert(1)>"], { type: "image/png" }), "cover.png");
  const badCover = await postForm(server, "/center/activities/new", fake, { cookie, headers: EN });
  expect(badCover.status).toBe(400);
  expect(await badCover.text()).toContain("Unsupported file type");
  expect(await prisma.activity.count({ where: { centerId: center.id } })).toBe(0);

  const ok = activityForm(center.id);
  const png = Buffer.from(
    "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8ffff3f0005fe02fea7d6a4b80000000049454e44ae426082",
    "hex",
  );
  ok.append("cover", new Blob([png], { type: "image/png" }), "cover.png");
  const good = await postForm(server, "/center/activities/new", ok, { cookie });
  expect(good.status).toBe(302);
  const saved = await prisma.activity.findFirstOrThrow({
    where: { centerId: center.id },
    include: { questions: { orderBy: { position: "asc" } } },
  });
  expect(saved).toMatchObject({
    title: "职工篮球联赛",
    status: "draft",
    capacity: 24,
    countyId: center.countyId,
    waitlistEnabled: true,
  });
  expect(saved.coverFileId).not.toBeNull();
  expect(saved.startsAt.toISOString()).toBe("2030-05-01T01:00:00.000Z");
  expect(saved.questions.map((q) => [q.label, q.kind, q.required, JSON.parse(q.options)])).toEqual([
    ["队伍名称", "text", true, []],
    ["球衣尺码", "single", false, ["M", "L", "XL"]],
  ]);
});

test("a cover larger than 5 MB is refused with a message", async () => {
  const { center, staff } = await makeCenter();
  const cookie = await sessionCookieFor(staff.id);
  const form = activityForm(center.id);
  const big = new Uint8Array(5 * 1024 * 1024 + 10);
  big.set([0xff, 0xd8, 0xff]);
  form.append("cover", new Blob([big], { type: "image/jpeg" }), "big.jpg");
  const res = await postForm(server, "/center/activities/new", form, { cookie, headers: EN });
  expect(res.status).toBe(400);
  expect(await res.text()).toContain("File too large");
  expect(await prisma.activity.count({ where: { centerId: center.id } })).toBe(0);
});

test("the .ics file is a valid calendar with UTC times, title, place and a stable UID", async () => {
  const { center } = await makeCenter();
  const activity = await makeActivity(center, { title: "职工健步走", startsAt: new Date("2030-03-02T00:30:00Z") });
  const res = await getPage(server, `/activities/${activity.id}/calendar.ics`);
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toContain("text/calendar");
  const body = await res.text();
  const lines = body.split("\r\n");
  expect(body.split("\n").length).toBe(lines.length); // every line ends with CRLF
  expect(lines[0]).toBe("BEGIN:VCALENDAR");
  expect(lines).toContain("BEGIN:VEVENT");
  expect(lines).toContain("DTSTART:20300302T003000Z");
  expect(lines).toContain("DTEND:20300302T023000Z");
  expect(lines.some((l) => l === `UID:activity-${activity.id}@xingguang`)).toBe(true);
  expect(body).toContain("SUMMARY:职工健步走");
  expect(body).toContain("LOCATION:测试县文化路 1 号");
  expect(lines.filter(Boolean).at(-1)).toBe("END:VCALENDAR");
});

function parseCsv(text: string) {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") {
      row.push(cell);
      cell = "";
    } else if (ch === "\r" && text[i + 1] === "\n") {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = "";
      i++;
    } else cell += ch;
  }
  return rows;
}

test("attendance exports as CSV (with BOM) and XLSX, with one column per question and tricky answers intact", async () => {
  const { center, staff } = await makeCenter();
  const activity = await makeActivity(center, {
    questions: [
      { kind: "text", label: "备注" },
      { kind: "multiple", label: "时段", options: ["上午", "下午"] },
    ],
  });
  const [q1, q2] = activity.questions;
  const a = await createUser({ name: "张三", phone: "13912340001", email: null });
  const b = await createUser({ name: "李四", phone: "13912340002", email: null });
  await signUp({
    activityId: activity.id,
    userId: a.id,
    answers: { [q1.id]: '带 "家属", 一人\n第二行', [q2.id]: ["上午", "下午"] },
  });
  await signUp({ activityId: activity.id, userId: b.id, answers: { [q1.id]: "=SUM(A1)" } });
  const cookie = await sessionCookieFor(staff.id);
  const regA = await prisma.registration.findFirstOrThrow({ where: { userId: a.id } });
  await postForm(
    server,
    `/center/activities/${activity.id}/checkin`,
    { intent: "code", code: regA.checkinCode },
    { cookie },
  );

  const csvRes = await getPage(server, `/center/activities/${activity.id}/export?format=csv`, { cookie });
  expect(csvRes.headers.get("content-type")).toContain("text/csv");
  const bytes = new Uint8Array(await csvRes.arrayBuffer());
  expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const rows = parseCsv(new TextDecoder().decode(bytes.slice(3)));
  expect(rows[0]).toEqual([
    "姓名",
    "手机号",
    "状态",
    "签到码",
    "报名时间",
    "签到时间",
    "现场报名",
    "工会会员",
    "备注",
    "时段",
  ]);
  const zhang = rows.find((r) => r[0] === "张三")!;
  // Phones are masked unless contact details are asked for with a purpose (test/privacy/exports.test.ts).
  expect(zhang[1]).toBe("139****0001");
  expect(zhang[5]).not.toBe("");
  expect(zhang.slice(8)).toEqual(['带 "家属", 一人\n第二行', "上午; 下午"]);
  expect(rows.find((r) => r[0] === "李四")![8]).toBe("'=SUM(A1)");

  const xlsxRes = await getPage(server, `/center/activities/${activity.id}/export?format=xlsx`, { cookie });
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(await xlsxRes.arrayBuffer());
  const sheet = workbook.worksheets[0];
  expect(sheet.getRow(1).values).toEqual([undefined, ...rows[0]]);
  const values = [2, 3].map((n) => (sheet.getRow(n).values as string[]).slice(1));
  const zhangX = values.find((v) => v[0] === "张三")!;
  expect(zhangX.slice(8)).toEqual(['带 "家属", 一人\n第二行', "上午; 下午"]);

  // The list carries names and phone numbers: every download is in the audit log, who and which format.
  const logs = await prisma.auditLog.findMany({
    where: { action: "export", entity: "Activity", entityId: activity.id },
    orderBy: { id: "asc" },
  });
  expect(logs.map((l) => [l.actorId, l.orgId, JSON.parse(l.after!).format, JSON.parse(l.after!).rows])).toEqual([
    [staff.id, center.id, "csv", 2],
    [staff.id, center.id, "xlsx", 2],
  ]);
  expect(csvRes.headers.get("content-disposition")).toMatch(
    /^attachment; filename="attendance\.csv"; filename\*=UTF-8''/,
  );
});

test("the detail page renders Markdown safely and counts one view per anonymous visitor per day", async () => {
  const { center } = await makeCenter();
  const activity = await makeActivity(center);
  await prisma.activity.update({
    where: { id: activity.id },
    data: {
      description: "**重要**<script>alert(1)</script> [坏链接](javascript:alert(1)) [好链接](https://example.com)",
    },
  });
  // Anonymous visitors are told apart by address and browser (see visitorKey), not by a cookie.
  const phone = {
    "User-Agent": "Mozilla/5.0 (Linux; Android 13; V2227A) AppleWebKit/537.36 Chrome/120.0 Mobile Safari/537.36",
  };
  const first = await getPage(server, `/activities/${activity.id}`, { headers: phone });
  const html = await first.text();
  expect(html).toContain("<strong>重要</strong>");
  expect(html).not.toContain("<script>alert(1)</script>");
  expect(html).toContain("&lt;script&gt;");
  expect(html).not.toMatch(/href="javascript:/);
  expect(html).toContain('href="https://example.com"');
  expect(first.headers.get("set-cookie")).toBeNull();
  await getPage(server, `/activities/${activity.id}`, { headers: phone });
  await getPage(server, `/activities/${activity.id}`, {
    headers: { "User-Agent": phone["User-Agent"].replace("V2227A", "PGT-AN10") },
  });
  const views = await prisma.funnelEvent.findMany({ where: { activityId: activity.id, step: "view" } });
  expect(views).toHaveLength(2); // two visitors, the first one counted once
  expect(views.every((v) => v.userId === null && v.isMigrant === null)).toBe(true);
});

test("sign-up through HTTP: members-only refusal is explained; the confirmation shows the QR, the code and a join invitation for non-members only", async () => {
  const { center, county } = await makeCenter();
  const membersOnly = await makeActivity(center, { eligibility: "members" });
  const open = await makeActivity(center);
  const [worker, member] = await makeUsers(2);
  await prisma.membership.create({
    data: {
      userId: member.id,
      unionId: county.id,
      number: `M-${member.id}`,
      since: new Date(),
      verifyToken: `t-${member.id}`,
    },
  });
  const cookie = await sessionCookieFor(worker.id);
  const refused = await postForm(server, `/activities/${membersOnly.id}`, {}, { cookie, headers: EN });
  expect(refused.status).toBe(409);
  expect(await refused.text()).toContain("This activity is for union members only.");

  const ok = await postForm(server, `/activities/${open.id}`, {}, { cookie });
  expect(ok.headers.get("location")).toBe(`/activities/${open.id}/registration?new=1`);
  const page = await (await getPage(server, `/activities/${open.id}/registration?new=1`, { cookie })).text();
  const reg = await prisma.registration.findFirstOrThrow({ where: { userId: worker.id } });
  expect(page).toContain("<svg");
  expect(page).toContain(reg.checkinCode);
  expect(page).toContain(`/join/go?from=activity:${open.id}`);

  const memberCookie = await sessionCookieFor(member.id);
  await postForm(server, `/activities/${open.id}`, {}, { cookie: memberCookie });
  const memberPage = await (
    await getPage(server, `/activities/${open.id}/registration`, { cookie: memberCookie })
  ).text();
  expect(memberPage).not.toContain("/join/go?from=");
});

test("check-in by code marks attendance once, shows staff the join invitation for a non-member, and can be undone", async () => {
  const { center, staff } = await makeCenter();
  const activity = await makeActivity(center);
  const [worker] = await makeUsers(1);
  await signUp({ activityId: activity.id, userId: worker.id, answers: {} });
  const reg = await prisma.registration.findFirstOrThrow({ where: { userId: worker.id } });
  const cookie = await sessionCookieFor(staff.id);
  const scanned = `XGA:${activity.id}:${reg.checkinCode.toLowerCase()}`;
  const res = await postForm(
    server,
    `/center/activities/${activity.id}/checkin`,
    { intent: "code", code: scanned },
    { cookie, headers: EN },
  );
  expect(res.status).toBe(200);
  const html = await res.text();
  expect(html).toContain("is checked in");
  expect(html).toContain("is not a union member yet");
  expect((await prisma.registration.findUniqueOrThrow({ where: { id: reg.id } })).attendedAt).not.toBeNull();
  await postForm(
    server,
    `/center/activities/${activity.id}/checkin`,
    { intent: "checkin", registrationId: reg.id },
    { cookie },
  );
  expect(await prisma.funnelEvent.count({ where: { activityId: activity.id, step: "attend" } })).toBe(1);

  const wrong = await postForm(
    server,
    `/center/activities/${activity.id}/checkin`,
    { intent: "code", code: "ZZZZZZ" },
    { cookie, headers: EN },
  );
  expect(wrong.status).toBe(404);
  expect(await wrong.text()).toContain("Unknown code");

  await postForm(
    server,
    `/center/activities/${activity.id}/checkin`,
    { intent: "undo", registrationId: reg.id },
    { cookie },
  );
  expect((await prisma.registration.findUniqueOrThrow({ where: { id: reg.id } })).attendedAt).toBeNull();
});

test("a walk-in is registered and checked in, with an account found or opened by phone", async () => {
  const { center, staff } = await makeCenter();
  const activity = await makeActivity(center, { capacity: 1 });
  const cookie = await sessionCookieFor(staff.id);
  const res = await postForm(
    server,
    `/center/activities/${activity.id}/checkin`,
    { intent: "walkin", name: "现场职工", phone: "13655550000" },
    { cookie },
  );
  expect(res.status).toBe(200);
  const reg = await prisma.registration.findFirstOrThrow({
    where: { activityId: activity.id },
    include: { user: true },
  });
  expect(reg).toMatchObject({ walkIn: true, status: "confirmed" });
  expect(reg.attendedAt).not.toBeNull();
  expect(reg.user.phone).toBe("13655550000");
  const bad = await postForm(
    server,
    `/center/activities/${activity.id}/checkin`,
    { intent: "walkin", name: "某人", phone: "123" },
    { cookie },
  );
  expect(bad.status).toBe(400);
  expect(await bad.text()).toContain("请输入 11 位中国大陆手机号（以 1 开头）");
});

test("two staff entering the same new walk-in at once make one account and one checked-in seat", async () => {
  const { center, staff } = await makeCenter();
  const activity = await makeActivity(center, { capacity: 5 });
  const cookie = await sessionCookieFor(staff.id);
  const post = () =>
    postForm(
      server,
      `/center/activities/${activity.id}/checkin`,
      { intent: "walkin", name: "同时登记", phone: "13655550077" },
      { cookie },
    );
  const answers = await Promise.all([post(), post(), post()]);
  expect(answers.map((r) => r.status)).toEqual([200, 200, 200]);
  expect(await prisma.user.count({ where: { phone: "13655550077" } })).toBe(1);
  const regs = await prisma.registration.findMany({ where: { activityId: activity.id } });
  expect(regs).toHaveLength(1);
  expect(regs[0].attendedAt).not.toBeNull();
  expect((await prisma.activity.findUniqueOrThrow({ where: { id: activity.id } })).confirmedCount).toBe(1);
});

test("a cancelled activity takes no check-ins and no walk-ins, and nothing is written", async () => {
  const { center, staff } = await makeCenter();
  const activity = await makeActivity(center, { capacity: 5 });
  const [worker] = await makeUsers(1);
  const { registrationId } = (await signUp({ activityId: activity.id, userId: worker.id, answers: {} })) as {
    registrationId: string;
  };
  await prisma.activity.update({ where: { id: activity.id }, data: { status: "cancelled" } });
  const cookie = await sessionCookieFor(staff.id);
  const checkin = await postForm(
    server,
    `/center/activities/${activity.id}/checkin`,
    { intent: "checkin", registrationId },
    { cookie, headers: EN },
  );
  expect(checkin.status).toBe(400);
  expect(await checkin.text()).toContain("not published, or was cancelled");
  const walkIn = await postForm(
    server,
    `/center/activities/${activity.id}/checkin`,
    { intent: "walkin", name: "迟到者", phone: "13655550078" },
    { cookie },
  );
  expect(walkIn.status).toBe(400);
  expect(await prisma.user.count({ where: { phone: "13655550078" } })).toBe(0);
  expect(await prisma.registration.count({ where: { activityId: activity.id, attendedAt: { not: null } } })).toBe(0);
});

test("the list filters by category, county and seats left, and searches by keyword", async () => {
  const a = await makeCenter("丙县");
  const b = await makeCenter("丁县");
  await makeActivity(a.center, { title: "丙县象棋比赛", category: "sports_culture" });
  await makeActivity(b.center, { title: "丁县电焊培训", category: "skills_training", capacity: 1 });
  const [u] = await makeUsers(1);
  const full = await prisma.activity.findFirstOrThrow({ where: { title: "丁县电焊培训" } });
  await signUp({ activityId: full.id, userId: u.id, answers: {} });
  const list = async (q: string) => await (await getPage(server, `/activities?${q}`)).text();
  expect(await list(`category=skills_training`)).toContain("丁县电焊培训");
  expect(await list(`category=skills_training`)).not.toContain("丙县象棋比赛");
  expect(await list(`county=${a.county.id}`)).toContain("丙县象棋比赛");
  expect(await list(`county=${a.county.id}`)).not.toContain("丁县电焊培训");
  expect(await list(`seats=1&q=${encodeURIComponent("丁县")}`)).not.toContain("丁县电焊培训");
  expect(await list(`q=${encodeURIComponent("象棋")}`)).toContain("丙县象棋比赛");
  expect(await list(`q=${encodeURIComponent("象棋")}`)).not.toContain("丁县电焊培训");
});

test("the center dashboard shows views, sign-ups, waiting, cancelled, attended and join clicks per activity and in total", async () => {
  const { center, staff } = await makeCenter();
  const activity = await makeActivity(center, { capacity: 1, title: "看板测试活动" });
  const [a, b] = await makeUsers(2);
  await signUp({ activityId: activity.id, userId: a.id, answers: {} });
  await signUp({ activityId: activity.id, userId: b.id, answers: {} });
  await getPage(server, `/activities/${activity.id}`, {
    headers: { "User-Agent": "Mozilla/5.0 (Linux; Android 13) Chrome/120.0 Mobile Safari/537.36" },
  });
  await getPage(server, `/join/go?from=activity:${activity.id}`, { cookie: await sessionCookieFor(a.id) });
  const other = await createUser();
  await grantRole(other.id, "center_staff", (await makeCenter("戊县")).center.id);
  const html = await (
    await getPage(server, "/center", { cookie: await sessionCookieFor(staff.id), headers: EN })
  ).text();
  const row = html.slice(html.indexOf("看板测试活动"), html.indexOf("</tr>", html.indexOf("看板测试活动")));
  const cells = [...row.matchAll(/<td[^>]*>([^<]*)<\/td>/g)].map((m) => m[1]);
  expect(cells).toEqual(["1", "1", "1", "0", "0", "0%", "1"]);
  const otherHtml = await (await getPage(server, "/center", { cookie: await sessionCookieFor(other.id) })).text();
  expect(otherHtml).not.toContain("看板测试活动");
});

test("staff edit an activity (questions keep their ids, removed ones go), duplicate it as a draft, and cancel it with notifications", async () => {
  const { center, staff } = await makeCenter();
  const activity = await makeActivity(center, {
    title: "原活动",
    questions: [
      { kind: "text", label: "保留的问题" },
      { kind: "text", label: "要删除的问题" },
    ],
  });
  const [keep, drop] = activity.questions;
  const [worker] = await makeUsers(1);
  await signUp({ activityId: activity.id, userId: worker.id, answers: {} });
  const cookie = await sessionCookieFor(staff.id);
  const page = await getPage(server, `/center/activities/${activity.id}`, { cookie });
  expect(page.status).toBe(200);
  expect(await page.text()).toContain("要删除的问题");

  const form = activityForm(center.id, {
    title: "改过的活动",
    capacity: "15",
    "questions[0].id": keep.id,
    "questions[0].label": "保留的问题（改）",
    "questions[0].kind": "text",
    "questions[1].label": "",
    "questions[1].kind": "text",
    "questions[1].options": "",
  });
  form.append("questions[1].id", drop.id);
  expect((await postForm(server, `/center/activities/${activity.id}`, form, { cookie })).status).toBe(302);
  const saved = await prisma.activity.findUniqueOrThrow({ where: { id: activity.id }, include: { questions: true } });
  expect(saved.title).toBe("改过的活动");
  expect(saved.capacity).toBe(15);
  expect(saved.questions.map((q) => [q.id, q.label])).toEqual([[keep.id, "保留的问题（改）"]]);

  const dup = await postForm(server, `/center/activities/${activity.id}`, { intent: "duplicate" }, { cookie });
  expect(dup.status).toBe(302);
  const copyId = dup.headers.get("location")!.split("/")[3].split("?")[0];
  const copy = await prisma.activity.findUniqueOrThrow({ where: { id: copyId }, include: { questions: true } });
  expect(copy).toMatchObject({ title: "改过的活动（副本）", status: "draft", confirmedCount: 0 });
  expect(copy.questions.map((q) => q.label)).toEqual(["保留的问题（改）"]);

  expect((await postForm(server, `/center/activities/${activity.id}`, { intent: "cancel" }, { cookie })).status).toBe(
    302,
  );
  expect((await prisma.activity.findUniqueOrThrow({ where: { id: activity.id } })).status).toBe("cancelled");
  expect(await prisma.notification.count({ where: { userId: worker.id, kind: "activities.notify.cancelled" } })).toBe(
    1,
  );
  // Cancelling again, or publishing a cancelled activity, says so and changes nothing.
  const again = await postForm(server, `/center/activities/${activity.id}`, { intent: "cancel" }, { cookie });
  expect(again.status).toBe(409);
  expect(await again.text()).toContain("此活动已经取消");
  const republish = await postForm(server, `/center/activities/${activity.id}`, { intent: "publish" }, { cookie });
  expect(republish.status).toBe(409);
  expect(await republish.text()).toContain("只有草稿可以发布");
  expect((await prisma.activity.findUniqueOrThrow({ where: { id: activity.id } })).status).toBe("cancelled");
  expect(await prisma.notification.count({ where: { userId: worker.id, kind: "activities.notify.cancelled" } })).toBe(
    1,
  );
});

test("the center pages and my activities render for their users", async () => {
  const { center, staff } = await makeCenter();
  const activity = await makeActivity(center, { title: "渲染检查活动" });
  const [worker] = await makeUsers(1);
  await signUp({ activityId: activity.id, userId: worker.id, answers: {} });
  const staffCookie = await sessionCookieFor(staff.id);
  for (const path of [
    "/center",
    "/center/activities/new",
    `/center/activities/${activity.id}/checkin?q=${encodeURIComponent("测试")}`,
  ]) {
    expect((await getPage(server, path, { cookie: staffCookie })).status, path).toBe(200);
  }
  const mine = await getPage(server, "/me/activities", { cookie: await sessionCookieFor(worker.id) });
  expect(mine.status).toBe(200);
  const html = await mine.text();
  expect(html).toContain("渲染检查活动");
  expect(html).toContain("<svg");
});
