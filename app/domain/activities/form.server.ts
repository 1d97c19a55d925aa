// Reads a submitted activity form (multipart, with an optional cover) for the create and edit
// actions: either the checked values, or the reply to send back with status 400.
import { parseWithZod } from "@conform-to/zod";
import type { SubmissionResult } from "@conform-to/react";
import { limitEcho } from "~/utils/form-reply.server";
import { getT } from "~/utils/i18n.server";
import { collectUploads, parseUploadForm } from "~/utils/upload.server";
import { ActivityFormSchema, crossFieldIssues, MAX_QUESTIONS, type ActivityForm } from "./form-schema";

export type QuestionDraft = { id?: string; label: string; kind: string; options: string; required: boolean };

function questionDrafts(formData: FormData): QuestionDraft[] {
  const rows: QuestionDraft[] = [];
  for (let i = 0; i < MAX_QUESTIONS + 5; i++) {
    const label = formData.get(`questions[${i}].label`);
    if (label === null) break;
    rows.push({
      id: String(formData.get(`questions[${i}].id`) ?? "") || undefined,
      label: String(label),
      kind: String(formData.get(`questions[${i}].kind`) ?? "text"),
      options: String(formData.get(`questions[${i}].options`) ?? ""),
      required: formData.get(`questions[${i}].required`) === "on",
    });
  }
  return rows.filter((q) => q.label.trim() || q.id);
}

type Rejected = { ok: false; result: SubmissionResult<string[]>; questions: QuestionDraft[] };
// `stored`: files stored by this request, to delete again if saving fails (see keepUploadsIf).
type Accepted = { ok: true; form: ActivityForm; coverFileId: string | null; removeCover: boolean; stored: string[] };

export async function readActivityForm(
  request: Request,
  userId: string,
  centerIds: string[],
): Promise<Rejected | Accepted> {
  const t = getT(request);
  const parsed = await parseUploadForm(request, "activity_cover");
  if (parsed.error) {
    return {
      ok: false,
      result: { status: "error", error: { cover: [t(parsed.error.key, parsed.error.params as never)] } },
      questions: [],
    };
  }
  const formData = parsed.formData;
  const submission = parseWithZod(formData, { schema: ActivityFormSchema });
  const questions = questionDrafts(formData);
  if (submission.status !== "success") {
    // Zod skips the cross-field checks when a field failed; add them so all problems show at once.
    const result = limitEcho(ActivityFormSchema, submission.reply());
    const extra = Object.fromEntries(Object.entries(crossFieldIssues(submission.payload)).map(([k, m]) => [k, [m]]));
    result.error = { ...extra, ...result.error };
    return { ok: false, result, questions };
  }
  if (!centerIds.includes(submission.value.centerId)) {
    return {
      ok: false,
      result: limitEcho(
        ActivityFormSchema,
        submission.reply({ fieldErrors: { centerId: ["validation.invalidChoice"] } }),
      ),
      questions,
    };
  }
  const files = await collectUploads(formData, "cover", "activity_cover", userId);
  if ("error" in files) {
    return {
      ok: false,
      result: limitEcho(
        ActivityFormSchema,
        submission.reply({ fieldErrors: { cover: [t(files.error.key, files.error.params as never)] } }),
      ),
      questions,
    };
  }
  return {
    ok: true,
    form: submission.value,
    coverFileId: files.ids[0] ?? null,
    removeCover: Boolean(submission.value.removeCover),
    stored: files.stored,
  };
}
