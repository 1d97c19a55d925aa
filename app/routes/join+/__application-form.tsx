// The membership application form (the join page's main view). Works without JavaScript; the
// county picker above it is a plain GET form that reloads the employer and union lists.
import { getFormProps, getInputProps, useForm, type SubmissionResult } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { Form, Link } from "@remix-run/react";
import { PRIVACY_NOTICE_VERSION } from "~/domain/privacy/notice";
import { ErrorList, Field, FieldFor, FormMessage, IdNameOptions, selectProps } from "~/components/forms";
import { ApplicationSchema } from "~/domain/membership/application-schema";
import {
  EDUCATION_LEVELS,
  EMPLOYMENT_TYPES,
  ENTERPRISE_SIZES,
  GENDERS,
  INCOME_BANDS,
  INDUSTRIES,
} from "~/domain/membership/validators";
import type { MessageKey } from "~/i18n";
import { useI18n } from "~/utils/i18n";

type IdName = { id: string; name: string };
type Props = {
  lastResult?: SubmissionResult<string[]> | null;
  /** The applicant's last application, when it was rejected (its reason is shown). */
  rejected: { rejectReason: string | null } | null;
  from: string | null;
  source: { type: string; title: string | null } | null;
  countyId: string | null;
  counties: IdName[];
  enterprises: IdName[];
  unions: IdName[];
  suggested: IdName | null;
  defaults: Record<string, string>;
};

