// The create/edit form for an activity (center staff). Works without JavaScript: a plain
// multipart <Form>; the cover goes through <UploadField>; questions are a fixed set of rows
// (a row with an empty label is ignored, so clearing a label removes the question).
import { getFormProps, getInputProps, getTextareaProps, useForm, type SubmissionResult } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { Form } from "@remix-run/react";
import { ErrorList, Field, FieldFor, selectProps } from "~/components/forms";
import { UploadField } from "~/components/upload-field";
import { CATEGORIES, QUESTION_KINDS } from "~/domain/activities/categories";
import { ActivityFormSchema, MAX_QUESTIONS } from "~/domain/activities/form-schema";
import type { MessageKey } from "~/i18n";
import { useI18n } from "~/utils/i18n";

import type { QuestionDraft } from "~/domain/activities/form.server";
export type { QuestionDraft };

export type ActivityFormDefaults = {
  title?: string;
  description?: string;
  category?: string;
  address?: string;
  centerId?: string;
  startsAt?: string;
  endsAt?: string;
  signupOpensAt?: string;
  signupClosesAt?: string;
  capacity?: number;
  waitlistEnabled?: boolean;
  approvalRequired?: boolean;
  eligibility?: string;
};

type Props = {
  lastResult?: SubmissionResult<string[]> | null;
  defaults: ActivityFormDefaults;
  questions: QuestionDraft[];
  centers: { id: string; name: string; nameEn: string | null }[];
  cover?: { id: string; name: string } | null;
  submitLabel: string;
};

