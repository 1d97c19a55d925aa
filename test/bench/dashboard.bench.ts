// `npm run bench -- dashboard`: seeds a city-scale database (≥ 700,000 workers, 20,000 unions,
// 5,000 activities, 1,000,000 sign-ups, 100,000 applications and their funnel events), then times
// the conversion dashboard — the same loadDashboard() the route calls — at city and county scope,
// against a bare `SELECT count(*)` over the sign-ups measured in the same run. Target: < 300 ms city-wide.
import fs from "node:fs";
import Database from "better-sqlite3";
import { REBUILD_ROLLUP_SQL } from "~/utils/funnel.server";

const SIZE = {
  counties: 19,
  unions: 20_000,
  centers: 200,
  enterprises: 40_000,
  workers: 700_000,
  activities: 5_000,
  signupsPerActivity: 200, // → 1,000,000 sign-ups
  applications: 100_000,
};
const DAY = 86_400_000;
const NOW = Date.now();
const CATEGORIES = ["sports_culture", "skills_training", "volunteering", "labour_contest", "lecture", "other"];
const iso = (ms: number) => new Date(ms).toISOString().replace("Z", "+00:00");
const dayKey = (ms: number) => new Date(ms + 8 * 3_600_000).toISOString().slice(0, 10);

let seed = 42;
const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
const int = (n: number) => Math.floor(random() * n);

const file = (process.env.DATABASE_URL ?? "").replace(/^file:/, "");
if (!file) throw new Error("DATABASE_URL is not set (run through `npm run bench`)");

