import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { FieldFor, FormMessage, IdNameOptions, selectProps } from "~/components/forms";
import type { MessageKey } from "~/i18n";
import { requireUser } from "~/utils/auth.server";
import { prisma } from "~/utils/db.server";
import { limitEcho } from "~/utils/form-reply.server";
import { useI18n } from "~/utils/i18n";
import { parseCalendarDate, toCalendarDateKey } from "~/utils/time";
import { requiredText } from "~/utils/validation";
import { pageMeta } from "~/utils/meta";
import { orgName } from "~/utils/org-name";

export const meta = pageMeta<typeof loader>("auth.profile.title", "page.profile.description");

const ProfileSchema = z.object({
  name: requiredText(50),
  // The log-in phone and e-mail are not here: they change on /me/security, only once verified.
  // Conform turns empty inputs into undefined, so "optional" means "left blank".
  employerId: z.string().optional(),
  employerName: z.string().trim().max(100, "validation.tooLong").optional(),
  countyId: z.string().optional(),
  isMigrant: z.enum(["yes", "no"], { errorMap: () => ({ message: "validation.invalidChoice" }) }).default("no"),
  gender: z.enum(["male", "female"], { errorMap: () => ({ message: "validation.invalidChoice" }) }).optional(),
  birthDate: z
    .string()
    .optional()
    .refine(
      (v) => !v || (parseCalendarDate(v) !== null && parseCalendarDate(v)! < new Date() && v >= "1900-01-01"),
      "validation.invalidDate",
    ),
});

