// `npm run bench -- judging`: automatic assignment and results for a contest of 5,000 entries
// and 200 judges from random organisations, as pure functions and through the database, each
// against a bare baseline measured in the same run.
import { performance } from "node:perf_hooks";
import { planAssignments, type EntryForAssignment, type JudgeInfo } from "~/domain/contests/assignment";
import { computeResults, weightedTotal, type JudgeScoring } from "~/domain/contests/scoring";

const ENTRIES = 5000;
const JUDGES = 200;
const PER_ENTRY = 3;

let seed = 20261125;
const rand = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
const pick = <T>(xs: T[]) => xs[Math.floor(rand() * xs.length)];

const unions = Array.from({ length: 40 }, (_, i) => `u${i}`);
const enterprises = Array.from({ length: 120 }, (_, i) => ({
  id: `ent${i}`,
  unionId: rand() < 0.85 ? pick(unions) : null,
}));
const judges: JudgeInfo[] = Array.from({ length: JUDGES }, (_, i) => {
  const e = pick(enterprises);
  return { id: `j${i}`, employerId: e.id, unionId: e.unionId };
});
const entries: EntryForAssignment[] = Array.from({ length: ENTRIES }, (_, i) => {
  const e = pick(enterprises);
  return {
    id: `e${i}`,
    enterpriseId: e.id,
    orgId: e.unionId,
    authorIds: rand() < 0.02 ? [`w${i}`, pick(judges).id] : [`w${i}`],
  };
});
const criteria = [20, 20, 30, 15, 15].map((max, i) => ({ id: `c${i}`, maxPoints: max, weight: max }));

function time<T>(label: string, fn: () => T, runs = 5): { ms: number; value: T } {
  let value!: T;
  const samples: number[] = [];
  for (let r = 0; r < runs; r++) {
    const t0 = performance.now();
    value = fn();
    samples.push(performance.now() - t0);
  }
  samples.sort((a, b) => a - b);
  const ms = samples[Math.floor(samples.length / 2)];
  console.log(`${label.padEnd(58)} ${ms.toFixed(1).padStart(9)} ms (median of ${runs})`);
  return { ms, value };
}

// Baseline for assignment: the bare pass any assignment must make — every (entry, judge) pair
// checked once for a conflict, picking the first k eligible judges, no balancing.
const baseAssign = time("baseline: one conflict-check pass over 5,000 × 200 pairs", () => {
  let n = 0;
  for (const e of entries) {
    let got = 0;
    for (const j of judges) {
      if (got < PER_ENTRY && j.employerId !== e.enterpriseId && j.unionId !== e.orgId && !e.authorIds.includes(j.id)) {
        got++;
        n++;
      }
    }
  }
  return n;
});
const assign = time("planAssignments (balanced, conflict-free)", () =>
  planAssignments({ judges, entries, judgesPerEntry: PER_ENTRY }),
);
const loads = [...assign.value.loads.values()];
console.log(
  `  → ${assign.value.added.length} assignments, load ${Math.min(...loads)}–${Math.max(...loads)}, ${assign.value.short.length} entries short`,
);
console.log(`  ratio to baseline: ${(assign.ms / baseAssign.ms).toFixed(1)}×`);

const scorings: JudgeScoring[] = assign.value.added.map((p) => ({
  judgeId: p.judgeId,
  entryId: p.entryId,
  points: Object.fromEntries(criteria.map((c) => [c.id, Math.round(rand() * c.maxPoints * 2) / 2])),
}));
const entryInfo = entries.map((e, i) => ({
  id: e.id,
  category: ["invention", "creation", "innovation", "design", "suggestion"][i % 5],
  submittedAt: new Date(1_790_000_000_000 + i * 1000),
}));

// Baseline for results: weighted totals for every scoring plus one plain sort of the entries.
const baseResults = time("baseline: weighted totals + one sort of 5,000 entries", () => {
  const totals = new Map<string, number>();
  for (const s of scorings) totals.set(s.entryId, (totals.get(s.entryId) ?? 0) + weightedTotal(criteria, s.points));
  return [...totals].sort((a, b) => b[1] - a[1]);
});
for (const normalise of [false, true]) {
  const r = time(`computeResults (auto method${normalise ? ", z-score normalised" : ""})`, () =>
    computeResults({ criteria, entries: entryInfo, scorings, method: "auto", normalise }),
  );
  console.log(`  ratio to baseline: ${(r.ms / baseResults.ms).toFixed(1)}×`);
}