export function ActivityForm({ lastResult, defaults, questions, centers, cover, submitLabel }: Props) {
  const { t, locale } = useI18n();
  const [form, fields] = useForm({
    id: "activity",
    lastResult,
    defaultValue: {
      ...defaults,
      capacity: defaults.capacity ? String(defaults.capacity) : undefined,
      waitlistEnabled: defaults.waitlistEnabled ? "on" : undefined,
      approvalRequired: defaults.approvalRequired ? "on" : undefined,
    },
    constraint: getZodConstraint(ActivityFormSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ActivityFormSchema }),
    shouldRevalidate: "onBlur",
  });
  const rows = [...questions];
  const blanks = Math.min(MAX_QUESTIONS - rows.length, Math.max(2, 3 - rows.length));
  for (let i = 0; i < blanks; i++) rows.push({ label: "", kind: "text", options: "", required: false });
  const err = (name: string) => form.allErrors[name];
  const input = (f: typeof fields.title, type: "text" | "datetime-local" | "number") => (
    <input className="input" {...getInputProps(f, { type })} />
  );
  return (
    <Form method="post" encType="multipart/form-data" {...getFormProps(form)} className="card space-y-1">
      {form.errors?.length ? <ErrorList errors={form.errors} /> : null}
      <FieldFor meta={fields.title} label={t("activities.form.title")}>
        {input(fields.title, "text")}
      </FieldFor>
      <FieldFor meta={fields.centerId} label={t("activities.form.center")}>
        <select className="input" {...selectProps(fields.centerId)}>
          {centers.map((c) => (
            <option key={c.id} value={c.id}>
              {locale === "en" && c.nameEn ? c.nameEn : c.name}
            </option>
          ))}
        </select>
      </FieldFor>
      <FieldFor meta={fields.category} label={t("activities.form.category")}>
        <select className="input" {...selectProps(fields.category)}>
          {CATEGORIES.map((c) => (
            <option key={c} value={c}>
              {t(`activities.category.${c}` as MessageKey)}
            </option>
          ))}
        </select>
      </FieldFor>
      <Field
        label={t("activities.form.description")}
        hint={t("activities.form.descriptionHint")}
        htmlFor={fields.description.id}
        errors={fields.description.errors}
        errorId={fields.description.errorId}
      >
        <textarea className="input min-h-40" {...getTextareaProps(fields.description)} />
      </Field>
      <FieldFor meta={fields.address} label={t("activities.form.address")}>
        {input(fields.address, "text")}
      </FieldFor>
      <div className="grid gap-x-3 sm:grid-cols-2">
        {(["startsAt", "endsAt", "signupOpensAt", "signupClosesAt"] as const).map((name) => (
          <Field
            key={name}
            label={t(`activities.form.${name}` as MessageKey)}
            htmlFor={fields[name].id}
            errors={fields[name].errors}
            errorId={fields[name].errorId}
          >
            {input(fields[name], "datetime-local")}
          </Field>
        ))}
      </div>
      <FieldFor meta={fields.capacity} label={t("activities.form.capacity")}>
        <input className="input" inputMode="numeric" {...getInputProps(fields.capacity, { type: "number" })} />
      </FieldFor>
      <label className="mb-4 flex items-center gap-2 text-sm">
        <input {...getInputProps(fields.waitlistEnabled, { type: "checkbox" })} />
        {t("activities.form.waitlistEnabled")}
      </label>
      <label className="mb-4 flex items-center gap-2 text-sm">
        <input {...getInputProps(fields.approvalRequired, { type: "checkbox" })} />
        {t("desk.form.approvalRequired")}
      </label>
      <FieldFor meta={fields.eligibility} label={t("activities.form.eligibility")}>
        <select className="input" {...selectProps(fields.eligibility)}>
          <option value="all">{t("activities.eligibility.all")}</option>
          <option value="members">{t("activities.eligibility.members")}</option>
        </select>
      </FieldFor>
      {cover ? (
        <div className="mb-2 flex items-center gap-3">
          <img src={`/files/${cover.id}`} alt="" className="h-16 w-24 rounded object-cover" />
          <label className="flex items-center gap-2 text-sm">
            <input type="checkbox" name="removeCover" /> {t("activities.form.removeCover")}
          </label>
        </div>
      ) : null}
      <UploadField
        name="cover"
        purpose="activity_cover"
        label={t("activities.form.cover")}
        hint={t("activities.form.coverHint")}
        errors={err("cover")}
      />
      <fieldset className="mb-4">
        <legend className="label">{t("activities.form.questions")}</legend>
        <p className="mb-2 text-xs text-gray-500">{t("activities.form.questionsHint")}</p>
        <ErrorList errors={err("questions")} />
        {rows.map((q, i) => (
          <div key={`${i}-${q.id ?? ""}`} className="mb-3 rounded border border-gray-200 p-2" data-question-row={i}>
            {q.id ? <input type="hidden" name={`questions[${i}].id`} value={q.id} /> : null}
            <label className="label" htmlFor={`q-${i}-label`}>
              {t("activities.form.questionLabel", { n: i + 1 })}
            </label>
            <input
              id={`q-${i}-label`}
              className="input"
              name={`questions[${i}].label`}
              defaultValue={q.label}
              maxLength={200}
            />
            <ErrorList errors={err(`questions[${i}].label`)} />
            <div className="mt-2 flex flex-wrap items-center gap-3">
              <select
                className="input w-auto"
                name={`questions[${i}].kind`}
                defaultValue={q.kind}
                aria-label={t("activities.form.questionKind")}
              >
                {QUESTION_KINDS.map((k) => (
                  <option key={k} value={k}>
                    {t(`activities.questionKind.${k}` as MessageKey)}
                  </option>
                ))}
              </select>
              <label className="flex items-center gap-1 text-sm">
                <input type="checkbox" name={`questions[${i}].required`} defaultChecked={q.required} />{" "}
                {t("activities.form.questionRequired")}
              </label>
            </div>
            <label className="label mt-2" htmlFor={`q-${i}-options`}>
              {t("activities.form.questionOptions")}
            </label>
            <textarea
              id={`q-${i}-options`}
              className="input"
              rows={2}
              name={`questions[${i}].options`}
              defaultValue={q.options}
            />
            <ErrorList errors={err(`questions[${i}].options`)} />
          </div>
        ))}
      </fieldset>
      <button type="submit" className="btn-primary w-full sm:w-auto">
        {submitLabel}
      </button>
    </Form>
  );
}
