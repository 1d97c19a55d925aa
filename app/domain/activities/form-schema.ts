// The activity form's schema, used by the action (parseWithZod) and the browser (constraints).
// Messages are catalog keys.
import { z } from "zod";
import { parseLocalDateTime } from "~/utils/time";
import { requiredText } from "~/utils/validation";
import { CATEGORIES, ELIGIBILITIES, QUESTION_KINDS } from "./categories";

const localDateTime = z
  .string({ required_error: "validation.required" })
  .refine((v) => parseLocalDateTime(v) !== null, "validation.invalidDateTime");

export const MAX_QUESTIONS = 10;

const QuestionRow = z.object({
  id: z.string().max(64).optional(),
  label: z.string().trim().max(200, "validation.tooLong").optional(),
  kind: z.enum(QUESTION_KINDS, { message: "validation.invalidChoice" }).default("text"),
  options: z.string().max(2000, "validation.tooLong").optional(),
  required: z.boolean().optional(),
});

/** Choice options are typed one per line. */
export function splitOptions(raw: string | undefined) {
  return [
    ...new Set(
      (raw ?? "")
        .split(/\r?\n/)
        .map((o) => o.trim())
        .filter(Boolean),
    ),
  ].slice(0, 20);
}

export const ActivityFormSchema = z
  .object({
    title: requiredText(100),
    description: requiredText(10_000),
    category: z.enum(CATEGORIES, { required_error: "validation.required", message: "validation.invalidChoice" }),
    address: requiredText(200),
    centerId: z.string({ required_error: "validation.required" }).min(1, "validation.required"),
    startsAt: localDateTime,
    endsAt: localDateTime,
    signupOpensAt: localDateTime,
    signupClosesAt: localDateTime,
    capacity: z
      .number({ required_error: "validation.required", invalid_type_error: "validation.invalidNumber" })
      .int("validation.invalidNumber")
      .min(1, "validation.mustBePositive")
      .max(100_000, "validation.invalidNumber"),
    waitlistEnabled: z.boolean().default(false),
    approvalRequired: z.boolean().default(false),
    eligibility: z.enum(ELIGIBILITIES, { message: "validation.invalidChoice" }).default("all"),
    removeCover: z.boolean().optional(),
    questions: z
      .array(QuestionRow)
      .max(MAX_QUESTIONS + 5)
      .default([]),
  })
  .superRefine((v, ctx) => {
    for (const [path, message] of Object.entries(crossFieldIssues(v))) {
      ctx.addIssue({ code: "custom", path: path.replace(/\[(\d+)\]/g, ".$1").split("."), message });
    }
  });

type RawQuestion = { label?: unknown; kind?: unknown; options?: unknown };
type RawForm = {
  startsAt?: unknown;
  endsAt?: unknown;
  signupOpensAt?: unknown;
  signupClosesAt?: unknown;
  questions?: unknown;
};

/**
 * Checks that span fields (time order, choice options), keyed by field name. Also run by the
 * server on a submission that failed elsewhere, so every problem is reported at once.
 */
export function crossFieldIssues(v: RawForm): Record<string, string> {
  const issues: Record<string, string> = {};
  const at = (s: unknown) => (typeof s === "string" ? (parseLocalDateTime(s)?.getTime() ?? NaN) : NaN);
  if (at(v.endsAt) <= at(v.startsAt)) issues.endsAt = "validation.endBeforeStart";
  if (at(v.signupClosesAt) <= at(v.signupOpensAt)) issues.signupClosesAt = "validation.endBeforeStart";
  else if (at(v.signupClosesAt) > at(v.endsAt)) issues.signupClosesAt = "activities.validation.closesAfterEnd";
  const questions = Array.isArray(v.questions) ? (v.questions as RawQuestion[]) : [];
  const filled = questions.filter((q) => typeof q?.label === "string" && q.label.trim());
  if (filled.length > MAX_QUESTIONS) issues.questions = "activities.validation.tooManyQuestions";
  questions.forEach((q, i) => {
    if (typeof q?.label !== "string" || !q.label.trim() || q.kind === "text" || q.kind === undefined) return;
    if (splitOptions(typeof q.options === "string" ? q.options : "").length < 2)
      issues[`questions[${i}].options`] = "activities.validation.needOptions";
  });
  return issues;
}

export type ActivityForm = z.infer<typeof ActivityFormSchema>;