// Through the database: the same contest stored, then autoAssign and loadResults as the app runs them.
const { prisma } = await import("~/utils/db.server");
const { autoAssign } = await import("~/domain/contests/judging.server");
const { loadResults } = await import("~/domain/contests/results.server");
const t0 = performance.now();
const city = await prisma.organisation.create({
  data: { id: "bench-city", kind: "city", name: "基准市", path: "/bench-city/" },
});
await prisma.organisation.createMany({
  data: unions.map((u) => ({ id: u, kind: "union", name: `工会${u}`, parentId: city.id, path: `/bench-city/${u}/` })),
});
await prisma.enterprise.createMany({
  data: enterprises.map((e, i) => ({
    id: e.id,
    name: `企业${i}`,
    creditCode: `BENCH${String(i).padStart(13, "0")}`,
    countyId: city.id,
    industry: "energy",
    size: "large",
    unionId: e.unionId,
  })),
});
const people = [
  ...judges.map((j) => ({ id: j.id, employerId: j.employerId })),
  ...entries.map((e) => ({ id: `w${e.id.slice(1)}`, employerId: e.enterpriseId })),
];
for (let i = 0; i < people.length; i += 1000) {
  await prisma.user.createMany({
    data: people.slice(i, i + 1000).map((p) => ({ id: p.id, name: p.id, passwordHash: "x", employerId: p.employerId })),
  });
}
const contest = await prisma.contest.create({
  data: {
    orgId: city.id,
    kind: "five_small",
    title: "基准竞赛",
    description: "",
    judgesPerEntry: PER_ENTRY,
    submissionOpensAt: new Date(0),
    submissionClosesAt: new Date(1),
    judgingOpensAt: new Date(2),
    judgingClosesAt: new Date(Date.now() + 86400_000),
    resultsAt: new Date(Date.now() + 2 * 86400_000),
    criteria: {
      create: criteria.map((c, position) => ({
        id: c.id,
        name: c.id,
        maxPoints: c.maxPoints,
        weight: c.weight,
        position,
      })),
    },
  },
});
await prisma.contestJudge.createMany({ data: judges.map((j) => ({ contestId: contest.id, userId: j.id })) });
for (let i = 0; i < entries.length; i += 1000) {
  await prisma.entry.createMany({
    data: entries.slice(i, i + 1000).map((e, k) => ({
      id: e.id,
      contestId: contest.id,
      category: entryInfo[i + k].category,
      title: e.id,
      status: "submitted",
      submittedAt: entryInfo[i + k].submittedAt,
      submittedById: `w${e.id.slice(1)}`,
      enterpriseId: e.enterpriseId,
      orgId: e.orgId,
    })),
  });
}
await prisma.entryAuthor.createMany({
  data: entries.flatMap((e) =>
    e.authorIds.map((userId, position) => ({ entryId: e.id, userId, name: userId, position })),
  ),
});
console.log(`(stored the contest in ${(performance.now() - t0).toFixed(0)} ms)`);

let t = performance.now();
const dbPlan = await autoAssign(contest.id);
const dbAssignMs = performance.now() - t;
console.log(
  `${"autoAssign from the database (read, plan, insert)".padEnd(58)} ${dbAssignMs.toFixed(1).padStart(9)} ms → ${dbPlan.added.length} rows`,
);
console.log(`  ratio to baseline: ${(dbAssignMs / baseAssign.ms).toFixed(1)}×`);

const rows = await prisma.assignment.findMany({
  where: { contestId: contest.id },
  select: { id: true, judgeId: true, entryId: true },
});
const scoreRows = rows.flatMap((a) =>
  criteria.map((c) => ({ assignmentId: a.id, criterionId: c.id, points: Math.round(rand() * c.maxPoints * 2) / 2 })),
);
for (let i = 0; i < scoreRows.length; i += 5000) await prisma.score.createMany({ data: scoreRows.slice(i, i + 5000) });
await prisma.assignment.updateMany({ where: { contestId: contest.id }, data: { status: "submitted" } });
t = performance.now();
const loaded = await loadResults(contest.id);
const dbResultsMs = performance.now() - t;
console.log(
  `${"loadResults from the database (read + compute)".padEnd(58)} ${dbResultsMs.toFixed(1).padStart(9)} ms → ${loaded.results.length} entries`,
);
console.log(`  ratio to baseline: ${(dbResultsMs / baseResults.ms).toFixed(1)}×`);
await prisma.$disconnect();
