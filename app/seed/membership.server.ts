// Demo data for the membership area: unions founded this year and employers still without one,
// applications in every state (one pending for longer than 15 working days), members with cards,
// and six months of funnel events across several counties so the dashboard looks like a real city.
import { randomBytes } from "node:crypto";
import { prisma } from "~/utils/db.server";
import { rebuildFunnelRollup } from "~/utils/funnel.server";
import { toLocalDateKey } from "~/utils/time";
import { idCheckChar } from "~/domain/membership/validators";
import { protectIdNumber } from "~/domain/privacy/id-numbers.server";
import { CONSENT_SENSITIVE, PRIVACY_NOTICE_VERSION } from "~/domain/privacy/notice";
import { createEnterprise, createOrg, createUser } from "./factories.server";
import type { FoundationSeed } from "./foundation.server";

const DAY = 86_400_000;
const SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗";
const GIVEN = [
  "伟",
  "芳",
  "娜",
  "敏",
  "静",
  "丽",
  "强",
  "磊",
  "军",
  "洋",
  "勇",
  "艳",
  "杰",
  "娟",
  "涛",
  "明",
  "超",
  "秀英",
  "霞",
  "平",
  "刚",
  "桂英",
];

// A small deterministic random source, so the demo looks the same on every machine.
function rng(seed = 20261125) {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 2147483648;
  };
}

