import type { LoaderFunctionArgs } from "@remix-run/node";
import { resultsTable } from "~/domain/contests/results-table.server";
import { prisma } from "~/utils/db.server";
import { exportResponse } from "~/utils/export.server";
import { getT } from "~/utils/i18n.server";
import { requireContestOrganiser } from "~/utils/permissions.server";
import { toLocalDateKey } from "~/utils/time";

// GET /organise/:contestId/export?format=csv|xlsx — the score matrix and results (raw and
// normalised totals, tie-break values, awards) for the contest's organisers; audited like every export.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, contestId } = await requireContestOrganiser(request, params.contestId ?? "");
  const format = new URL(request.url).searchParams.get("format") === "xlsx" ? "xlsx" : "csv";
  const table = await resultsTable(contestId, getT(request));
  const contest = await prisma.contest.findUniqueOrThrow({ where: { id: contestId }, select: { orgId: true } });
  return exportResponse({
    actorId: user.id,
    table,
    format,
    fileName: `${table.title}-${toLocalDateKey()}`,
    entity: "Contest",
    entityId: contestId,
    orgId: contest.orgId,
  });
}
