// The application form's one schema, used by the route's action and by Conform in the browser.
import { z } from "zod";
import { parseCalendarDate } from "~/utils/time";
import { creditCodeField, requiredText, typedPhoneField } from "~/utils/validation";
import {
  EDUCATION_LEVELS,
  EMPLOYMENT_TYPES,
  ENTERPRISE_SIZES,
  GENDERS,
  INCOME_BANDS,
  INDUSTRIES,
  isValidIdNumber,
} from "./validators";

const choice = <T extends readonly [string, ...string[]]>(values: T) =>
  z.enum(values, {
    required_error: "validation.required",
    invalid_type_error: "validation.invalidChoice",
    message: "validation.invalidChoice",
  });

function ageOn(birth: Date, now = new Date()) {
  const years = now.getUTCFullYear() - birth.getUTCFullYear();
  const hadBirthday =
    now.getUTCMonth() > birth.getUTCMonth() ||
    (now.getUTCMonth() === birth.getUTCMonth() && now.getUTCDate() >= birth.getUTCDate());
  return hadBirthday ? years : years - 1;
}

// Two parts checked side by side (an intersection), so every error shows at once: with one object,
// zod skips the employer checks below (a superRefine) until every other field is valid, and the
// applicant met the "choose your employer" error only in a second round.
const PersonFields = z.object({
  from: z.string().optional(),
  name: requiredText(50),
  gender: choice(GENDERS),
  birthDate: z
    .string({ required_error: "validation.required" })
    .regex(/^\d{4}-\d{2}-\d{2}$/, "membership.validation.birthDate")
    .refine((v) => {
      const d = parseCalendarDate(v);
      if (!d) return false;
      const age = ageOn(d);
      return age >= 16 && age <= 100;
    }, "membership.validation.birthDate"),
  phone: typedPhoneField,
  idNumber: z
    .string()
    .trim()
    .toUpperCase()
    .refine((v) => isValidIdNumber(v), "membership.validation.badIdNumber")
    .optional(),
  employmentType: choice(EMPLOYMENT_TYPES),
  isMigrant: choice(["yes", "no"] as const),
  education: choice(EDUCATION_LEVELS).optional(),
  industry: choice(INDUSTRIES).optional(),
  incomeBand: choice(INCOME_BANDS).optional(),
  workplace: z.string().trim().max(100, "validation.tooLong").optional(),
  unionId: z.string().optional(),
  // Separate consent to processing the sensitive fields (app/domain/privacy), recorded with the
  // notice's version; without it the application is not taken.
  consentSensitive: z.literal("yes", {
    errorMap: () => ({ message: "privacy.consent.required" }),
  }),
});

const EmployerFields = z
  .object({
    enterpriseId: z.string().optional(),
    newName: z.string().trim().max(100, "validation.tooLong").optional(),
    newCreditCode: creditCodeField.optional(),
    newCountyId: z.string().optional(),
    newIndustry: choice(INDUSTRIES).optional(),
    newSize: choice(ENTERPRISE_SIZES).optional(),
  })
  .superRefine((v, ctx) => {
    if (!v.enterpriseId)
      ctx.addIssue({ code: "custom", path: ["enterpriseId"], message: "membership.validation.employerRequired" });
    if (v.enterpriseId === "new") {
      if (!v.newName) ctx.addIssue({ code: "custom", path: ["newName"], message: "validation.required" });
      if (!v.newCreditCode) ctx.addIssue({ code: "custom", path: ["newCreditCode"], message: "validation.required" });
      if (!v.newCountyId) ctx.addIssue({ code: "custom", path: ["newCountyId"], message: "validation.required" });
      if (!v.newIndustry) ctx.addIssue({ code: "custom", path: ["newIndustry"], message: "validation.required" });
      if (!v.newSize) ctx.addIssue({ code: "custom", path: ["newSize"], message: "validation.required" });
    }
  });

export const ApplicationSchema = PersonFields.and(EmployerFields);

export type ApplicationForm = z.infer<typeof ApplicationSchema>;
