// The organisation forms' schemas, used by the route's action and by Conform in the browser.
import { z } from "zod";
import { parseCalendarDate } from "~/utils/time";
import { requiredText } from "~/utils/validation";
import { ORG_KINDS, UNION_TYPES } from "./constants";

const optionalText = (max: number) => z.string().trim().max(max, "validation.tooLong").optional();

export const OrgFieldsSchema = z.object({
  name: requiredText(100),
  nameEn: optionalText(200),
  code: z
    .string()
    .trim()
    .max(30, "validation.tooLong")
    .regex(/^[A-Za-z0-9-]+$/, "admin.orgs.error.badCode")
    .optional(),
  address: optionalText(200),
  unionType: z.enum(UNION_TYPES, { errorMap: () => ({ message: "validation.invalidChoice" }) }).optional(),
  foundedAt: z
    .string()
    .optional()
    .refine((v) => !v || parseCalendarDate(v) !== null, "validation.invalidDate"),
});

export const CreateSchema = OrgFieldsSchema.extend({
  kind: z.enum(ORG_KINDS, { required_error: "validation.required", invalid_type_error: "validation.invalidChoice" }),
}).superRefine((v, ctx) => {
  if (v.kind === "union" && !v.unionType)
    ctx.addIssue({ code: "custom", path: ["unionType"], message: "admin.orgs.error.unionTypeRequired" });
});

export const MoveSchema = z.object({ parentId: z.string({ required_error: "validation.required" }) });
