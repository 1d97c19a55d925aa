import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Field, FieldFor, FormMessage, IdNameOptions, selectProps } from "~/components/forms";
import { ApplicationSchema } from "~/domain/membership/application-schema";
import { applicantStatus, submitApplication } from "~/domain/membership/applications.server";
import { countiesAndZones, suggestUnion, unionsInCounty } from "~/domain/membership/unions.server";
import {
  EDUCATION_LEVELS,
  EMPLOYMENT_TYPES,
  ENTERPRISE_SIZES,
  GENDERS,
  INCOME_BANDS,
  INDUSTRIES,
} from "~/domain/membership/validators";
import type { MessageKey } from "~/i18n";
import { requireUser } from "~/utils/auth.server";
import { prisma } from "~/utils/db.server";
import { limitEcho } from "~/utils/form-reply.server";
import { resolveSource } from "~/utils/funnel.server";
import { useI18n } from "~/utils/i18n";
import { formatDate, parseLocalDate } from "~/utils/time";

export async function loader({ request }: LoaderFunctionArgs) {
  const sessionUser = await requireUser(request);
  const url = new URL(request.url);
  const from = url.searchParams.get("from");
  const [status, user, counties, source] = await Promise.all([
    applicantStatus(sessionUser.id),
    prisma.user.findUniqueOrThrow({
      where: { id: sessionUser.id },
      select: { name: true, phone: true, gender: true, birthDate: true, isMigrant: true, employerId: true, countyId: true, employer: { select: { countyId: true } } },
    }),
    countiesAndZones(),
    resolveSource(from),
  ]);
  const requestedCounty = url.searchParams.get("county");
  const countyId =
    counties.find((c) => c.id === requestedCounty)?.id ?? user.employer?.countyId ?? user.countyId ?? source?.countyId ?? counties[0]?.id ?? null;
  const [enterprises, unions, suggestedId, sourceTitle] = await Promise.all([
    countyId
      ? prisma.enterprise.findMany({ where: { countyId }, select: { id: true, name: true }, orderBy: { name: "asc" }, take: 500 })
      : [],
    countyId ? unionsInCounty(countyId) : [],
    suggestUnion({ enterpriseId: user.employerId, countyId }),
    sourceTitleOf(source),
  ]);
  const suggested = suggestedId ? await prisma.organisation.findUnique({ where: { id: suggestedId }, select: { id: true, name: true } }) : null;
  return {
    status: {
      member: status.membership?.number ?? null,
      latest: status.latest ? { ...status.latest, createdAt: status.latest.createdAt.toISOString() } : null,
    },
    submitted: url.searchParams.get("submitted") === "1",
    from,
    source: source ? { type: source.sourceType, title: sourceTitle } : null,
    countyId,
    counties,
    enterprises,
    unions,
    suggested,
    defaults: {
      name: user.name,
      phone: user.phone ?? "",
      gender: user.gender ?? "",
      birthDate: user.birthDate ? user.birthDate.toISOString().slice(0, 10) : "",
      isMigrant: user.isMigrant ? "yes" : "no",
      enterpriseId: enterprises.some((e) => e.id === user.employerId) ? (user.employerId ?? "") : "",
    },
  };
}

async function sourceTitleOf(source: Awaited<ReturnType<typeof resolveSource>>) {
  if (!source) return null;
  if (source.activityId) return (await prisma.activity.findUnique({ where: { id: source.activityId }, select: { title: true } }))?.title ?? null;
  if (source.contestId) return (await prisma.contest.findUnique({ where: { id: source.contestId }, select: { title: true } }))?.title ?? null;
  if (source.centerId) return (await prisma.organisation.findUnique({ where: { id: source.centerId }, select: { name: true } }))?.name ?? null;
  return null;
}

