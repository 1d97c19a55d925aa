// Results math for judged contests — pure functions, no database.
//
// 1. A judge's weighted total for an entry (0..100):
//        total = 100 × Σ_c (points_c / maxPoints_c × weight_c) / Σ_c weight_c
//    so a judge giving full marks everywhere scores 100 whatever the weights add up to.
//    A criterion the judge left unscored counts as 0.
// 2. Optional per-judge z-score normalisation (contest.normalizeScores), to cancel strict and
//    lenient judges: for judge j with mean m_j and population standard deviation s_j over all
//    totals j submitted in the contest, and the contest's overall mean M and sd S over every
//    submitted total,
//        normalised = M + S × (total − m_j) / s_j,   then kept within the 0–100 scale.
//    A judge with fewer than 3 submitted sheets (MIN_SHEETS_TO_NORMALISE) is NOT normalised: a
//    mean and spread from one or two sheets say nothing about how strict the judge is, and
//    shifting a single sheet onto the contest mean would erase that judge's opinion. When
//    s_j = 0 only the shift is applied: total − m_j + M.
// 3. The entry's score from its judges' (possibly normalised) totals:
//        "mean"    → arithmetic mean;
//        "trimmed" → drop one highest and one lowest, then mean (needs ≥ 3 totals, else mean);
//        "auto"    → trimmed when the entry has ≥ 5 totals, else mean.
// 4. Ties, within a category, in this order: higher entry score; higher median of the totals;
//    higher mean share on the heaviest-weighted criterion (经济效益 by default); earlier
//    submission; then id (stable).
// 5. Spread = max − min of the entry's totals. With 3 or more totals, a judge is flagged as an
//    outlier on an entry when their total is more than 20 points (OUTLIER_POINTS) from the median
//    of the entry's totals. The median is not pulled by the outlier itself, so the rule fires with
//    3 judges (a "2 sd" rule cannot: with n totals no value is more than √(n−1) sd from the mean).
//    With 2 totals there is no majority to measure against; the spread shows the disagreement.
//
// Award counts (AwardTier.count) apply per category: each category gets its own first prize(s)…

export type Criterion = { id: string; maxPoints: number; weight: number };
export type ScoreMethod = "auto" | "mean" | "trimmed";

/** One judge's submitted scoring of one entry: points per criterion id. */
export type JudgeScoring = { judgeId: string; entryId: string; points: Record<string, number> };

export type EntryInfo = { id: string; category: string; submittedAt: Date | string | null };

export type EntryResult = {
  entryId: string;
  category: string;
  /** raw: the judge's weighted total; used: what the score is computed from (normalised or raw). */
  judgeTotals: { judgeId: string; raw: number; used: number; normalised: boolean; outlier: boolean }[];
  score: number | null;
  method: "mean" | "trimmed" | null;
  /** Tie-break 1: median of the used totals. */
  median: number | null;
  /** Tie-break 2: mean share (0–1) of full marks on the heaviest-weighted criterion. */
  heavyShare: number | null;
  spread: number | null;
  rank: number | null; // within the category; null when unscored
};

const round2 = (x: number) => Math.round(x * 100) / 100;

/** Judges with fewer submitted sheets than this keep their raw totals under normalisation. */
export const MIN_SHEETS_TO_NORMALISE = 3;
/** Distance from the entry's median total, in points of the 0–100 scale, beyond which a total is flagged. */
export const OUTLIER_POINTS = 20;
export const SCALE_MAX = 100;

/** The criterion whose share breaks ties after the median (the heaviest; the first of equals). */
export function heaviestCriterion<C extends { weight: number }>(criteria: C[]): C | undefined {
  return [...criteria].sort((a, b) => b.weight - a.weight)[0];
}

export function weightedTotal(criteria: Criterion[], points: Record<string, number>): number {
  const weightSum = criteria.reduce((s, c) => s + c.weight, 0);
  if (weightSum <= 0) return 0;
  const sum = criteria.reduce((s, c) => s + (c.maxPoints > 0 ? ((points[c.id] ?? 0) / c.maxPoints) * c.weight : 0), 0);
  return (100 * sum) / weightSum;
}

export function mean(xs: number[]) {
  return xs.reduce((s, x) => s + x, 0) / xs.length;
}

/** Population standard deviation. */
export function sd(xs: number[]) {
  if (xs.length === 0) return 0;
  const m = mean(xs);
  return Math.sqrt(xs.reduce((s, x) => s + (x - m) ** 2, 0) / xs.length);
}

