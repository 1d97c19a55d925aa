// Figures for an organiser's contest dashboard.
import { prisma } from "~/utils/db.server";

export async function contestDashboard(contestId: string) {
  const entries = await prisma.entry.findMany({
    where: { contestId, status: { not: "draft" } },
    select: {
      status: true,
      category: true,
      realisedSaving: true,
      orgId: true,
      submittedBy: { select: { isMigrant: true, membership: { select: { id: true } } } },
    },
  });
  const count = <K extends string>(keys: K[]) => {
    const m = new Map<K, number>();
    for (const k of keys) m.set(k, (m.get(k) ?? 0) + 1);
    return [...m].sort((a, b) => b[1] - a[1]);
  };
  const active = entries.filter((e) => e.status !== "withdrawn");
  const orgIds = [...new Set(active.map((e) => e.orgId).filter((x): x is string => Boolean(x)))];
  const orgs = await prisma.organisation.findMany({ where: { id: { in: orgIds } }, select: { id: true, name: true } });
  const orgName = new Map(orgs.map((o) => [o.id, o.name]));
  const decided = active.filter((e) => !["submitted", "under_evaluation"].includes(e.status));
  const adopted = decided.filter((e) => e.status !== "not_adopted");
  const judges = await prisma.contestJudge.findMany({
    where: { contestId },
    select: { userId: true, user: { select: { name: true } } },
  });
  const assignments = await prisma.assignment.groupBy({
    by: ["judgeId", "status"],
    where: { contestId },
    _count: { _all: true },
  });
  const progress = judges.map((j) => {
    const mine = assignments.filter((a) => a.judgeId === j.userId);
    const n = (s: string) => mine.find((a) => a.status === s)?._count._all ?? 0;
    return {
      judgeId: j.userId,
      name: j.user.name,
      assigned: n("assigned") + n("submitted"),
      submitted: n("submitted"),
      conflicts: n("conflict"),
    };
  });
  return {
    total: active.length,
    withdrawn: entries.length - active.length,
    byCategory: count(active.map((e) => e.category)),
    byStatus: count(entries.map((e) => e.status)),
    byOrg: count(active.map((e) => e.orgId ?? "")).map(([id, n]) => ({ name: id ? (orgName.get(id) ?? id) : null, n })),
    adoptionRate: decided.length ? adopted.length / decided.length : null,
    verifiedBenefit: active.reduce((s, e) => s + (e.realisedSaving ?? 0), 0),
    migrants: active.filter((e) => e.submittedBy.isMigrant).length,
    nonMembers: active.filter((e) => !e.submittedBy.membership).length,
    progress,
  };
}
