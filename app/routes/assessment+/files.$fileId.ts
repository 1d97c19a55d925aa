import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireAssessmentUser, rightsOver } from "~/domain/assessment/scope.server";
import { prisma } from "~/utils/db.server";
import { getStorage } from "~/utils/storage/storage.server";
import { forbidden, notFound } from "~/utils/http.server";

// GET /assessment/files/:fileId — evidence and visit photos, for whoever may open the submission
// they belong to (the union's staff, its county and city reviewers, its inspection group).
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { scope } = await requireAssessmentUser(request);
  const link = await prisma.assessmentFile.findUnique({
    where: { fileId: params.fileId ?? "" },
    select: {
      file: true,
      submission: { select: { roundId: true, union: { select: { id: true, path: true, countyId: true } } } },
      visit: {
        select: {
          submission: { select: { roundId: true, union: { select: { id: true, path: true, countyId: true } } } },
        },
      },
    },
  });
  const sub = link?.submission ?? link?.visit?.submission;
  if (!link || !sub) notFound();
  const rights = await rightsOver(scope, sub.union, sub.roundId);
  if (!rights.edit && !rights.review && !rights.confirm) forbidden();
  const bytes = await getStorage().get(link.file);
  if (!bytes) notFound();
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