const ERROR_FIELD: Record<string, string | null> = {
  pending: null,
  member: null,
  creditCodeTaken: "newCreditCode",
  noUnion: "unionId",
  unknownUnion: "unionId",
  unknownEnterprise: "enterpriseId",
};

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const formData = await request.formData();
  const submission = parseWithZod(formData, { schema: ApplicationSchema });
  if (submission.status !== "success") {
    return data({ result: limitEcho(ApplicationSchema, submission.reply()) }, { status: 400 });
  }
  const v = submission.value;
  const profile = await prisma.user.findUnique({ where: { id: user.id }, select: { countyId: true } });
  const isNew = v.enterpriseId === "new";
  if (isNew && !(await prisma.organisation.findFirst({ where: { id: v.newCountyId, kind: { in: ["county", "zone"] } }, select: { id: true } }))) {
    return data({ result: limitEcho(ApplicationSchema, submission.reply({ fieldErrors: { newCountyId: ["validation.invalidChoice"] } })) }, { status: 400 });
  }
  const result = await submitApplication({
    userId: user.id,
    name: v.name,
    gender: v.gender,
    birthDate: parseLocalDate(v.birthDate)!,
    phone: v.phone,
    idNumber: v.idNumber ?? null,
    enterpriseId: isNew ? null : v.enterpriseId,
    newEnterprise: isNew
      ? { name: v.newName!, creditCode: v.newCreditCode!, countyId: v.newCountyId!, industry: v.newIndustry!, size: v.newSize! }
      : null,
    employmentType: v.employmentType,
    isMigrant: v.isMigrant === "yes",
    education: v.education ?? null,
    industry: v.industry ?? null,
    incomeBand: v.incomeBand ?? null,
    workplace: v.workplace ?? null,
    unionId: v.unionId || null,
    countyId: profile?.countyId ?? null,
  });
  if (!result.ok) {
    const key = `membership.error.${result.error}`;
    const field = ERROR_FIELD[result.error];
    const status = result.error === "pending" || result.error === "member" ? 409 : 400;
    return data({ result: limitEcho(ApplicationSchema, submission.reply(field ? { fieldErrors: { [field]: [key] } } : { formErrors: [key] })) }, { status });
  }
  return redirect("/join?submitted=1");
}

export default function JoinPage() {
  const d = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t, locale } = useI18n();
  const { status } = d;
  // "Already pending" / "already a member" refusals land on the status views below.
  const refusal = actionData?.result.error?.[""]?.[0];
  const refusalMessage = refusal ? <FormMessage tone="error" message={t(refusal as MessageKey)} /> : null;
  if (status.member) {
    return (
      <div className="mx-auto max-w-lg">
        <h1 className="page-title">{t("membership.apply.title")}</h1>
        {refusalMessage}
        <div className="card">
          <p className="mb-3">{t("membership.status.member", { number: status.member })}</p>
          <Link to="/me/card" className="btn-primary">
            {t("membership.status.viewCard")}
          </Link>
        </div>
      </div>
    );
  }
  if (status.latest?.status === "pending") {
    return (
      <div className="mx-auto max-w-lg">
        <h1 className="page-title">{t("membership.status.title")}</h1>
        {refusalMessage}
        {d.submitted ? <FormMessage message={t("membership.apply.submitted")} /> : null}
        <div className="card" data-testid="application-status">
          <p className="mb-2">
            <span className="badge">{t("membership.status.pending")}</span>
          </p>
          <p>{t("membership.status.pendingBody", { date: formatDate(status.latest.createdAt, locale), union: status.latest.union.name })}</p>
        </div>
      </div>
    );
  }
  return <ApplicationForm />;
}

