import { expect, test } from "vitest";
import {
  computeResults,
  entryScore,
  isOutlier,
  normaliseTotals,
  prefillAwards,
  trimmedMean,
  weightedTotal,
} from "~/domain/contests/scoring";

const rubric = [
  { id: "novelty", maxPoints: 20, weight: 20 },
  { id: "practical", maxPoints: 30, weight: 30 },
  { id: "economic", maxPoints: 50, weight: 50 },
];

test("a judge's weighted total is the weighted share of full marks, on a 0–100 scale", () => {
  expect(weightedTotal(rubric, { novelty: 10, practical: 15, economic: 25 })).toBe(50);
  expect(weightedTotal(rubric, { novelty: 20, practical: 30, economic: 50 })).toBe(100);
  // Weights need not add up to 100: X (max 10, w 1) full, Y (max 20, w 3) half → 100 × (1 + 1.5) / 4.
  expect(
    weightedTotal(
      [
        { id: "x", maxPoints: 10, weight: 1 },
        { id: "y", maxPoints: 20, weight: 3 },
      ],
      { x: 10, y: 10 },
    ),
  ).toBe(62.5);
  // An unscored criterion counts as zero.
  expect(weightedTotal(rubric, { economic: 50 })).toBe(50);
});

test("the entry score is the mean, or the trimmed mean with five or more judges under 'auto'", () => {
  expect(trimmedMean([50, 70, 80, 90, 100])).toBe(80);
  expect(entryScore([50, 70, 80, 90, 100], "auto")).toEqual({ score: 80, method: "trimmed" });
  expect(entryScore([50, 70, 80, 90], "auto")).toEqual({ score: 72.5, method: "mean" });
  expect(entryScore([50, 70, 80, 90], "trimmed")).toEqual({ score: 75, method: "trimmed" });
  expect(entryScore([50, 70, 80, 90, 100], "mean")).toEqual({ score: 78, method: "mean" });
  expect(entryScore([], "auto")).toBeNull();
});

test("z-score normalisation maps each judge onto the contest's overall mean and spread", () => {
  // J1 gives 60, 70, 80 (mean 70, sd √(200/3)); J2 gives 80, 85, 90 (mean 85, sd √(50/3)). Overall
  // mean 77.5 and sd √(587.5/6) = 9.8953…; each judge's lowest becomes 77.5 − 1.2247 × 9.8953 = 65.3808.
  const rows = ["e1", "e2", "e3"].flatMap((entryId, i) => [
    { judgeId: "j1", entryId, total: 60 + 10 * i },
    { judgeId: "j2", entryId, total: 80 + 5 * i },
  ]);
  const n = normaliseTotals(rows);
  expect(n.get("j1|e1")).toBeCloseTo(65.3808, 3);
  expect(n.get("j2|e1")).toBeCloseTo(65.3808, 3);
  expect(n.get("j1|e2")).toBeCloseTo(77.5, 6);
  expect(n.get("j1|e3")).toBeCloseTo(89.6192, 3);
});

test("normalised results: the strict and lenient judge disagree less after normalisation", () => {
  const c = [{ id: "c", maxPoints: 100, weight: 1 }];
  const scorings = [
    { judgeId: "j1", entryId: "e1", points: { c: 60 } },
    { judgeId: "j1", entryId: "e2", points: { c: 80 } },
    { judgeId: "j1", entryId: "e3", points: { c: 70 } },
    { judgeId: "j2", entryId: "e1", points: { c: 80 } },
    { judgeId: "j2", entryId: "e2", points: { c: 90 } },
    { judgeId: "j2", entryId: "e3", points: { c: 85 } },
  ];
  const entries = [
    { id: "e1", category: "invention", submittedAt: "2026-11-01T00:00:00Z" },
    { id: "e2", category: "invention", submittedAt: "2026-11-02T00:00:00Z" },
    { id: "e3", category: "invention", submittedAt: "2026-11-03T00:00:00Z" },
  ];
  const raw = computeResults({ criteria: c, entries, scorings, method: "mean", normalise: false });
  expect(raw.find((r) => r.entryId === "e1")!.score).toBe(70);
  expect(raw.find((r) => r.entryId === "e1")!.spread).toBe(20);
  const z = computeResults({ criteria: c, entries, scorings, method: "mean", normalise: true });
  expect(z.find((r) => r.entryId === "e1")!.score).toBeCloseTo(65.38, 2);
  expect(z.find((r) => r.entryId === "e1")!.spread).toBe(0);
  expect(z.find((r) => r.entryId === "e2")!.rank).toBe(1);
});