export function ApplicationForm({ lastResult, ...d }: Props) {
  const { t } = useI18n();
  const [form, fields] = useForm({
    id: "membership-application",
    lastResult,
    constraint: getZodConstraint(ApplicationSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ApplicationSchema }),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onBlur",
    defaultValue: { ...d.defaults, from: d.from ?? "" },
  });
  const options = (prefix: string, values: readonly string[]) =>
    values.map((v) => (
      <option key={v} value={v}>
        {t(`${prefix}.${v}` as MessageKey)}
      </option>
    ));
  const choose = <option value="">{t("membership.apply.choose")}</option>;
  // On a phone the optional parts are folded away; a part opens when it is needed (the employer
  // is "not listed", the worker is a migrant worker), holds an answer, or holds an error.
  const used = (...metas: { value?: unknown; errors?: string[] }[]) => metas.some((m) => m.value || m.errors?.length);
  const openNewEnterprise =
    fields.enterpriseId.value === "new" ||
    used(fields.newName, fields.newCreditCode, fields.newCountyId, fields.newIndustry, fields.newSize);
  const openMigrant =
    fields.isMigrant.value === "yes" || used(fields.education, fields.industry, fields.incomeBand, fields.workplace);
  const errorCount = Object.values(form.allErrors).filter((e) => e?.length).length;
  const sourceKey = d.source
    ? (`membership.apply.from${d.source.type[0].toUpperCase()}${d.source.type.slice(1)}` as MessageKey)
    : null;
  return (
    <div className="mx-auto max-w-xl">
      <h1 className="page-title">{t("membership.apply.title")}</h1>
      {sourceKey && d.source?.title ? <FormMessage message={t(sourceKey, { title: d.source.title })} /> : null}
      {d.rejected ? (
        <FormMessage
          tone="error"
          message={t("membership.status.rejectedBody", { reason: d.rejected.rejectReason ?? "" })}
        />
      ) : null}
      <p className="mb-4 text-sm text-gray-700">{t("membership.apply.intro")}</p>

      <Form method="get" className="card mb-4 flex flex-wrap items-end gap-2">
        {d.from ? <input type="hidden" name="from" value={d.from} /> : null}
        <div className="min-w-0 flex-1">
          <label className="label" htmlFor="county-picker">
            {t("membership.apply.employerCounty")}
          </label>
          <select id="county-picker" name="county" className="input" defaultValue={d.countyId ?? ""}>
            <IdNameOptions items={d.counties} />
          </select>
        </div>
        <button type="submit" className="btn-secondary">
          {t("membership.apply.showEmployers")}
        </button>
      </Form>

      <Form method="post" {...getFormProps(form)} className="card space-y-2">
        {errorCount > 0 ? (
          <p role="alert" className="field-error mb-3 font-medium" data-testid="error-summary">
            {t("ux.join.errorSummary", { n: errorCount })}
          </p>
        ) : null}
        {form.errors?.length ? (
          <p role="alert" className="field-error mb-3 rounded-md border border-red-200 bg-red-50 p-2">
            {form.errors.map((e) => t(e as MessageKey)).join(" ")}
          </p>
        ) : null}
        <input {...getInputProps(fields.from, { type: "hidden" })} />
        <h2 className="font-semibold">{t("membership.apply.personal")}</h2>
        <FieldFor meta={fields.name} label={t("membership.apply.name")}>
          <input className="input" autoComplete="name" {...getInputProps(fields.name, { type: "text" })} />
        </FieldFor>
        <FieldFor meta={fields.gender} label={t("membership.apply.gender")}>
          <select className="input" {...selectProps(fields.gender)}>
            {choose}
            {GENDERS.map((g) => (
              <option key={g} value={g}>
                {t(`gender.${g}` as MessageKey)}
              </option>
            ))}
          </select>
        </FieldFor>
        <FieldFor meta={fields.birthDate} label={t("membership.apply.birthDate")}>
          <input className="input" {...getInputProps(fields.birthDate, { type: "date" })} />
        </FieldFor>
        <FieldFor meta={fields.phone} label={t("membership.apply.phone")}>
          <input
            className="input"
            autoComplete="tel"
            inputMode="tel"
            {...getInputProps(fields.phone, { type: "tel" })}
          />
        </FieldFor>
        <details className="mb-3" open={used(fields.idNumber) || undefined}>
          <summary className="cursor-pointer py-1 text-sm font-medium text-brand-700">
            {t("ux.join.idNumberSection")}
          </summary>
          <FieldFor
            meta={fields.idNumber}
            label={`${t("membership.apply.idNumber")} ${t("common.optional")}`}
            hint={t("membership.apply.idNumberHint")}
          >
            <input
              className="input"
              autoComplete="off"
              maxLength={18}
              {...getInputProps(fields.idNumber, { type: "text" })}
            />
          </FieldFor>
        </details>

        <h2 className="pt-2 font-semibold">{t("membership.apply.work")}</h2>
        <FieldFor
          meta={fields.enterpriseId}
          label={t("membership.apply.employer")}
          hint={t("membership.apply.employerHint")}
        >
          <select className="input" {...selectProps(fields.enterpriseId)}>
            <option value="">{t("membership.apply.employerNone")}</option>
            <IdNameOptions items={d.enterprises} />
            <option value="new">{t("membership.apply.employerNew")}</option>
          </select>
        </FieldFor>
        <details className="mb-3" open={openNewEnterprise || undefined}>
          <summary className="cursor-pointer py-1 text-sm font-medium text-brand-700">
            {t("ux.join.newEnterpriseSection")}
          </summary>
          <fieldset className="rounded-md border border-gray-200 p-3">
            <legend className="px-1 text-sm font-medium">{t("membership.apply.newEnterprise")}</legend>
            <p className="mb-2 text-xs text-gray-600">{t("ux.join.newEnterpriseHint")}</p>
            <FieldFor meta={fields.newName} label={t("membership.apply.enterpriseName")}>
              <input className="input" {...getInputProps(fields.newName, { type: "text" })} />
            </FieldFor>
            <FieldFor
              meta={fields.newCreditCode}
              label={t("membership.apply.creditCode")}
              hint={t("membership.apply.creditCodeHint")}
            >
              <input
                className="input uppercase"
                maxLength={18}
                autoComplete="off"
                {...getInputProps(fields.newCreditCode, { type: "text" })}
              />
            </FieldFor>
            <FieldFor meta={fields.newCountyId} label={t("membership.apply.enterpriseCounty")}>
              <select className="input" {...selectProps(fields.newCountyId)}>
                {choose}
                <IdNameOptions items={d.counties} />
              </select>
            </FieldFor>
            <FieldFor meta={fields.newIndustry} label={t("membership.apply.industry")}>
              <select className="input" {...selectProps(fields.newIndustry)}>
                {choose}
                {options("membership.industry", INDUSTRIES)}
              </select>
            </FieldFor>
            <FieldFor meta={fields.newSize} label={t("membership.apply.size")}>
              <select className="input" {...selectProps(fields.newSize)}>
                {choose}
                {options("membership.size", ENTERPRISE_SIZES)}
              </select>
            </FieldFor>
          </fieldset>
        </details>
        <FieldFor meta={fields.employmentType} label={t("membership.apply.employmentType")}>
          <select className="input" {...selectProps(fields.employmentType)}>
            {choose}
            {options("membership.employment", EMPLOYMENT_TYPES)}
          </select>
        </FieldFor>
        <fieldset className="mb-4">
          <legend className="label">{t("membership.apply.isMigrant")}</legend>
          <div className="flex gap-4">
            {(["yes", "no"] as const).map((v) => (
              <label key={v} className="flex items-center gap-1 text-sm">
                <input
                  type="radio"
                  name={fields.isMigrant.name}
                  value={v}
                  defaultChecked={fields.isMigrant.initialValue === v}
                />
                {t(v === "yes" ? "common.yes" : "common.no")}
              </label>
            ))}
          </div>
          {fields.isMigrant.errors ? (
            <p className="field-error">{t(fields.isMigrant.errors[0] as MessageKey)}</p>
          ) : null}
        </fieldset>
        <details className="mb-3" open={openMigrant || undefined}>
          <summary className="cursor-pointer py-1 text-sm font-medium text-brand-700">
            {t("ux.join.migrantSection")}
          </summary>
          <fieldset className="rounded-md border border-gray-200 p-3">
            <legend className="px-1 text-sm font-medium">{t("membership.apply.migrantFields")}</legend>
            <Field
              label={t("membership.apply.education")}
              htmlFor={fields.education.id}
              errors={fields.education.errors}
            >
              <select className="input" {...selectProps(fields.education)}>
                {choose}
                {options("membership.education", EDUCATION_LEVELS)}
              </select>
            </Field>
            <Field label={t("membership.apply.industry")} htmlFor={fields.industry.id} errors={fields.industry.errors}>
              <select className="input" {...selectProps(fields.industry)}>
                {choose}
                {options("membership.industry", INDUSTRIES)}
              </select>
            </Field>
            <Field
              label={t("membership.apply.incomeBand")}
              htmlFor={fields.incomeBand.id}
              errors={fields.incomeBand.errors}
            >
              <select className="input" {...selectProps(fields.incomeBand)}>
                {choose}
                {options("membership.income", INCOME_BANDS)}
              </select>
            </Field>
            <Field
              label={t("membership.apply.workplace")}
              htmlFor={fields.workplace.id}
              errors={fields.workplace.errors}
            >
              <input className="input" {...getInputProps(fields.workplace, { type: "text" })} />
            </Field>
          </fieldset>
        </details>
        <Field
          label={t("membership.apply.union")}
          htmlFor={fields.unionId.id}
          errors={fields.unionId.errors}
          errorId={fields.unionId.errorId}
          hint={
            <>
              {t("membership.apply.unionHint")}
              {d.suggested ? (
                <span className="mt-1 block font-medium text-gray-700">
                  {t("membership.apply.unionSuggested", { name: d.suggested.name })}
                </span>
              ) : null}
            </>
          }
        >
          <select className="input" {...selectProps(fields.unionId)}>
            <option value="">{t("membership.apply.unionAuto")}</option>
            <IdNameOptions items={d.unions} />
          </select>
        </Field>
        {/* Separate, explicit consent for the sensitive fields (PIPL art. 29), never pre-ticked. */}
        <div className="rounded border border-gray-200 p-3" data-testid="sensitive-consent">
          <label className="flex items-start gap-2 text-sm">
            <input
              type="checkbox"
              name={fields.consentSensitive.name}
              value="yes"
              required
              className="mt-1"
              aria-describedby={fields.consentSensitive.errorId}
            />
            <span>{t("privacy.consent.sensitive", { version: PRIVACY_NOTICE_VERSION })}</span>
          </label>
          <Link to="/privacy" className="link ml-6 text-sm" target="_blank">
            {t("privacy.consent.readNotice")}
          </Link>
          <ErrorList id={fields.consentSensitive.errorId} errors={fields.consentSensitive.errors} />
        </div>
        <button type="submit" className="btn-primary w-full">
          {t("membership.apply.submit")}
        </button>
      </Form>
    </div>
  );
}