function ApplicationForm() {
  const d = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useI18n();
  const [form, fields] = useForm({
    id: "membership-application",
    lastResult: actionData?.result,
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
  const rejected = d.status.latest?.status === "rejected" ? d.status.latest : null;
  const sourceKey = d.source ? (`membership.apply.from${d.source.type[0].toUpperCase()}${d.source.type.slice(1)}` as MessageKey) : null;
  return (
    <div className="mx-auto max-w-xl">
      <h1 className="page-title">{t("membership.apply.title")}</h1>
      {sourceKey && d.source?.title ? <FormMessage message={t(sourceKey, { title: d.source.title })} /> : null}
      {rejected ? <FormMessage tone="error" message={t("membership.status.rejectedBody", { reason: rejected.rejectReason ?? "" })} /> : null}
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
          <input className="input" autoComplete="tel" inputMode="tel" {...getInputProps(fields.phone, { type: "tel" })} />
        </FieldFor>
        <FieldFor meta={fields.idNumber} label={`${t("membership.apply.idNumber")} ${t("common.optional")}`} hint={t("membership.apply.idNumberHint")}>
          <input className="input" autoComplete="off" maxLength={18} {...getInputProps(fields.idNumber, { type: "text" })} />
        </FieldFor>

        <h2 className="pt-2 font-semibold">{t("membership.apply.work")}</h2>
        <FieldFor meta={fields.enterpriseId} label={t("membership.apply.employer")} hint={t("membership.apply.employerHint")}>
          <select className="input" {...selectProps(fields.enterpriseId)}>
            <option value="">{t("membership.apply.employerNone")}</option>
            <IdNameOptions items={d.enterprises} />
            <option value="new">{t("membership.apply.employerNew")}</option>
          </select>
        </FieldFor>
        <fieldset className="rounded-md border border-gray-200 p-3">
          <legend className="px-1 text-sm font-medium">{t("membership.apply.newEnterprise")}</legend>
          <FieldFor meta={fields.newName} label={t("membership.apply.enterpriseName")}>
            <input className="input" {...getInputProps(fields.newName, { type: "text" })} />
          </FieldFor>
          <FieldFor meta={fields.newCreditCode} label={t("membership.apply.creditCode")} hint={t("membership.apply.creditCodeHint")}>
            <input className="input uppercase" maxLength={18} autoComplete="off" {...getInputProps(fields.newCreditCode, { type: "text" })} />
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
                <input type="radio" name={fields.isMigrant.name} value={v} defaultChecked={fields.isMigrant.initialValue === v} />
                {t(v === "yes" ? "common.yes" : "common.no")}
              </label>
            ))}
          </div>
          {fields.isMigrant.errors ? <p className="field-error">{t(fields.isMigrant.errors[0] as MessageKey)}</p> : null}
        </fieldset>
        <fieldset className="rounded-md border border-gray-200 p-3">
          <legend className="px-1 text-sm font-medium">{t("membership.apply.migrantFields")}</legend>
          <Field label={t("membership.apply.education")} htmlFor={fields.education.id} errors={fields.education.errors}>
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
          <Field label={t("membership.apply.incomeBand")} htmlFor={fields.incomeBand.id} errors={fields.incomeBand.errors}>
            <select className="input" {...selectProps(fields.incomeBand)}>
              {choose}
              {options("membership.income", INCOME_BANDS)}
            </select>
          </Field>
          <Field label={t("membership.apply.workplace")} htmlFor={fields.workplace.id} errors={fields.workplace.errors}>
            <input className="input" {...getInputProps(fields.workplace, { type: "text" })} />
          </Field>
        </fieldset>
        <Field
          label={t("membership.apply.union")}
          htmlFor={fields.unionId.id}
          errors={fields.unionId.errors}
          errorId={fields.unionId.errorId}
          hint={
            <>
              {t("membership.apply.unionHint")}
              {d.suggested ? <span className="mt-1 block font-medium text-gray-700">{t("membership.apply.unionSuggested", { name: d.suggested.name })}</span> : null}
            </>
          }
        >
          <select className="input" {...selectProps(fields.unionId)}>
            <option value="">{t("membership.apply.unionAuto")}</option>
            <IdNameOptions items={d.unions} />
          </select>
        </Field>
        <button type="submit" className="btn-primary w-full">
          {t("membership.apply.submit")}
        </button>
      </Form>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