function generate() {
  const db = new Database(file);
  db.pragma("journal_mode = OFF");
  db.pragma("synchronous = OFF");
  db.pragma("cache_size = -400000");
  db.pragma("temp_store = MEMORY");
  const now = iso(NOW);
  const yearStart = Date.parse(`${dayKey(NOW).slice(0, 4)}-01-01T00:00:00+08:00`);

  // Organisations: the city, its counties, grassroots unions and activity centers.
  const org = db.prepare(
    `INSERT INTO Organisation (id, kind, unionType, name, path, countyId, parentId, foundedAt, createdAt, updatedAt) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const counties: string[] = [];
  const unionsByCounty: string[][] = [];
  const centersByCounty: string[][] = [];
  db.transaction(() => {
    org.run("city", "city", null, "临汾市总工会", "/city/", null, null, null, now, now);
    for (let c = 0; c < SIZE.counties; c++) {
      const id = `county${c}`;
      counties.push(id);
      org.run(id, "county", null, `第${c}县总工会`, `/city/${id}/`, id, "city", null, now, now);
      unionsByCounty.push([]);
      centersByCounty.push([]);
    }
    for (let u = 0; u < SIZE.unions; u++) {
      const c = u % SIZE.counties;
      const id = `union${u}`;
      unionsByCounty[c].push(id);
      const founded = u % 40 === 0 ? NOW - int(300) * DAY : NOW - (400 + int(9000)) * DAY; // a few new this year
      org.run(
        id,
        "union",
        u % 10 === 0 ? "joint" : "committee",
        `基层工会${u}`,
        `/city/${counties[c]}/${id}/`,
        counties[c],
        counties[c],
        iso(founded),
        now,
        now,
      );
    }
    for (let k = 0; k < SIZE.centers; k++) {
      const c = k % SIZE.counties;
      const id = `center${k}`;
      centersByCounty[c].push(id);
      org.run(
        id,
        "center",
        null,
        `职工文化活动中心${k}`,
        `/city/${counties[c]}/${id}/`,
        counties[c],
        counties[c],
        null,
        now,
        now,
      );
    }
  })();

  const ent = db.prepare(
    `INSERT INTO Enterprise (id, name, creditCode, countyId, industry, size, workerCount, unionId, coveredAt, createdAt) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  db.transaction(() => {
    for (let e = 0; e < SIZE.enterprises; e++) {
      const c = e % SIZE.counties;
      const union = e % 10 < 7 ? unionsByCounty[c][int(unionsByCounty[c].length)] : null;
      const covered = union ? (e % 25 === 0 ? NOW - int(300) * DAY : NOW - (400 + int(3000)) * DAY) : null;
      ent.run(
        `ent${e}`,
        `企业${e}`,
        `9114${String(e).padStart(14, "0")}`,
        counties[c],
        "manufacturing",
        "small",
        10 + int(30),
        union,
        covered ? iso(covered) : null,
        now,
      );
    }
  })();

  const user = db.prepare(
    `INSERT INTO User (id, phone, passwordHash, name, countyId, isMigrant, createdAt, updatedAt) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const migrant: boolean[] = [];
  db.transaction(() => {
    for (let w = 0; w < SIZE.workers; w++) {
      migrant.push(random() < 0.4);
      user.run(
        `u${w}`,
        `13${String(w).padStart(9, "0")}`,
        "x",
        `职工${w}`,
        counties[w % SIZE.counties],
        migrant[w] ? 1 : 0,
        now,
        now,
      );
    }
  })();

  // Activities over the past year, 200 sign-ups each, with the funnel steps they produce.
  const act = db.prepare(
    `INSERT INTO Activity (id, centerId, countyId, title, description, category, address, startsAt, endsAt, signupOpensAt, signupClosesAt, capacity, status, confirmedCount, createdAt, updatedAt)
     VALUES (?, ?, ?, ?, '', ?, '', ?, ?, ?, ?, 250, 'published', ?, ?, ?)`,
  );
  const reg = db.prepare(
    `INSERT INTO Registration (id, activityId, userId, status, checkinCode, attendedAt, createdAt, updatedAt) VALUES (?, ?, ?, 'confirmed', ?, ?, ?, ?)`,
  );
  const ev = db.prepare(
    `INSERT INTO FunnelEvent (step, userId, sourceType, activityId, centerId, countyId, category, isMigrant, day, createdAt) VALUES (?, ?, 'activity', ?, ?, ?, ?, ?, ?, ?)`,
  );
  const event = (
    step: string,
    userId: string | null,
    a: { id: string; center: string; county: string; category: string },
    isMigrant: boolean | null,
    at: number,
  ) =>
    ev.run(
      step,
      userId,
      a.id,
      a.center,
      a.county,
      a.category,
      isMigrant === null ? null : isMigrant ? 1 : 0,
      dayKey(at),
      iso(at),
    );
  const activities: { id: string; center: string; county: string; category: string; startsAt: number }[] = [];
  for (let batch = 0; batch < SIZE.activities; batch += 500) {
    db.transaction(() => {
      for (let i = batch; i < batch + 500; i++) {
        const c = i % SIZE.counties;
        const a = {
          id: `act${i}`,
          center: centersByCounty[c][int(centersByCounty[c].length)],
          county: counties[c],
          category: CATEGORIES[i % CATEGORIES.length],
          startsAt: NOW - int(360) * DAY,
        };
        activities.push(a);
        act.run(
          a.id,
          a.center,
          a.county,
          `活动${i}`,
          a.category,
          iso(a.startsAt),
          iso(a.startsAt + 7_200_000),
          iso(a.startsAt - 14 * DAY),
          iso(a.startsAt - DAY),
          SIZE.signupsPerActivity,
          now,
          now,
        );
        for (let k = 0; k < SIZE.signupsPerActivity; k++) {
          const w = (i * 7919 + k * 3499) % SIZE.workers; // distinct workers per activity
          const signedAt = a.startsAt - (1 + int(13)) * DAY - int(20) * 3_600_000;
          const attended = random() < 0.6;
          reg.run(
            `r${i}_${k}`,
            a.id,
            `u${w}`,
            `c${k}`,
            attended ? iso(a.startsAt) : null,
            iso(signedAt),
            iso(signedAt),
          );
          event("view", random() < 0.5 ? `u${w}` : null, a, null, signedAt - int(3) * DAY);
          if (random() < 0.5) event("view", null, a, null, signedAt - int(5) * DAY);
          event("signup", `u${w}`, a, migrant[w], signedAt);
          if (attended) {
            event("attend", `u${w}`, a, migrant[w], a.startsAt);
            if (random() < 0.25) event("join_click", `u${w}`, a, migrant[w], a.startsAt + int(3) * DAY);
          }
        }
      }
    })();
  }

  // Applications (and memberships for the approved), each with its apply/approve funnel steps.
  const app = db.prepare(
    `INSERT INTO MembershipApplication (id, userId, name, gender, birthDate, phone, employmentType, isMigrant, unionId, countyId, status, decidedAt,
       firstSourceType, firstActivityId, firstTouchAt, lastSourceType, lastActivityId, lastTouchAt, createdAt, updatedAt)
     VALUES (?, ?, ?, 'male', ?, ?, 'full_time', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const mem = db.prepare(
    `INSERT INTO Membership (id, userId, unionId, number, since, applicationId, verifyToken, createdAt) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  db.transaction(() => {
    for (let i = 0; i < SIZE.applications; i++) {
      const w = i * 7; // distinct workers
      const a = activities[int(activities.length)];
      const c = counties.indexOf(a.county);
      const union = unionsByCounty[c][int(unionsByCounty[c].length)];
      const direct = random() < 0.15;
      const createdAt = Math.min(a.startsAt + (1 + int(40)) * DAY, NOW - DAY);
      const status = random() < 0.7 ? "approved" : random() < 0.8 ? "pending" : "rejected";
      const decidedAt = status === "pending" ? null : Math.min(createdAt + (1 + int(20)) * DAY, NOW);
      app.run(
        `app${i}`,
        `u${w}`,
        `职工${w}`,
        iso(NOW - (25 + int(30)) * 365 * DAY),
        `13${String(w).padStart(9, "0")}`,
        migrant[w] ? 1 : 0,
        union,
        a.county,
        status,
        decidedAt ? iso(decidedAt) : null,
        direct ? "direct" : "activity",
        direct ? null : a.id,
        direct ? null : iso(a.startsAt),
        direct ? "direct" : "activity",
        direct ? null : a.id,
        direct ? null : iso(a.startsAt),
        iso(createdAt),
        iso(createdAt),
      );
      event("apply", `u${w}`, a, migrant[w], createdAt);
      if (status === "approved" && decidedAt) {
        mem.run(
          `mem${i}`,
          `u${w}`,
          union,
          `LFB${String(i).padStart(8, "0")}`,
          iso(decidedAt),
          `app${i}`,
          `tok${i}`,
          iso(decidedAt),
        );
        event("approve", `u${w}`, a, migrant[w], decidedAt);
      }
    }
  })();
  void yearStart;

  for (const sql of REBUILD_ROLLUP_SQL) db.exec(sql);
  db.exec("ANALYZE");
  db.pragma("journal_mode = WAL");
  db.close();
}

const t0 = performance.now();
generate();
const generationMs = performance.now() - t0;
const size = fs.statSync(file).size + (fs.existsSync(`${file}-wal`) ? fs.statSync(`${file}-wal`).size : 0);

const { prisma } = await import("~/utils/db.server");
const { loadDashboard, periodRange } = await import("~/domain/membership/dashboard.server");
const { DASHBOARD_ROWS } = await import("~/domain/membership/dashboard-tables");
const { loadCohort } = await import("~/domain/membership/dashboard-cohort.server");
// Exactly what the route asks for: long breakdowns cut to the rows the page shows.
const page = { rowLimit: DASHBOARD_ROWS };

async function time(fn: () => Promise<unknown>, runs = 5) {
  await fn(); // warm-up: statement cache and page cache
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await fn();
    samples.push(performance.now() - start);
  }
  samples.sort((a, b) => a - b);
  return samples[Math.floor(samples.length / 2)];
}

const counts = await prisma.$queryRawUnsafe<
  { users: bigint; regs: bigint; events: bigint; rollup: bigint; apps: bigint; unions: bigint }[]
>(
  `SELECT (SELECT count(*) FROM User) AS users, (SELECT count(*) FROM Registration) AS regs, (SELECT count(*) FROM FunnelEvent) AS events,
          (SELECT count(*) FROM FunnelRollup) AS rollup, (SELECT count(*) FROM MembershipApplication) AS apps,
          (SELECT count(*) FROM Organisation WHERE kind = 'union') AS unions`,
);
const baseline = await time(() => prisma.$queryRawUnsafe("SELECT count(*) FROM Registration"));
const city180 = await time(() => loadDashboard({ ...periodRange("180"), countyIds: null }, "zh-CN", page));
const city365 = await time(() => loadDashboard({ ...periodRange("365"), countyIds: null }, "zh-CN", page));
const county180 = await time(() => loadDashboard({ ...periodRange("180"), countyIds: ["county3"] }, "zh-CN", page));
const county365 = await time(() => loadDashboard({ ...periodRange("365"), countyIds: ["county3"] }, "zh-CN", page));
// The people-based funnel alone (FunnelPerson; grouping the 3.4 M events by person took 19–21 s).
const cohortCity = await time(() => loadCohort({ ...periodRange("365"), countyIds: null }));
const cohortCounty = await time(() => loadCohort({ ...periodRange("365"), countyIds: ["county3"] }));
// An export builds every row of every breakdown (5,000 activities): not on the page's path.
const exportAll = await time(() => loadDashboard({ ...periodRange("365"), countyIds: null }, "zh-CN"), 3);
const sample = await loadDashboard({ ...periodRange("365"), countyIds: null }, "zh-CN", page);

const c = counts[0];
const fmt = (ms: number) => `${ms.toFixed(1)} ms`;
console.log(
  `rows: ${Number(c.users).toLocaleString()} workers, ${Number(c.unions).toLocaleString()} unions, ${SIZE.activities.toLocaleString()} activities, ${Number(c.regs).toLocaleString()} sign-ups, ${Number(c.apps).toLocaleString()} applications, ${Number(c.events).toLocaleString()} funnel events → ${Number(c.rollup).toLocaleString()} rollup rows`,
);
console.log(`generation: ${(generationMs / 1000).toFixed(1)} s; database size: ${(size / 1024 / 1024).toFixed(0)} MB`);
console.log(`city funnel (365 d): ${JSON.stringify(sample.totals)}`);
console.log(`baseline  SELECT count(*) FROM Registration: ${fmt(baseline)}`);
for (const [name, ms] of [
  ["city, 180 days", city180],
  ["city, 365 days", city365],
  ["county, 180 days", county180],
  ["county, 365 days", county365],
  ["export, all rows", exportAll],
  ["funnel people, city", cohortCity],
  ["funnel people, county", cohortCounty],
] as const) {
  console.log(
    `dashboard ${name.padEnd(21)} ${fmt(ms).padStart(10)}   ratio to baseline ${(ms / baseline).toFixed(2)}×`,
  );
}
const target = 300;
console.log(
  city365 < target
    ? `OK: city-wide dashboard under ${target} ms`
    : `SLOW: city-wide dashboard took ${fmt(city365)} (target ${target} ms)`,
);
await prisma.$disconnect();
if (city365 >= target) process.exitCode = 1;