test("outliers: with 3 or more judges, more than 20 points from the median of the entry's totals is flagged", () => {
  expect(isOutlier(90, [40, 50, 90])).toBe(true);
  expect(isOutlier(40, [40, 50, 90])).toBe(false);
  expect(isOutlier(70, [50, 52, 70])).toBe(false); // 18 from the median
  expect(isOutlier(90, [50, 90])).toBe(false); // two judges: no majority to measure against
  const c = [{ id: "c", maxPoints: 100, weight: 1 }];
  const [r] = computeResults({
    criteria: c,
    entries: [{ id: "e", category: "design", submittedAt: null }],
    scorings: [40, 50, 90].map((p, i) => ({ judgeId: `j${i}`, entryId: "e", points: { c: p } })),
    method: "auto",
    normalise: false,
  });
  expect(r.judgeTotals.map((j) => j.outlier)).toEqual([false, false, true]);
  expect(r.spread).toBe(50);
});

test("ties are broken by the median, then the heaviest criterion, then the earlier submission; ranks are per category", () => {
  const single = [{ id: "c", maxPoints: 100, weight: 1 }];
  const byMedian = computeResults({
    criteria: single,
    entries: [
      { id: "low-median", category: "invention", submittedAt: "2026-11-01T00:00:00Z" },
      { id: "high-median", category: "invention", submittedAt: "2026-11-02T00:00:00Z" },
      { id: "other-category", category: "design", submittedAt: "2026-11-02T00:00:00Z" },
    ],
    scorings: [
      ...[70, 70, 100].map((p, i) => ({ judgeId: `j${i}`, entryId: "low-median", points: { c: p } })),
      ...[60, 100, 80].map((p, i) => ({ judgeId: `j${i}`, entryId: "high-median", points: { c: p } })),
      { judgeId: "j0", entryId: "other-category", points: { c: 10 } },
    ],
    method: "mean",
    normalise: false,
  });
  const rank = (rs: typeof byMedian, id: string) => rs.find((r) => r.entryId === id)!.rank;
  expect(rank(byMedian, "high-median")).toBe(1);
  expect(rank(byMedian, "low-median")).toBe(2);
  expect(rank(byMedian, "other-category")).toBe(1);

  // Both 62.5: A (w 1) full + B (w 3) half, versus A 1/10 + B 8/10 — the second leads on the heavy criterion.
  const two = [
    { id: "a", maxPoints: 10, weight: 1 },
    { id: "b", maxPoints: 10, weight: 3 },
  ];
  const byHeavy = computeResults({
    criteria: two,
    entries: [
      { id: "light", category: "x", submittedAt: "2026-11-01T00:00:00Z" },
      { id: "heavy", category: "x", submittedAt: "2026-11-02T00:00:00Z" },
      { id: "late-twin", category: "x", submittedAt: "2026-11-03T00:00:00Z" },
    ],
    scorings: [
      { judgeId: "j", entryId: "light", points: { a: 10, b: 5 } },
      { judgeId: "j", entryId: "heavy", points: { a: 1, b: 8 } },
      { judgeId: "j", entryId: "late-twin", points: { a: 10, b: 5 } },
    ],
    method: "mean",
    normalise: false,
  });
  expect(byHeavy.map((r) => [r.entryId, r.score, r.rank])).toEqual([
    ["light", 62.5, 2],
    ["heavy", 62.5, 1],
    ["late-twin", 62.5, 3],
  ]);
});

test("award tiers are pre-filled from the rank within each category and the tier counts", () => {
  const results = [
    { entryId: "a1", category: "a", rank: 1 },
    { entryId: "a2", category: "a", rank: 2 },
    { entryId: "a3", category: "a", rank: 3 },
    { entryId: "a4", category: "a", rank: 4 },
    { entryId: "b1", category: "b", rank: 1 },
    { entryId: "unscored", category: "b", rank: null },
  ].map((r) => ({
    ...r,
    judgeTotals: [],
    score: r.rank ? 100 - r.rank : null,
    method: null,
    median: null,
    heavyShare: null,
    spread: null,
  }));
  const awards = prefillAwards(results, [
    { id: "second", count: 2, position: 1 },
    { id: "first", count: 1, position: 0 },
  ]);
  expect(Object.fromEntries(awards)).toEqual({ a1: "first", a2: "second", a3: "second", b1: "first" });
});
