// Issue #12 items 9–11 over HTTP: the members-only refusal leads to the join form; the join form
// speaks English names, shows every error at once and folds its optional parts; an employer typed
// in by one applicant waits for review before others see it; a birth date is a calendar date that
// survives any number of re-applications; dates read the way each language writes them.
import { afterAll, beforeAll, expect, test } from "vitest";
import { approveApplication, rejectApplication } from "~/domain/membership/applications.server";
import { createOrg, createUser, withCreditCheck } from "~/seed/factories.server";
import { prisma } from "~/utils/db.server";
import { toCalendarDateKey } from "~/utils/time";
import { makeActivity } from "../activities/helpers";
import { getPage, postForm, sessionCookieFor, startServer, type TestServer } from "../helpers/server";
import { makeCity, type City } from "./fixtures";

let server: TestServer;
let c: City;
beforeAll(async () => {
  server = await startServer();
  c = await makeCity();
});
afterAll(() => server.close());

const EN = { "Accept-Language": "en" };

function application(extra: Record<string, string> = {}) {
  return {
    name: "王小明",
    gender: "male",
    birthDate: "1988-03-14",
    phone: "13912340000",
    enterpriseId: c.shop.id,
    employmentType: "full_time",
    isMigrant: "no",
    consentSensitive: "yes",
    ...extra,
  };
}

/** The value the page prefills into an input, as a browser would submit it unchanged. */
function inputValue(html: string, name: string) {
  const tag = html.match(new RegExp(`<input[^>]*name="${name}"[^>]*>`))?.[0] ?? "";
  return tag.match(/value="([^"]*)"/)?.[1] ?? null;
}

test("a members-only activity's refusal links to the join form through the counted join link", async () => {
  const activity = await makeActivity(c.centerA, { eligibility: "members", title: "会员专场观影" });
  const worker = await createUser({ countyId: c.countyA.id });
  const cookie = await sessionCookieFor(worker.id);
  const html = await (await getPage(server, `/activities/${activity.id}`, { cookie })).text();
  expect(html).toContain("该活动仅限工会会员报名");
  expect(html).toContain(`href="/join/go?from=activity:${activity.id}"`);
  const go = await getPage(server, `/join/go?from=activity:${activity.id}`, { cookie });
  expect(go.status).toBe(302);
  expect(go.headers.get("Location")).toBe(`/join?from=${encodeURIComponent(`activity:${activity.id}`)}`);
});

test("in English the join form names counties and unions in English where they have an English name", async () => {
  const county = await createOrg({
    kind: "county",
    name: "丙县总工会",
    nameEn: "Bingxian Federation of Trade Unions",
    parentId: c.city.id,
  });
  await createOrg({
    kind: "union",
    unionType: "joint",
    name: "丙县联合工会",
    nameEn: "Bingxian Joint Union",
    parentId: county.id,
  });
  const worker = await createUser({ countyId: county.id });
  const cookie = await sessionCookieFor(worker.id);
  const en = await (await getPage(server, `/join?county=${county.id}`, { cookie, headers: EN })).text();
  expect(en).toContain("Bingxian Federation of Trade Unions");
  expect(en).toContain("Suggested: Bingxian Joint Union");
  expect(en).not.toContain("丙县联合工会");
  const zh = await (await getPage(server, `/join?county=${county.id}`, { cookie })).text();
  expect(zh).toContain("丙县联合工会");
  expect(zh).not.toContain("Bingxian Joint Union");
});

test("the join form folds its optional parts and reports every error in one round, employer included", async () => {
  const worker = await createUser({ countyId: c.countyA.id });
  const cookie = await sessionCookieFor(worker.id);
  const blank = await (await getPage(server, "/join", { cookie })).text();
  // ID number, new employer and migrant-worker details start folded.
  expect(blank.match(/<details[^>]*>/g)?.filter((d) => d.includes(" open")) ?? []).toEqual([]);
  expect((blank.match(/<details/g) ?? []).length).toBeGreaterThanOrEqual(3);

  const res = await postForm(server, "/join", application({ name: "", gender: "", enterpriseId: "" }), { cookie });
  expect(res.status).toBe(400);
  const html = await res.text();
  expect(html).toContain("此项为必填项"); // name
  expect(html).toContain("请选择工作单位，或登记新单位"); // the employer, in the same answer
  expect(html).toContain("有 3 处需要修改");
  expect(await prisma.membershipApplication.count({ where: { userId: worker.id } })).toBe(0);

  // A new employer with a missing credit code: its folded part comes back open, with the error.
  const newEmployer = await postForm(
    server,
    "/join",
    application({
      enterpriseId: "new",
      newName: "新开小店",
      newCountyId: c.countyA.id,
      newIndustry: "retail",
      newSize: "micro",
    }),
    { cookie },
  );
  expect(newEmployer.status).toBe(400);
  const reopened = await newEmployer.text();
  expect(reopened).toMatch(/<details[^>]* open=""[^>]*>\s*<summary[^>]*>[^<]*登记新单位/);
  expect(reopened).toContain("新开小店");
});