export async function seedMembership(base: FoundationSeed) {
  const random = rng();
  const pick = <T>(items: T[]) => items[Math.floor(random() * items.length)];
  const now = Date.now();
  const { unions, centers, enterprises, users } = base;

  await prisma.organisation.update({ where: { id: unions.fushanIndustry.id }, data: { industry: "construction" } });
  await prisma.organisation.update({ where: { id: unions.yaoduLogistics.id }, data: { industry: "logistics" } });

  // Organisation building this year: two new unions, and employers still to organise.
  const thisYear = new Date(`${toLocalDateKey().slice(0, 4)}-03-18T12:00:00Z`); // a calendar date
  const houmaJoint = await createOrg({
    kind: "union",
    unionType: "joint",
    name: "侯马市新田街道联合工会",
    parentId: base.houma,
    foundedAt: thisYear,
  });
  const hongtong = base.counties["洪洞县"];
  const hongtongJoint = await createOrg({
    kind: "union",
    unionType: "joint",
    name: "洪洞县大槐树镇联合工会",
    parentId: hongtong,
    foundedAt: new Date(thisYear.getTime() + 60 * DAY),
  });
  const covered = [
    await createEnterprise({
      name: "侯马市鑫源机械加工厂",
      countyId: base.houma,
      industry: "manufacturing",
      size: "small",
      workerCount: 60,
      creditBody: "92141081MA0K10001",
    }),
    await createEnterprise({
      name: "洪洞县槐乡家政服务有限公司",
      countyId: hongtong,
      industry: "services",
      size: "small",
      workerCount: 85,
      creditBody: "91141024MA0K10002",
    }),
  ];
  await prisma.enterprise.update({
    where: { id: covered[0].id },
    data: { unionId: houmaJoint.id, coveredAt: thisYear },
  });
  await prisma.enterprise.update({
    where: { id: covered[1].id },
    data: { unionId: hongtongJoint.id, coveredAt: new Date(thisYear.getTime() + 60 * DAY) },
  });
  const gaps: [string, string, string, string, number][] = [
    ["浮山县顺通货运部", base.fushan, "logistics", "micro", 18],
    ["浮山县佳美超市", base.fushan, "retail", "small", 36],
    ["尧都区好运来外卖配送站", base.yaodu, "logistics", "small", 120],
    ["尧都区康宁养老服务中心", base.yaodu, "healthcare", "small", 54],
    ["侯马市晋南汽修厂", base.houma, "services", "micro", 15],
    ["洪洞县广胜寺景区物业公司", hongtong, "services", "small", 42],
  ];
  let code = 20001;
  for (const [name, countyId, industry, size, workerCount] of gaps) {
    await createEnterprise({ name, countyId, industry, size, workerCount, creditBody: `92141000MA0K${code++}` });
  }

  const houmaCenter = await createOrg({
    kind: "center",
    name: "侯马市职工文化活动中心",
    nameEn: "Houma Worker Cultural Activity Center",
    parentId: base.houma,
    address: "侯马市新田路 88 号",
  });
  const hongtongCenter = await createOrg({
    kind: "center",
    name: "洪洞县职工之家",
    nameEn: "Hongtong Workers' Home",
    parentId: hongtong,
    address: "洪洞县大槐树镇建设路 12 号",
  });

  // Sources: activities and contests the other seeds created, plus the two centers.
  // Only published activities whose sign-up has opened: nobody can see a draft, and the demo's
  // history of an activity starts when its sign-up opened (see maxDay below).
  const activities = await prisma.activity.findMany({
    where: { status: "published", signupOpensAt: { lte: new Date(now) } },
    select: { id: true, centerId: true, countyId: true, category: true, signupOpensAt: true },
    take: 40,
  });
  const contests = await prisma.contest.findMany({
    select: { id: true, kind: true, org: { select: { countyId: true } } },
    take: 10,
  });
  type Source = {
    sourceType: string;
    activityId: string | null;
    contestId: string | null;
    centerId: string | null;
    countyId: string | null;
    category: string | null;
    /** How many days back the source existed (events older than that would predate it). */
    maxDay?: number;
  };
  const sources: Source[] = [
    ...activities.map((a) => ({
      maxDay: Math.floor((now - a.signupOpensAt.getTime()) / DAY),
      sourceType: "activity",
      activityId: a.id,
      contestId: null,
      centerId: a.centerId,
      countyId: a.countyId,
      category: a.category,
    })),
    ...contests.map((c) => ({
      sourceType: "contest",
      activityId: null,
      contestId: c.id,
      centerId: null,
      countyId: c.org.countyId,
      category: c.kind,
    })),
    {
      sourceType: "center",
      activityId: null,
      contestId: null,
      centerId: centers.fushanCenter.id,
      countyId: base.fushan,
      category: null,
    },
    {
      sourceType: "center",
      activityId: null,
      contestId: null,
      centerId: centers.yaoduCenter.id,
      countyId: base.yaodu,
      category: null,
    },
    {
      sourceType: "center",
      activityId: null,
      contestId: null,
      centerId: houmaCenter.id,
      countyId: base.houma,
      category: null,
    },
    {
      sourceType: "center",
      activityId: null,
      contestId: null,
      centerId: hongtongCenter.id,
      countyId: hongtong,
      category: null,
    },
  ];

  // Six months of anonymous views and signed-in steps. Most people stop early; a few apply.
  type Event = { step: string; userId: string | null; day: number; source: Source; isMigrant: boolean | null };
  const events: Event[] = [];
  const workers: { id: string; isMigrant: boolean; source: Source; firstDay: number }[] = [];
  for (let i = 0; i < 90; i++) {
    let firstDay = Math.floor(random() * 175) + 8;
    let source = pick(sources);
    // A source that did not exist yet on that day: a contest or center instead.
    while (source.maxDay !== undefined && source.maxDay < firstDay)
      source = pick(sources.filter((x) => x.sourceType !== "activity"));
    firstDay = Math.min(firstDay, source.maxDay ?? firstDay);
    const isMigrant = random() < 0.45;
    const user = await createUser({
      name: `${pick([...SURNAMES])}${pick(GIVEN)}`,
      phone: `137${String(10000000 + i).padStart(8, "0")}`,
      email: null,
      countyId: source.countyId,
      isMigrant,
      gender: random() < 0.5 ? "male" : "female",
      birthDate: new Date(
        // A calendar date: 12:00 UTC of the day (see app/utils/time.ts).
        Date.UTC(1970 + Math.floor(random() * 35), Math.floor(random() * 12), 1 + Math.floor(random() * 28), 12),
      ),
    });
    workers.push({ id: user.id, isMigrant, source, firstDay });
    // Views and join clicks only: sign-ups, entries and attendance come from the real registrations,
    // check-ins and entries the other seeds made, so every dashboard counts the same people.
    events.push({ step: "view", userId: user.id, day: firstDay, source, isMigrant });
    events.push({ step: "join_click", userId: user.id, day: firstDay - 6, source, isMigrant });
  }
  for (let d = 0; d < 182; d++) {
    const views = 6 + Math.floor(random() * 10) + (d < 60 ? 6 : 0);
    const open = sources.filter((x) => x.maxDay === undefined || x.maxDay >= d);
    for (let v = 0; v < views; v++)
      events.push({ step: "view", userId: null, day: d, source: pick(open), isMigrant: null });
    if (random() < 0.5) events.push({ step: "join_click", userId: null, day: d, source: pick(open), isMigrant: null });
  }

  // Applications: most approved, some pending (one long overdue), one rejected.
  const staff = users.countyStaff;
  const unionFor = (countyId: string | null) =>
    countyId === base.fushan
      ? unions.fushanJoint.id
      : countyId === base.yaodu
        ? unions.yaoduLogistics.id
        : countyId === base.houma
          ? houmaJoint.id
          : countyId === hongtong
            ? hongtongJoint.id
            : unions.fushanJoint.id;
  let seq = 1;
  for (const [i, w] of workers.entries()) {
    if (i >= 70) break;
    const applyDay = Math.max(w.firstDay - 7 - Math.floor(random() * 20), 0);
    const status = i === 0 ? "rejected" : i <= 7 ? "pending" : "approved";
    const createdAt = new Date(now - (i === 1 ? 30 : status === "pending" ? i : applyDay) * DAY);
    const decidedAt =
      status === "pending"
        ? null
        : new Date(Math.min(createdAt.getTime() + (2 + Math.floor(random() * 8)) * DAY, now - 3_600_000));
    const s = w.source;
    const touchAt = new Date(now - w.firstDay * DAY);
    const user = await prisma.user.findUniqueOrThrow({
      where: { id: w.id },
      select: { name: true, phone: true, gender: true, birthDate: true },
    });
    const app = await prisma.membershipApplication.create({
      data: {
        userId: w.id,
        name: user.name,
        gender: user.gender ?? "male",
        birthDate: user.birthDate ?? new Date("1990-01-01"),
        phone: user.phone ?? "13700000000",
        // Fictional numbers with valid check characters (浮山县 141027 as the region): the demo
        // runs the encrypted path like real data; a few applicants left the optional field empty.
        ...(i % 5 === 4 ? {} : protectIdNumber(fictionalIdNumber(user.birthDate, i))),
        enterpriseId: pick([
          enterprises.construction.id,
          enterprises.farm.id,
          enterprises.express.id,
          enterprises.restaurant.id,
        ]),
        employmentType: pick(["full_time", "full_time", "dispatched", "flexible"]),
        isMigrant: w.isMigrant,
        education: w.isMigrant ? pick(["junior_high", "senior_high", "vocational"]) : null,
        industry: w.isMigrant ? pick(["construction", "logistics", "services"]) : null,
        incomeBand: w.isMigrant ? pick(["3000_5000", "5000_8000"]) : null,
        workplace: w.isMigrant ? pick(["临汾市尧都区", "浮山县天坛镇", "侯马市新田街道"]) : null,
        unionId: unionFor(s.countyId),
        countyId: s.countyId ?? base.fushan,
        status,
        rejectReason: status === "rejected" ? "所填工作单位与实际不符，请核实后重新申请。" : null,
        decidedById: decidedAt ? staff.id : null,
        decidedAt,
        firstSourceType: s.sourceType,
        firstActivityId: s.activityId,
        firstContestId: s.contestId,
        firstCenterId: s.centerId,
        firstTouchAt: touchAt,
        lastSourceType: s.sourceType,
        lastActivityId: s.activityId,
        lastContestId: s.contestId,
        lastCenterId: s.centerId,
        lastTouchAt: touchAt,
        createdAt,
      },
    });
    await prisma.privacyConsent.create({
      data: { userId: w.id, purpose: CONSENT_SENSITIVE, noticeVersion: PRIVACY_NOTICE_VERSION, grantedAt: createdAt },
    });
    events.push({
      step: "apply",
      userId: w.id,
      day: Math.round((now - createdAt.getTime()) / DAY),
      source: s,
      isMigrant: w.isMigrant,
    });
    if (status === "approved" && decidedAt) {
      const year = toLocalDateKey(decidedAt).slice(0, 4);
      await prisma.membership.create({
        data: {
          userId: w.id,
          unionId: app.unionId,
          number: `LF${year}${String(seq++).padStart(6, "0")}`,
          since: decidedAt,
          applicationId: app.id,
          verifyToken: randomBytes(24).toString("base64url"),
        },
      });
      events.push({
        step: "approve",
        userId: w.id,
        day: Math.max(Math.round((now - decidedAt.getTime()) / DAY), 0),
        source: s,
        isMigrant: w.isMigrant,
      });
    }
  }

  await prisma.funnelEvent.createMany({
    data: events.map((e) => {
      const at = new Date(now - e.day * DAY - Math.floor(random() * 8) * 3_600_000);
      return {
        step: e.step,
        userId: e.userId,
        sourceType: e.source.sourceType,
        activityId: e.source.activityId,
        contestId: e.source.contestId,
        centerId: e.source.centerId,
        countyId: e.source.countyId,
        category: e.source.category,
        isMigrant: e.isMigrant,
        day: toLocalDateKey(at),
        createdAt: at,
      };
    }),
  });
  await rebuildFunnelRollup();
}

/** A made-up resident ID number: region 141027, the birth date, sequence 9xx (never a real person's set), check char. */
function fictionalIdNumber(birthDate: Date | null, i: number) {
  const birth = (birthDate ?? new Date(Date.UTC(1990, 0, 1))).toISOString().slice(0, 10).replace(/-/g, "");
  const body = `141027${birth}${String(900 + (i % 100)).padStart(3, "0")}`;
  return body + idCheckChar(body);
}
