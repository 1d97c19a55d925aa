// Automatic judge assignment — a pure function, no database.
//
// Conflict of interest: a judge never gets an entry
//   - from their own employer (entry.enterpriseId = judge.employerId),
//   - from their own union (entry.orgId = the judge's employer's union),
//   - with an accepted co-author from the judge's employer or union (teamEnterpriseIds, teamOrgIds),
//   - that they submitted or co-authored (accepted co-authors only: an invitation alone counts for nothing),
//   - on which they declared a conflict.
// Method: entries are filled most-constrained first (fewest eligible judges), each taking the
// least-loaded eligible judges; then a repair pass moves assignments from the most- to the
// least-loaded judges while that is allowed, so loads differ by at most 1 unless conflicts
// make that impossible. Existing assignments are kept (and count towards the loads).

export type JudgeInfo = { id: string; employerId: string | null; unionId: string | null };
export type EntryForAssignment = {
  id: string;
  enterpriseId: string | null;
  orgId: string | null;
  authorIds: string[];
  /** Employers and unions of the accepted co-authors. */
  teamEnterpriseIds?: string[];
  teamOrgIds?: string[];
};
export type Pair = { entryId: string; judgeId: string };

export function isConflicted(judge: JudgeInfo, entry: EntryForAssignment) {
  return (
    (judge.employerId !== null && judge.employerId === entry.enterpriseId) ||
    (judge.unionId !== null && judge.unionId === entry.orgId) ||
    entry.authorIds.includes(judge.id) ||
    (judge.employerId !== null && (entry.teamEnterpriseIds ?? []).includes(judge.employerId)) ||
    (judge.unionId !== null && (entry.teamOrgIds ?? []).includes(judge.unionId))
  );
}

export type AssignmentPlan = {
  /** New pairs to create (existing ones are not repeated). */
  added: Pair[];
  /** Entries that could not get `judgesPerEntry` judges: how many they have. */
  short: { entryId: string; judges: number }[];
  /** Final load per judge id (existing + added). */
  loads: Map<string, number>;
};

export function planAssignments(input: {
  judges: JudgeInfo[];
  entries: EntryForAssignment[];
  judgesPerEntry: number;
  existing?: Pair[];
  /** Pairs a judge declared a conflict on (never assigned again). */
  declined?: Pair[];
}): AssignmentPlan {
  const { judges, entries, judgesPerEntry } = input;
  const judgeIndex = new Map(judges.map((j, i) => [j.id, i]));
  const loads = new Array<number>(judges.length).fill(0);
  const assigned = new Map<string, Set<number>>(entries.map((e) => [e.id, new Set()]));
  const blocked = new Set((input.declined ?? []).map((p) => `${p.entryId}|${p.judgeId}`));
  const fixed = new Set<string>();
  for (const p of input.existing ?? []) {
    const j = judgeIndex.get(p.judgeId);
    const set = assigned.get(p.entryId);
    if (j === undefined || !set) continue;
    set.add(j);
    loads[j]++;
    fixed.add(`${p.entryId}|${j}`);
  }

  const eligible = new Map<string, number[]>();
  for (const e of entries) {
    const list: number[] = [];
    judges.forEach((judge, j) => {
      if (!isConflicted(judge, e) && (blocked.size === 0 || !blocked.has(`${e.id}|${judge.id}`))) list.push(j);
    });
    eligible.set(e.id, list);
  }

  const order = [...entries].sort((a, b) => eligible.get(a.id)!.length - eligible.get(b.id)!.length);
  for (const e of order) {
    const set = assigned.get(e.id)!;
    const need = judgesPerEntry - set.size;
    if (need <= 0) continue;
    // Pick the `need` least-loaded eligible judges (lowest index on ties): k linear scans
    // instead of a sort, since k is small and the judge list can be long.
    const candidates = eligible.get(e.id)!;
    for (let n = 0; n < need; n++) {
      let best = -1;
      for (const j of candidates) if (!set.has(j) && (best < 0 || loads[j] < loads[best])) best = j;
      if (best < 0) break;
      set.add(best);
      loads[best]++;
    }
  }

  // Repair: move one assignment from a heavy judge to a light one (≥ 2 fewer) when the light
  // judge is eligible for that entry and not already on it. Never moves existing pairs.
  const entryById = new Map(entries.map((e) => [e.id, e]));
  const canTake = (j: number, entryId: string) =>
    !isConflicted(judges[j], entryById.get(entryId)!) &&
    (blocked.size === 0 || !blocked.has(`${entryId}|${judges[j].id}`));
  const entriesOf: string[][] = judges.map(() => []);
  for (const [entryId, set] of assigned)
    for (const j of set) if (!fixed.has(`${entryId}|${j}`)) entriesOf[j].push(entryId);
  for (let guard = 0; guard < entries.length * judgesPerEntry + 10; guard++) {
    const byLoad = judges.map((_, j) => j).sort((a, b) => loads[a] - loads[b]);
    let moved = false;
    outer: for (let hi = byLoad.length - 1; hi >= 0; hi--) {
      const heavy = byLoad[hi];
      for (let lo = 0; lo < byLoad.length && loads[byLoad[lo]] <= loads[heavy] - 2; lo++) {
        const light = byLoad[lo];
        const list = entriesOf[heavy];
        for (let k = 0; k < list.length; k++) {
          const entryId = list[k];
          const set = assigned.get(entryId)!;
          if (set.has(light) || !canTake(light, entryId)) continue;
          set.delete(heavy);
          set.add(light);
          list.splice(k, 1);
          entriesOf[light].push(entryId);
          loads[heavy]--;
          loads[light]++;
          moved = true;
          break outer;
        }
      }
    }
    if (!moved) break;
  }

  const added: Pair[] = [];
  const short: AssignmentPlan["short"] = [];
  for (const e of entries) {
    const set = assigned.get(e.id)!;
    for (const j of set) if (!fixed.has(`${e.id}|${j}`)) added.push({ entryId: e.id, judgeId: judges[j].id });
    if (set.size < judgesPerEntry) short.push({ entryId: e.id, judges: set.size });
  }
  return { added, short, loads: new Map(judges.map((j, i) => [j.id, loads[i]])) };
}