export function median(xs: number[]) {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

export function trimmedMean(xs: number[]) {
  if (xs.length < 3) return mean(xs);
  const s = [...xs].sort((a, b) => a - b);
  return mean(s.slice(1, -1));
}

export function entryScore(
  totals: number[],
  method: ScoreMethod,
): { score: number; method: "mean" | "trimmed" } | null {
  if (totals.length === 0) return null;
  const trim = (method === "trimmed" && totals.length >= 3) || (method === "auto" && totals.length >= 5);
  return trim ? { score: trimmedMean(totals), method: "trimmed" } : { score: mean(totals), method: "mean" };
}

/** Maps each (judge, entry) total to its z-normalised value (see 2. above). Key: `${judgeId}|${entryId}`. */
export function normaliseTotals(rows: { judgeId: string; entryId: string; total: number }[]): Map<string, number> {
  const out = new Map<string, number>();
  if (rows.length === 0) return out;
  const all = rows.map((r) => r.total);
  const M = mean(all);
  const S = sd(all);
  const byJudge = new Map<string, number[]>();
  for (const r of rows) {
    const list = byJudge.get(r.judgeId) ?? [];
    list.push(r.total);
    byJudge.set(r.judgeId, list);
  }
  const stats = new Map([...byJudge].map(([j, xs]) => [j, { m: mean(xs), s: sd(xs), n: xs.length }]));
  for (const r of rows) {
    const { m, s, n } = stats.get(r.judgeId)!;
    if (n < MIN_SHEETS_TO_NORMALISE) continue;
    const z = s > 0 ? M + (S * (r.total - m)) / s : r.total - m + M;
    out.set(`${r.judgeId}|${r.entryId}`, Math.min(SCALE_MAX, Math.max(0, z)));
  }
  return out;
}

/** See 5. above: more than OUTLIER_POINTS from the median of the entry's totals, with ≥ 3 totals. */
export function isOutlier(total: number, totals: number[]) {
  return totals.length >= 3 && Math.abs(total - median(totals)) > OUTLIER_POINTS;
}

/** Every entry's result, ranked within its category. */
export function computeResults(input: {
  criteria: Criterion[];
  entries: EntryInfo[];
  scorings: JudgeScoring[];
  method: ScoreMethod;
  normalise: boolean;
}): EntryResult[] {
  const { criteria, entries, scorings, method, normalise } = input;
  const heaviest = heaviestCriterion(criteria);
  const rows = scorings.map((s) => ({
    judgeId: s.judgeId,
    entryId: s.entryId,
    total: weightedTotal(criteria, s.points),
    points: s.points,
  }));
  const normalised = normalise ? normaliseTotals(rows) : null;
  const byEntry = new Map<string, typeof rows>();
  for (const r of rows) {
    const list = byEntry.get(r.entryId) ?? [];
    list.push(r);
    byEntry.set(r.entryId, list);
  }

  type Work = EntryResult & { submittedMs: number };
  const work: Work[] = entries.map((e) => {
    const list = byEntry.get(e.id) ?? [];
    const norm = list.map((r) => normalised?.get(`${r.judgeId}|${r.entryId}`));
    const used = list.map((r, i) => norm[i] ?? r.total);
    const result = entryScore(used, method);
    const heavyShare =
      heaviest && list.length ? mean(list.map((r) => (r.points[heaviest.id] ?? 0) / heaviest.maxPoints)) : 0;
    return {
      entryId: e.id,
      category: e.category,
      judgeTotals: list.map((r, i) => ({
        judgeId: r.judgeId,
        raw: round2(r.total),
        used: round2(used[i]),
        normalised: norm[i] !== undefined,
        outlier: isOutlier(used[i], used),
      })),
      score: result ? round2(result.score) : null,
      method: result?.method ?? null,
      median: used.length ? round2(median(used)) : null,
      heavyShare: list.length ? Math.round(heavyShare * 10000) / 10000 : null,
      spread: used.length ? round2(Math.max(...used) - Math.min(...used)) : null,
      rank: null,
      submittedMs: e.submittedAt ? new Date(e.submittedAt).getTime() : Number.MAX_SAFE_INTEGER,
    };
  });

  const byCategory = new Map<string, Work[]>();
  for (const w of work) if (w.score !== null) byCategory.set(w.category, [...(byCategory.get(w.category) ?? []), w]);
  for (const list of byCategory.values()) {
    list.sort(compareForRank);
    list.forEach((w, i) => (w.rank = i + 1));
  }
  return work.map(({ submittedMs: _s, ...rest }) => rest);
}

function compareForRank(
  a: { score: number | null; median: number | null; heavyShare: number | null; submittedMs: number; entryId: string },
  b: typeof a,
) {
  return (
    b.score! - a.score! ||
    b.median! - a.median! ||
    (b.heavyShare ?? 0) - (a.heavyShare ?? 0) ||
    a.submittedMs - b.submittedMs ||
    (a.entryId < b.entryId ? -1 : a.entryId > b.entryId ? 1 : 0)
  );
}

export type Tier = { id: string; count: number; position: number };

/** Pre-fills award tiers from rank within each category: the first `count` of tier 1, then tier 2… */
export function prefillAwards(results: EntryResult[], tiers: Tier[]): Map<string, string> {
  const ordered = [...tiers].sort((a, b) => a.position - b.position);
  const awards = new Map<string, string>();
  const byCategory = new Map<string, EntryResult[]>();
  for (const r of results) if (r.rank !== null) byCategory.set(r.category, [...(byCategory.get(r.category) ?? []), r]);
  for (const list of byCategory.values()) {
    list.sort((a, b) => a.rank! - b.rank!);
    let i = 0;
    for (const tier of ordered)
      for (let n = 0; n < tier.count && i < list.length; n++) awards.set(list[i++].entryId, tier.id);
  }
  return awards;
}
