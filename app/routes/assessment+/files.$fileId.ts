import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireAssessmentUser, rightsOver } from "~/domain/assessment/scope.server";
import { prisma } from "~/utils/db.server";
import { getStorage } from "~/utils/storage/storage.server";

// GET /assessment/files/:fileId — evidence and visit photos, for whoever may open the submission
// they belong to (the union's staff, its county and city reviewers, its inspection group).
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { scope } = await requireAssessmentUser(request);
  const link = await prisma.assessmentFile.findUnique({
    where: { fileId: params.fileId ?? "" },
    select: {
      file: true,
      submission: { select: { roundId: true, union: { select: { id: true, path: true, countyId: true } } } },
      visit: { select: { submission: { select: { roundId: true, union: { select: { id: true, path: true, countyId: true } } } } } },
    },
  });
  const sub = link?.submission ?? link?.visit?.submission;
  if (!link || !sub) throw new Response("Not found", { status: 404 });
  const rights = await rightsOver(scope, sub.union, sub.roundId);
  if (!rights.edit && !rights.review && !rights.confirm) throw new Response("Forbidden", { status: 403 });
  const bytes = await getStorage().get(link.file);
  if (!bytes) throw new Response("Not found", { status: 404 });
  return new Response(new Uint8Array(bytes), {
    headers: {
      "Content-Type": link.file.contentType,
      "Content-Length": String(bytes.length),
      "Content-Disposition": `inline; filename*=UTF-8''${encodeURIComponent(link.file.name)}`,
      "Cache-Control": "private, max-age=3600",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
