// The settings a contest's organiser sets when creating it and may change later: one schema and
// one set of fields, used by organise/new and organise/$contestId/edit.
import { useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { z } from "zod";
import { Field } from "~/components/forms";
import { ELIGIBILITY, SCORE_METHODS } from "~/domain/contests/constants";
import type { MessageKey } from "~/i18n";
import { useI18n } from "~/utils/i18n";
import { parseLocalDateTime } from "~/utils/time";

const when = z
  .string({ required_error: "validation.required" })
  .transform(
    (v, ctx) =>
      parseLocalDateTime(v) ?? (ctx.addIssue({ code: "custom", message: "validation.invalidDateTime" }), z.NEVER),
  );

/** A checkbox: present ("on") when ticked, absent otherwise. */
export const checkbox = z
  .literal("on")
  .optional()
  .transform((v) => v === "on");

export const DATE_FIELDS = [
  "submissionOpensAt",
  "submissionClosesAt",
  "judgingOpensAt",
  "judgingClosesAt",
  "resultsAt",
] as const;
export type ContestDates = Record<(typeof DATE_FIELDS)[number], string>;

export const contestSettingsShape = {
  title: z
    .string({ required_error: "validation.required" })
    .trim()
    .min(2, "validation.required")
    .max(100, "validation.tooLong"),
  description: z.string().trim().max(5000, "validation.tooLong").default(""),
  eligibility: z.enum(ELIGIBILITY, { errorMap: () => ({ message: "validation.invalidChoice" }) }),
  submissionOpensAt: when,
  submissionClosesAt: when,
  judgingOpensAt: when,
  judgingClosesAt: when,
  resultsAt: when,
  blindReview: checkbox,
  normalizeScores: checkbox,
  judgesPerEntry: z.coerce
    .number({ invalid_type_error: "validation.invalidNumber" })
    .int("validation.invalidNumber")
    .min(1, "validation.mustBePositive")
    .max(15, "validation.invalidNumber"),
  scoreMethod: z.enum(SCORE_METHODS, { errorMap: () => ({ message: "validation.invalidChoice" }) }),
};

export type ContestSettingsValues = {
  title?: string;
  description?: string;
  eligibility?: string;
  dates: Partial<ContestDates>;
  judgesPerEntry: number;
  scoreMethod?: string;
  blindReview: boolean;
  normalizeScores: boolean;
};

type FieldErrors = Record<string, string[] | null | undefined>;

/**
 * A contest form's Conform setup (the same schema checks in the browser when JavaScript runs)
 * and each field's errors, the server's winning over the browser's.
 */
export function useContestForm(id: string, schema: z.ZodTypeAny, serverErrors: FieldErrors | undefined) {
  const [form] = useForm({
    id,
    constraint: getZodConstraint(schema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
    shouldValidate: "onBlur",
  });
  const clientErrors = (form.allErrors ?? {}) as FieldErrors;
  return { form, errorsFor: (field: string) => serverErrors?.[field] ?? clientErrors[field] ?? undefined };
}

/** The first of some errors, for a group of fields (a fieldset, a rubric or tier row). */
export function FirstError({ errors }: { errors: string[] | undefined }) {
  const { t } = useI18n();
  if (!errors?.length) return null;
  return <p className="field-error col-span-full">{t(errors[0] as MessageKey)}</p>;
}

/**
 * Title, description, eligibility, schedule and judging settings. `afterDescription` slots in
 * what only one form has (the categories on creation).
 */
export function ContestSettingsFields({
  values,
  errorsFor,
  afterDescription,
}: {
  values: ContestSettingsValues;
  errorsFor: (field: string) => string[] | undefined;
  afterDescription?: React.ReactNode;
}) {
  const { t } = useI18n();
  return (
    <>
      <Field label={t("contests.entry.title")} htmlFor="title" errors={errorsFor("title")}>
        <input id="title" name="title" className="input" required maxLength={100} defaultValue={values.title} />
      </Field>
      <Field label={t("contests.org.description")} htmlFor="description" errors={errorsFor("description")}>
        <textarea id="description" name="description" className="input" rows={4} defaultValue={values.description} />
      </Field>
      {afterDescription}
      <Field label={t("contests.eligibility")} htmlFor="eligibility" errors={errorsFor("eligibility")}>
        <select id="eligibility" name="eligibility" className="input" defaultValue={values.eligibility}>
          {ELIGIBILITY.map((e) => (
            <option key={e} value={e}>
              {t(`contests.eligibility.${e}` as MessageKey)}
            </option>
          ))}
        </select>
      </Field>
      <div className="grid gap-x-3 sm:grid-cols-2">
        {DATE_FIELDS.map((f) => (
          <Field key={f} label={t(`contests.org.${f}` as MessageKey)} htmlFor={f} errors={errorsFor(f)}>
            <input id={f} name={f} type="datetime-local" className="input" defaultValue={values.dates[f]} />
          </Field>
        ))}
      </div>
      <div className="grid gap-x-3 sm:grid-cols-2">
        <Field label={t("contests.org.judgesPerEntry")} htmlFor="judgesPerEntry" errors={errorsFor("judgesPerEntry")}>
          <input
            id="judgesPerEntry"
            name="judgesPerEntry"
            className="input"
            inputMode="numeric"
            defaultValue={values.judgesPerEntry}
          />
        </Field>
        <Field label={t("contests.org.scoreMethod")} htmlFor="scoreMethod" errors={errorsFor("scoreMethod")}>
          <select id="scoreMethod" name="scoreMethod" className="input" defaultValue={values.scoreMethod}>
            {SCORE_METHODS.map((m) => (
              <option key={m} value={m}>
                {t(`contests.org.scoreMethod.${m}` as MessageKey)}
              </option>
            ))}
          </select>
        </Field>
      </div>
      <div className="mb-4 space-y-1 text-sm">
        <label className="flex items-center gap-2">
          <input type="checkbox" name="blindReview" defaultChecked={values.blindReview} /> {t("contests.blindReview")}
        </label>
        <label className="flex items-center gap-2">
          <input type="checkbox" name="normalizeScores" defaultChecked={values.normalizeScores} />{" "}
          {t("contests.org.normalize")}
        </label>
      </div>
    </>
  );
}