export async function loader({ request }: LoaderFunctionArgs) {
  const sessionUser = await requireUser(request);
  const [user, counties, enterprises, sessionCount] = await Promise.all([
    prisma.user.findUniqueOrThrow({
      where: { id: sessionUser.id },
      select: {
        name: true,
        phone: true,
        email: true,
        employerId: true,
        employerName: true,
        countyId: true,
        isMigrant: true,
        gender: true,
        birthDate: true,
        membership: { select: { number: true, since: true, union: { select: { name: true, nameEn: true } } } },
        roles: {
          select: { id: true, role: true, org: { select: { name: true, nameEn: true } } },
          orderBy: { createdAt: "asc" },
        },
      },
    }),
    prisma.organisation.findMany({
      where: { kind: { in: ["county", "zone"] } },
      select: { id: true, name: true, nameEn: true },
      orderBy: [{ kind: "asc" }, { code: "asc" }, { name: "asc" }],
    }),
    prisma.enterprise.findMany({ select: { id: true, name: true }, orderBy: { name: "asc" } }),
    prisma.session.count({ where: { userId: sessionUser.id, expiresAt: { gt: new Date() } } }),
  ]);
  const welcome = new URL(request.url).searchParams.get("welcome") === "1";
  return {
    user: { ...user, birthDate: user.birthDate ? toCalendarDateKey(user.birthDate) : "" },
    counties,
    enterprises,
    sessionCount,
    welcome,
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const sessionUser = await requireUser(request);
  const formData = await request.formData();
  const submission = await parseWithZod(formData, {
    async: true,
    schema: ProfileSchema.superRefine(async (value, ctx) => {
      if (value.countyId) {
        const county = await prisma.organisation.findFirst({
          where: { id: value.countyId, kind: { in: ["county", "zone"] } },
          select: { id: true },
        });
        if (!county) ctx.addIssue({ code: "custom", path: ["countyId"], message: "validation.invalidChoice" });
      }
      if (
        value.employerId &&
        !(await prisma.enterprise.findUnique({ where: { id: value.employerId }, select: { id: true } }))
      )
        ctx.addIssue({ code: "custom", path: ["employerId"], message: "validation.invalidChoice" });
    }),
  });
  if (submission.status !== "success")
    return data({ result: limitEcho(ProfileSchema, submission.reply()), saved: false }, { status: 400 });
  const v = submission.value;
  await prisma.user.update({
    where: { id: sessionUser.id },
    data: {
      name: v.name,
      employerId: v.employerId || null,
      // A registered employer wins; the free-text name is for employers not (yet) registered.
      employerName: v.employerId ? null : v.employerName || null,
      countyId: v.countyId || null,
      isMigrant: v.isMigrant === "yes",
      gender: v.gender ?? null,
      birthDate: v.birthDate ? parseCalendarDate(v.birthDate) : null,
    },
  });
  return { result: limitEcho(ProfileSchema, submission.reply()), saved: true };
}

export default function ProfilePage() {
  const { t, locale } = useI18n();
  const { user, counties, enterprises, sessionCount, welcome } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm({
    id: "profile",
    lastResult: actionData?.result,
    constraint: getZodConstraint(ProfileSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ProfileSchema }),
    shouldRevalidate: "onBlur",
    defaultValue: {
      name: user.name,
      employerId: user.employerId ?? "",
      employerName: user.employerName ?? "",
      countyId: user.countyId ?? "",
      isMigrant: user.isMigrant ? "yes" : "no",
      gender: user.gender ?? "",
      birthDate: user.birthDate,
    },
  });
  return (
    <div className="mx-auto max-w-xl">
      <h1 className="page-title">{t("auth.profile.title")}</h1>
      {welcome ? <FormMessage message={t("auth.register.welcome")} /> : null}
      {actionData?.saved ? <FormMessage message={t("auth.profile.saved")} /> : null}

      <section className="card mb-4" aria-labelledby="membership-title">
        <h2 id="membership-title" className="mb-2 font-semibold">
          {t("auth.profile.membership")}
        </h2>
        {user.membership ? (
          <p>
            {t("auth.profile.memberOf", {
              union: orgName(user.membership.union, locale),
              number: user.membership.number,
            })}{" "}
            <Link to="/me/card" className="link">
              {t("nav.membershipCard")}
            </Link>
          </p>
        ) : (
          <p>
            {t("auth.profile.notMember")}{" "}
            <Link to="/join" className="link">
              {t("nav.join")}
            </Link>
          </p>
        )}
        <h2 className="mb-2 mt-4 font-semibold">{t("auth.profile.roles")}</h2>
        <ul className="flex flex-wrap gap-2" data-testid="roles">
          <li className="badge">{t("role.worker")}</li>
          {user.roles.map((r) => (
            <li key={r.id} className="badge">
              {t(`role.${r.role}` as MessageKey)} · {orgName(r.org, locale)}
            </li>
          ))}
        </ul>
      </section>

      <Form method="post" {...getFormProps(form)} className="card mb-4">
        {form.errors?.length ? <p className="field-error mb-3">{t("validation.formErrors")}</p> : null}
        <FieldFor meta={fields.name} label={t("auth.register.name")}>
          <input className="input" autoComplete="name" {...getInputProps(fields.name, { type: "text" })} />
        </FieldFor>
        <div className="mb-4 text-sm" data-testid="login-details">
          <p className="text-gray-600">{t("account.profile.loginDetails")}</p>
          <p>
            {t("auth.register.phone")}: {user.phone ?? t("account.security.none")} · {t("auth.register.email")}:{" "}
            {user.email ?? t("account.security.none")}
          </p>
          <Link to="/me/security" className="link">
            {t("account.security.link")}
          </Link>
        </div>
        <FieldFor meta={fields.employerId} label={t("auth.profile.employerRegistered")}>
          <select className="input" {...selectProps(fields.employerId)}>
            <option value="">{t("common.none")}</option>
            <IdNameOptions items={enterprises} />
          </select>
        </FieldFor>
        <FieldFor meta={fields.employerName} label={t("auth.profile.employerOther")}>
          <input
            className="input"
            autoComplete="organization"
            {...getInputProps(fields.employerName, { type: "text" })}
          />
        </FieldFor>
        <FieldFor meta={fields.countyId} label={t("auth.profile.county")}>
          <select className="input" {...selectProps(fields.countyId)}>
            <option value="">{t("common.none")}</option>
            {counties.map((c) => (
              <option key={c.id} value={c.id}>
                {orgName(c, locale)}
              </option>
            ))}
          </select>
        </FieldFor>
        <fieldset className="mb-4">
          <legend className="label">{t("auth.profile.migrant")}</legend>
          <div className="flex gap-6">
            {(["yes", "no"] as const).map((v) => (
              <label key={v} className="flex items-center gap-2">
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
        </fieldset>
        <FieldFor meta={fields.gender} label={t("auth.profile.gender")}>
          <select className="input" {...selectProps(fields.gender)}>
            <option value="">{t("common.none")}</option>
            <option value="male">{t("gender.male")}</option>
            <option value="female">{t("gender.female")}</option>
          </select>
        </FieldFor>
        <FieldFor meta={fields.birthDate} label={t("auth.profile.birthDate")}>
          <input className="input" {...getInputProps(fields.birthDate, { type: "date" })} />
        </FieldFor>
        <button type="submit" className="btn-primary w-full sm:w-auto">
          {t("common.save")}
        </button>
      </Form>

      <section className="card mb-4" aria-labelledby="my-data-title">
        <h2 id="my-data-title" className="mb-1 font-semibold">
          {t("privacy.myData.title")}
        </h2>
        <p className="mb-2 text-sm text-gray-600">{t("privacy.myData.intro")}</p>
        <Link to="/me/data" className="link">
          {t("privacy.myData.link")}
        </Link>
      </section>

      <section className="card" aria-labelledby="sessions-title">
        <h2 id="sessions-title" className="mb-1 font-semibold">
          {t("auth.logoutEverywhere.title")}
        </h2>
        <p className="mb-1 text-sm text-gray-600">{t("auth.profile.sessionCount", { count: sessionCount })}</p>
        <p className="mb-3 text-sm text-gray-600">{t("auth.logoutEverywhere.body")}</p>
        <Form method="post" action="/logout">
          <input type="hidden" name="everywhere" value="1" />
          <button type="submit" className="btn-danger">
            {t("auth.logoutEverywhere.submit")}
          </button>
        </Form>
      </section>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
