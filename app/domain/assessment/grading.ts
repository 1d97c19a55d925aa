// Grade and level from scores — the one place the scheme's thresholds are applied. Pure, so the
// property test can throw thousands of random score sets at it.
//   rigid total → grade (档次): pass 达标 ≥ pass, basic 基本达标 ≥ basic, else fail 未达标
//   flexible total → level (级别): model 示范 ≥ model, one 一级, two 二级, three 三级, else none;
//   a union that fails the standard is not rated (the level rewards extra work on a sound base).
import type { Grade, Level } from "./constants";

export type GradeThresholds = { pass: number; basic: number };
export type LevelThresholds = { model: number; one: number; two: number; three: number };
export type ScoredItem = { id: string; kind: string; scoring: string; maxPoints: number; autoPer?: number | null };

/** Scores are kept to one decimal; sums too, so 0.1 + 0.2 never lands under a threshold of 0.3. */
export const round1 = (x: number) => Math.round(x * 10) / 10;

export function gradeFor(rigidTotal: number, t: GradeThresholds): Grade {
  if (rigidTotal >= t.pass) return "pass";
  if (rigidTotal >= t.basic) return "basic";
  return "fail";
}

export function levelFor(flexibleTotal: number, grade: Grade, t: LevelThresholds): Level {
  if (grade === "fail") return "none";
  if (flexibleTotal >= t.model) return "model";
  if (flexibleTotal >= t.one) return "one";
  if (flexibleTotal >= t.two) return "two";
  if (flexibleTotal >= t.three) return "three";
  return "none";
}

/** Totals, grade and level; a missing score counts as 0. */
export function evaluate(
  items: ScoredItem[],
  scores: Map<string, number | null | undefined>,
  thresholds: { grade: GradeThresholds; level: LevelThresholds },
) {
  let rigid = 0;
  let flexible = 0;
  for (const item of items) {
    const score = scores.get(item.id) ?? 0;
    if (item.kind === "rigid") rigid += score;
    else flexible += score;
  }
  const rigidTotal = round1(rigid);
  const flexibleTotal = round1(flexible);
  const grade = gradeFor(rigidTotal, thresholds.grade);
  return { rigidTotal, flexibleTotal, grade, level: levelFor(flexibleTotal, grade, thresholds.level) };
}

/** Null when the score is allowed for the item, else the catalog key of the problem. */
export function scoreProblem(item: ScoredItem, score: number) {
  if (!Number.isFinite(score)) return "assessment.error.scoreNumber" as const;
  if (item.scoring === "pass_fail")
    return score === 0 || score === item.maxPoints ? null : ("assessment.error.passFail" as const);
  if (score < 0 || score > item.maxPoints) return "assessment.error.scoreRange" as const;
  if (round1(score) !== score) return "assessment.error.scoreDecimals" as const;
  return null;
}

/** Points an auto-filled figure earns: figure × points-per-unit, capped at the item's maximum. */
export function autoPoints(item: ScoredItem, figure: number | null) {
  if (figure === null || !item.autoPer) return 0;
  return Math.min(item.maxPoints, round1(figure * item.autoPer));
}

/** The score that counts: the inspection group's, else the county's, else the union's own. */
export function effectiveScore(s: {
  selfScore: number | null;
  reviewScore: number | null;
  confirmedScore: number | null;
}) {
  return s.confirmedScore ?? s.reviewScore ?? s.selfScore;
}

export function parseThresholds(scheme: { gradeThresholds: string; levelThresholds: string }) {
  return {
    grade: JSON.parse(scheme.gradeThresholds) as GradeThresholds,
    level: JSON.parse(scheme.levelThresholds) as LevelThresholds,
  };
}
