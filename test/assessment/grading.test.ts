// Grade and level from scores, over thousands of random schemes and score sets (a seeded loop, so a
// failure reproduces): the result must match the thresholds read literally, and never get worse
// when a score goes up.
import { expect, test } from "vitest";
import { autoPoints, evaluate, gradeFor, levelFor, scoreProblem, type ScoredItem } from "~/domain/assessment/grading";

function rng(seed: number) {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 2147483648;
  };
}
const GRADE_ORDER = ["fail", "basic", "pass"];
const LEVEL_ORDER = ["none", "three", "two", "one", "model"];

test("grade and level follow the thresholds for random scores, and rise with any score", () => {
  const random = rng(14);
  for (let run = 0; run < 3000; run++) {
    const items: ScoredItem[] = Array.from({ length: 2 + Math.floor(random() * 10) }, (_, i) => ({
      id: `i${i}`,
      kind: random() < 0.5 ? "rigid" : "flexible",
      scoring: random() < 0.3 ? "pass_fail" : "points",
      maxPoints: 1 + Math.floor(random() * 30),
    }));
    const basic = Math.floor(random() * 80);
    const grade = { basic, pass: basic + Math.floor(random() * 20) };
    const three = Math.floor(random() * 20);
    const level = { three, two: three + 5, one: three + 10 + Math.floor(random() * 5), model: three + 30 };
    const scores = new Map(
      items.map((item) => {
        const v =
          item.scoring === "pass_fail"
            ? random() < 0.5
              ? 0
              : item.maxPoints
            : Math.round(random() * item.maxPoints * 10) / 10;
        expect(scoreProblem(item, v)).toBeNull();
        return [item.id, v];
      }),
    );
    const result = evaluate(items, scores, { grade, level });
    const rigid =
      Math.round(items.filter((i) => i.kind === "rigid").reduce((a, i) => a + scores.get(i.id)!, 0) * 10) / 10;
    const flexible =
      Math.round(items.filter((i) => i.kind === "flexible").reduce((a, i) => a + scores.get(i.id)!, 0) * 10) / 10;
    expect(result.rigidTotal).toBe(rigid);
    expect(result.flexibleTotal).toBe(flexible);
    expect(result.grade).toBe(rigid >= grade.pass ? "pass" : rigid >= grade.basic ? "basic" : "fail");
    const expectedLevel =
      result.grade === "fail"
        ? "none"
        : flexible >= level.model
          ? "model"
          : flexible >= level.one
            ? "one"
            : flexible >= level.two
              ? "two"
              : flexible >= level.three
                ? "three"
                : "none";
    expect(result.level).toBe(expectedLevel);
    // Raising one score never lowers the grade or the level.
    const item = items[Math.floor(random() * items.length)];
    const higher = new Map(scores);
    higher.set(item.id, item.maxPoints);
    const better = evaluate(items, higher, { grade, level });
    expect(GRADE_ORDER.indexOf(better.grade)).toBeGreaterThanOrEqual(GRADE_ORDER.indexOf(result.grade));
    if (better.grade === result.grade)
      expect(LEVEL_ORDER.indexOf(better.level)).toBeGreaterThanOrEqual(LEVEL_ORDER.indexOf(result.level));
  }
});

test("exactly on a threshold counts; decimals do not drift under it", () => {
  const t = { pass: 85, basic: 70 };
  expect(gradeFor(85, t)).toBe("pass");
  expect(gradeFor(84.9, t)).toBe("basic");
  expect(gradeFor(70, t)).toBe("basic");
  expect(gradeFor(69.9, t)).toBe("fail");
  expect(levelFor(50, "basic", { model: 50, one: 35, two: 20, three: 10 })).toBe("model");
  expect(levelFor(50, "fail", { model: 50, one: 35, two: 20, three: 10 })).toBe("none");
  const items = [0.1, 0.2].map((max, i) => ({ id: `x${i}`, kind: "rigid", scoring: "points", maxPoints: max }));
  expect(
    evaluate(
      items,
      new Map([
        ["x0", 0.1],
        ["x1", 0.2],
      ]),
      { grade: { pass: 0.3, basic: 0.1 }, level: { model: 9, one: 9, two: 9, three: 9 } },
    ).grade,
  ).toBe("pass");
});

test("scores outside an item's range or form are refused; auto points are capped", () => {
  const points = { id: "p", kind: "rigid", scoring: "points", maxPoints: 15 };
  const passFail = { id: "f", kind: "rigid", scoring: "pass_fail", maxPoints: 15 };
  expect(scoreProblem(points, 16)).toBe("assessment.error.scoreRange");
  expect(scoreProblem(points, -1)).toBe("assessment.error.scoreRange");
  expect(scoreProblem(points, 7.25)).toBe("assessment.error.scoreDecimals");
  expect(scoreProblem(points, Number.NaN)).toBe("assessment.error.scoreNumber");
  expect(scoreProblem(passFail, 7)).toBe("assessment.error.passFail");
  expect(scoreProblem(passFail, 15)).toBeNull();
  expect(autoPoints({ ...points, autoPer: 2 }, 100)).toBe(15);
  expect(autoPoints({ ...points, autoPer: 2 }, 3)).toBe(6);
  expect(autoPoints({ ...points, autoPer: 2 }, null)).toBe(0);
});
