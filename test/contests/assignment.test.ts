import { expect, test } from "vitest";
import {
  isConflicted,
  planAssignments,
  type EntryForAssignment,
  type JudgeInfo,
  type Pair,
} from "~/domain/contests/assignment";

// A small seeded generator (mulberry32), so every run checks the same random organisations.
function rng(seed: number) {
  let a = seed;
  return () => {
    a |= 0;
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function randomContest(seed: number) {
  const r = rng(seed);
  const int = (lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));
  const unions = Array.from({ length: int(1, 6) }, (_, i) => `u${i}`);
  const enterprises = Array.from({ length: int(2, 10) }, (_, i) => ({
    id: `ent${i}`,
    unionId: r() < 0.8 ? unions[int(0, unions.length - 1)] : null,
  }));
  const judges: JudgeInfo[] = Array.from({ length: int(2, 16) }, (_, i) => {
    const employer = r() < 0.85 ? enterprises[int(0, enterprises.length - 1)] : null;
    return { id: `j${i}`, employerId: employer?.id ?? null, unionId: employer?.unionId ?? null };
  });
  const entries: EntryForAssignment[] = Array.from({ length: int(1, 80) }, (_, i) => {
    const ent = r() < 0.9 ? enterprises[int(0, enterprises.length - 1)] : null;
    const authorIds = [`w${i}`];
    if (r() < 0.15) authorIds.push(judges[int(0, judges.length - 1)].id); // a judge co-authored it
    return { id: `e${i}`, enterpriseId: ent?.id ?? null, orgId: ent?.unionId ?? null, authorIds };
  });
  const declined: Pair[] = [];
  for (let i = 0; i < int(0, 5); i++)
    declined.push({ entryId: entries[int(0, entries.length - 1)].id, judgeId: judges[int(0, judges.length - 1)].id });
  return { judges, entries, declined, judgesPerEntry: int(1, 5) };
}

test("automatic assignment never pairs a judge with a conflicted entry and fills every entry it can (300 random contests)", () => {
  for (let seed = 1; seed <= 300; seed++) {
    const c = randomContest(seed);
    const plan = planAssignments(c);
    const declined = new Set(c.declined.map((p) => `${p.entryId}|${p.judgeId}`));
    const judges = new Map(c.judges.map((j) => [j.id, j]));
    const seen = new Set<string>();
    for (const p of plan.added) {
      const key = `${p.entryId}|${p.judgeId}`;
      expect(seen.has(key), `seed ${seed}: duplicate ${key}`).toBe(false);
      seen.add(key);
      expect(
        isConflicted(
          judges.get(p.judgeId)!,
          c.entries.find((e) => e.id === p.entryId)!,
        ),
        `seed ${seed}: conflict ${key}`,
      ).toBe(false);
      expect(declined.has(key), `seed ${seed}: declined ${key}`).toBe(false);
    }
    for (const e of c.entries) {
      const eligible = c.judges.filter((j) => !isConflicted(j, e) && !declined.has(`${e.id}|${j.id}`)).length;
      const got = plan.added.filter((p) => p.entryId === e.id).length;
      expect(got, `seed ${seed}: entry ${e.id}`).toBe(Math.min(c.judgesPerEntry, eligible));
      expect(plan.short.some((s) => s.entryId === e.id)).toBe(got < c.judgesPerEntry);
    }
  }
});

test("automatic assignment balances load: no assignment could move to a judge with 2 fewer (300 random contests)", () => {
  for (let seed = 1; seed <= 300; seed++) {
    const c = randomContest(seed);
    const plan = planAssignments(c);
    const declined = new Set(c.declined.map((p) => `${p.entryId}|${p.judgeId}`));
    const pairs = new Set(plan.added.map((p) => `${p.entryId}|${p.judgeId}`));
    for (const heavy of c.judges) {
      for (const light of c.judges) {
        if (plan.loads.get(heavy.id)! - plan.loads.get(light.id)! < 2) continue;
        const movable = plan.added.some(
          (p) =>
            p.judgeId === heavy.id &&
            !pairs.has(`${p.entryId}|${light.id}`) &&
            !declined.has(`${p.entryId}|${light.id}`) &&
            !isConflicted(
              light,
              c.entries.find((e) => e.id === p.entryId)!,
            ),
        );
        expect(movable, `seed ${seed}: ${heavy.id} → ${light.id}`).toBe(false);
      }
    }
  }
});

test("without conflicts, every judge's load differs by at most one", () => {
  for (let seed = 1; seed <= 100; seed++) {
    const c = randomContest(seed);
    const judges = c.judges.map((j) => ({ ...j, employerId: null, unionId: null }));
    const entries = c.entries.map((e) => ({ ...e, enterpriseId: null, orgId: null, authorIds: [] }));
    const plan = planAssignments({ judges, entries, judgesPerEntry: Math.min(c.judgesPerEntry, judges.length) });
    const loads = [...plan.loads.values()];
    expect(Math.max(...loads) - Math.min(...loads), `seed ${seed}`).toBeLessThanOrEqual(1);
    expect(plan.short).toEqual([]);
  }
});

test("existing assignments are kept and counted; only the missing judges are added", () => {
  const judges = ["a", "b", "c"].map((id) => ({ id, employerId: null, unionId: null }));
  const entries = ["e1", "e2", "e3"].map((id) => ({ id, enterpriseId: null, orgId: null, authorIds: [] }));
  const plan = planAssignments({
    judges,
    entries,
    judgesPerEntry: 2,
    existing: [
      { entryId: "e1", judgeId: "a" },
      { entryId: "e1", judgeId: "b" },
    ],
  });
  expect(plan.added.filter((p) => p.entryId === "e1")).toEqual([]);
  expect(plan.added).toHaveLength(4);
  expect([...plan.loads.values()].sort()).toEqual([2, 2, 2]);
});