test("an employer typed in by one applicant is offered to others only after staff approve that application", async () => {
  const first = await createUser({ countyId: c.countyA.id });
  const other = await createUser({ countyId: c.countyA.id });
  const creditCode = withCreditCheck("91141000MA0KR9001");
  const res = await postForm(
    server,
    "/join",
    application({
      enterpriseId: "new",
      newName: "待审核的新单位",
      newCreditCode: creditCode,
      newCountyId: c.countyA.id,
      newIndustry: "retail",
      newSize: "micro",
      phone: "13912340001",
    }),
    { cookie: await sessionCookieFor(first.id) },
  );
  expect(res.status).toBe(302);
  const enterprise = await prisma.enterprise.findUniqueOrThrow({ where: { creditCode } });

  const otherCookie = await sessionCookieFor(other.id);
  const before = await (await getPage(server, `/join?county=${c.countyA.id}`, { cookie: otherCookie })).text();
  expect(before).toContain(c.shop.name);
  expect(before).not.toContain("待审核的新单位");
  // Posting its id anyway is refused like any unknown employer.
  const sneaked = await postForm(server, "/join", application({ enterpriseId: enterprise.id, phone: "13912340002" }), {
    cookie: otherCookie,
  });
  expect(sneaked.status).toBe(400);
  expect(await prisma.membershipApplication.count({ where: { userId: other.id } })).toBe(0);

  const app = await prisma.membershipApplication.findFirstOrThrow({ where: { userId: first.id } });
  await approveApplication(app.id, c.staffA.id);
  const after = await (await getPage(server, `/join?county=${c.countyA.id}`, { cookie: otherCookie })).text();
  expect(after).toContain("待审核的新单位");
});

test("a rejected applicant re-applies three times with the prefilled form and the birth date never moves", async () => {
  const worker = await createUser({ countyId: c.countyA.id });
  const cookie = await sessionCookieFor(worker.id);
  let birthDate = "1988-03-14";
  for (let round = 0; round < 3; round++) {
    const res = await postForm(server, "/join", application({ birthDate, phone: "13912340003" }), { cookie });
    expect(res.status).toBe(302);
    const app = await prisma.membershipApplication.findFirstOrThrow({
      where: { userId: worker.id, status: "pending" },
    });
    expect(toCalendarDateKey(app.birthDate)).toBe("1988-03-14");
    // Staff read it as that day, in both languages.
    const staff = await sessionCookieFor(c.staffA.id);
    expect(await (await getPage(server, `/union/applications/${app.id}`, { cookie: staff })).text()).toContain(
      "1988年3月14日",
    );
    expect(
      await (await getPage(server, `/union/applications/${app.id}`, { cookie: staff, headers: EN })).text(),
    ).toContain("14 Mar 1988");
    await rejectApplication(app.id, c.staffA.id, "材料不全");
    const form = await (await getPage(server, "/join", { cookie })).text();
    birthDate = inputValue(form, "birthDate") ?? "";
    expect(birthDate).toBe("1988-03-14");
  }
  const user = await prisma.user.findUniqueOrThrow({ where: { id: worker.id } });
  expect(toCalendarDateKey(user.birthDate!)).toBe("1988-03-14");
});

test("dates read as each language writes them: 2026年12月12日 and 12 Dec 2026, ranges included", async () => {
  const startsAt = new Date("2026-12-12T01:30:00Z"); // 09:30 in Beijing
  const activity = await makeActivity(c.centerA, { startsAt, title: "年末职工联欢" });
  const zh = await (await getPage(server, `/activities/${activity.id}`)).text();
  expect(zh).toContain("2026年12月12日 09:30至11:30");
  const en = await (await getPage(server, `/activities/${activity.id}`, { headers: EN })).text();
  expect(en).toContain("12 Dec 2026, 09:30–11:30");
  expect(en).not.toMatch(/\b12\/12\/2026\b/);
});
