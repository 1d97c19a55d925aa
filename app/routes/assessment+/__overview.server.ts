// The round and county an overview request is about, checked against the staff member's scope
// (shared by the page and its export, so both show exactly the same figures).
import type { AssessmentScope } from "~/domain/assessment/scope.server";
import { prisma } from "~/utils/db.server";
import { forbidden } from "~/utils/http.server";

export async function pickRound(url: URL) {
  const rounds = await prisma.assessmentRound.findMany({
    orderBy: [{ year: "desc" }, { createdAt: "desc" }],
    select: { id: true, name: true, status: true, year: true, deadline: true },
  });
  const requested = url.searchParams.get("round");
  const round = rounds.find((r) => r.id === requested) ?? rounds.find((r) => r.status === "open") ?? rounds[0] ?? null;
  return { rounds, round };
}

/** null = every county (city staff); else the reviewer's counties, narrowed by ?county= when allowed. */
export function overviewCounties(scope: AssessmentScope, url: URL) {
  const requested = url.searchParams.get("county") || null;
  if (requested && scope.counties && !scope.counties.includes(requested)) forbidden();
  return requested ? [requested] : scope.counties;
}
