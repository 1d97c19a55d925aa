// The activity form's schema, used by the action (parseWithZod) and the browser (constraints).
// Messages are catalog keys.
import { z } from "zod";
import { parseLocalDateTime } from "~/utils/time";
import { CATEGORIES, ELIGIBILITIES, QUESTION_KINDS } from "./categories";

const text = (max: number) =>
  z.string({ required_error: "validation.required" }).trim().min(1, "validation.required").max(max, "validation.tooLong");

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
  return [...new Set((raw ?? "").split(/\r?\n/).map((o) => o.trim()).filter(Boolean))].slice(0, 20);
}

export const ActivityFormSchema = z
  .object({
    title: text(100),
    description: text(10_000),
    category: z.enum(CATEGORIES, { required_error: "validation.required", message: "validation.invalidChoice" }),
    address: text(200),
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
    eligibility: z.enum(ELIGIBILITIES, { message: "validation.invalidChoice" }).default("all"),
    removeCover: z.boolean().optional(),
    questions: z.array(QuestionRow).max(MAX_QUESTIONS + 5).default([]),
  })
  .superRefine((v, ctx) => {
    const at = (s: string) => parseLocalDateTime(s)?.getTime() ?? NaN;
    if (at(v.endsAt) <= at(v.startsAt)) ctx.addIssue({ code: "custom", path: ["endsAt"], message: "validation.endBeforeStart" });
    if (at(v.signupClosesAt) <= at(v.signupOpensAt))
      ctx.addIssue({ code: "custom", path: ["signupClosesAt"], message: "validation.endBeforeStart" });
    if (at(v.signupClosesAt) > at(v.endsAt))
      ctx.addIssue({ code: "custom", path: ["signupClosesAt"], message: "activities.validation.closesAfterEnd" });
    const filled = v.questions.filter((q) => q.label);
    if (filled.length > MAX_QUESTIONS)
      ctx.addIssue({ code: "custom", path: ["questions"], message: "activities.validation.tooManyQuestions" });
    v.questions.forEach((q, i) => {
      if (!q.label) return;
      if (q.kind !== "text" && splitOptions(q.options).length < 2)
        ctx.addIssue({ code: "custom", path: ["questions", i, "options"], message: "activities.validation.needOptions" });
    });
  });

export type ActivityForm = z.infer<typeof ActivityFormSchema>;
