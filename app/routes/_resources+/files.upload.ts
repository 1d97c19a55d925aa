import type { ActionFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { getSessionUser } from "~/utils/auth.server";
import { getT } from "~/utils/i18n.server";
import { manageableCenters } from "~/utils/permissions.server";
import {
  checkFiles,
  dailyQuotaUsed,
  filesIn,
  parseUploadForm,
  QUOTA_ERROR,
  storeFiles,
  UPLOAD_RULES,
  type UploadPurpose,
} from "~/utils/upload.server";

// POST /files/upload — one step of <UploadField> when JavaScript runs: the browser sends each
// chosen file here (multipart `file` + `purpose`) with progress, and the form later carries only
// the returned ids (checked again by collectUploads). Replies JSON for the XHR, never a page.
const PURPOSES = ["activity_cover", "entry_attachment"] as const satisfies readonly UploadPurpose[];
const PurposeSchema = z.enum(PURPOSES);
const isPurpose = (v: unknown): v is (typeof PURPOSES)[number] => PurposeSchema.safeParse(v).success;

// The purpose also rides in the query string so the size cap is known before the body is read;
// without it the largest cap applies while parsing and the purpose's own cap is checked after.
const LARGEST: UploadPurpose = "entry_attachment";

// Files uploaded here wait, unattached, until their form is saved; the daily allowance
// (DAILY_UPLOAD_FILES/BYTES, enforced when each file is recorded) and the scheduled cleanup of
// unattached files keep the endpoint from filling the disk. It is checked here first as well, so
// an account over its allowance is refused before its body is read.
export async function action({ request }: ActionFunctionArgs) {
  const t = getT(request);
  const fail = (status: number, error: string) => Response.json({ error }, { status });
  const user = await getSessionUser(request);
  if (!user) return fail(401, t("upload.notSignedIn"));
  if (request.method !== "POST") return fail(405, t("upload.failed"));
  if (await dailyQuotaUsed(user.id)) return fail(429, t(QUOTA_ERROR.key, QUOTA_ERROR.params));

  const queryPurpose = new URL(request.url).searchParams.get("purpose");
  const parsed = await parseUploadForm(request, isPurpose(queryPurpose) ? queryPurpose : LARGEST);
  if (parsed.error) return fail(413, t(parsed.error.key, parsed.error.params));
  const purposeField = PurposeSchema.safeParse(parsed.formData.get("purpose") ?? queryPurpose);
  if (!purposeField.success) return fail(400, t("validation.invalidChoice"));
  const purpose = purposeField.data;
  // Covers are public files: only staff who may create or edit activities at a center upload them
  // (the same check as the center's activity pages).
  if (purpose === "activity_cover" && (await manageableCenters(user.id)).length === 0)
    return fail(403, t("upload.coverForbidden"));

  const files = filesIn(parsed.formData, "file");
  if (files.length === 0) return fail(400, t("upload.empty"));
  const problem = await checkFiles(files, purpose);
  if (problem) return fail(problem.key === "upload.tooLarge" ? 413 : 400, t(problem.key, problem.params));

  const stored = await storeFiles(files, purpose, user.id);
  if ("error" in stored) return fail(429, t(stored.error.key, stored.error.params));
  return Response.json({
    files: files.map((file, i) => ({ id: stored.ids[i], name: file.name, size: file.size })),
    maxFiles: UPLOAD_RULES[purpose].maxFiles,
  });
}

export function loader() {
  return new Response("Method not allowed", { status: 405, headers: { Allow: "POST" } });
}
