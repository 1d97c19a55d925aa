import { getFormProps } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { ActionError, useCategoryLabel } from "~/components/contests";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Field, IdNameOptions } from "~/components/forms";
import {
  CONTEST_KINDS,
  DEFAULT_RUBRIC,
  DEFAULT_TIERS,
  FIVE_SMALL_CATEGORIES,
  IDEA_THEMES,
} from "~/domain/contests/constants";
import { createContest } from "~/domain/contests/contests.server";
import type { MessageKey } from "~/i18n";
import { prisma } from "~/utils/db.server";
import { useI18n } from "~/utils/i18n";
import { hasRoleFor, orgInScope, requireRole, scopePaths } from "~/utils/permissions.server";
import { toLocalDateTimeInput } from "~/utils/time";
import { ruleResult } from "~/utils/rule-error.server";
import {
  checkbox,
  ContestSettingsFields,
  contestSettingsShape,
  FirstError,
  useContestForm,
} from "./__contest-settings";
import { pageMeta } from "~/utils/meta";

export const meta = pageMeta<typeof loader>("contests.org.new", "page.newContest.description");

const ContestSchema = z.object({
  ...contestSettingsShape,
  orgId: z.string({ required_error: "validation.required" }),
  kind: z.enum(CONTEST_KINDS, { errorMap: () => ({ message: "validation.invalidChoice" }) }),
  categories: z
    .array(
      z.enum([...FIVE_SMALL_CATEGORIES, ...IDEA_THEMES], { errorMap: () => ({ message: "validation.invalidChoice" }) }),
    )
    .default([]),
  publish: checkbox,
  criteria: z
    .array(
      z.object({
        name: z.string().trim().max(40, "validation.tooLong").optional(),
        maxPoints: z.coerce
          .number({ invalid_type_error: "validation.invalidNumber" })
          .int("validation.invalidNumber")
          .min(1, "validation.mustBePositive")
          .max(1000, "validation.invalidNumber")
          .optional(),
        weight: z.coerce
          .number({ invalid_type_error: "validation.invalidNumber" })
          .min(0, "validation.invalidNumber")
          .max(1000, "validation.invalidNumber")
          .optional(),
      }),
    )
    .default([]),
  tiers: z
    .array(
      z.object({
        name: z.string().trim().max(20, "validation.tooLong").optional(),
        count: z.coerce
          .number({ invalid_type_error: "validation.invalidNumber" })
          .int("validation.invalidNumber")
          .min(0, "validation.invalidNumber")
          .max(1000, "validation.invalidNumber")
          .optional(),
      }),
    )
    .default([]),
});

async function organiserOrgs(userId: string) {
  const paths = await scopePaths(userId, "contest_organiser");
  return prisma.organisation.findMany({
    where: { ...orgInScope(paths), kind: { in: ["city", "county", "zone", "union"] } },
    select: { id: true, name: true },
    orderBy: { path: "asc" },
    take: 200,
  });
}

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, "contest_organiser");
  const now = Date.now();
  const day = 86_400_000;
  return {
    orgs: await organiserOrgs(user.id),
    defaults: {
      submissionOpensAt: toLocalDateTimeInput(new Date(now)),
      submissionClosesAt: toLocalDateTimeInput(new Date(now + 30 * day)),
      judgingOpensAt: toLocalDateTimeInput(new Date(now + 31 * day)),
      judgingClosesAt: toLocalDateTimeInput(new Date(now + 45 * day)),
      resultsAt: toLocalDateTimeInput(new Date(now + 50 * day)),
    },
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireRole(request, "contest_organiser");
  const submission = parseWithZod(await request.formData(), { schema: ContestSchema });
  if (submission.status !== "success") {
    return data(
      { error: { key: "validation.formErrors", params: {} }, fieldErrors: submission.error ?? {} },
      { status: 400 },
    );
  }
  const v = submission.value;
  if (!(await hasRoleFor(user.id, "contest_organiser", v.orgId))) {
    return data({ error: null, fieldErrors: { orgId: ["validation.invalidChoice"] } }, { status: 403 });
  }
  const allowedCategories: readonly string[] = v.kind === "golden_idea" ? IDEA_THEMES : FIVE_SMALL_CATEGORIES;
  const categories = v.categories.filter((c) => allowedCategories.includes(c));
  if (categories.length === 0)
    return data(
      { error: null, fieldErrors: { categories: ["contests.validation.categoriesRequired"] } },
      { status: 400 },
    );
  const criteria = v.criteria
    .filter((c) => c.name)
    .map((c) => ({ name: c.name!, maxPoints: c.maxPoints ?? 10, weight: c.weight ?? c.maxPoints ?? 10 }));
  if (v.kind === "five_small" && criteria.length === 0)
    return data({ error: null, fieldErrors: { criteria: ["contests.validation.criteriaRequired"] } }, { status: 400 });
  const tiers = v.tiers
    .filter((t) => t.name && (t.count ?? 0) > 0)
    .map((t, i) => ({ key: DEFAULT_TIERS[i]?.key ?? `tier${i + 1}`, name: t.name!, count: t.count! }));
  const result = await ruleResult(() =>
    createContest(
      {
        orgId: v.orgId,
        kind: v.kind,
        title: v.title,
        description: v.description,
        categories,
        eligibility: v.eligibility,
        submissionOpensAt: v.submissionOpensAt,
        submissionClosesAt: v.submissionClosesAt,
        judgingOpensAt: v.judgingOpensAt,
        judgingClosesAt: v.judgingClosesAt,
        resultsAt: v.resultsAt,
        blindReview: v.blindReview,
        normalizeScores: v.normalizeScores,
        judgesPerEntry: v.judgesPerEntry,
        scoreMethod: v.scoreMethod,
        criteria,
        tiers,
        publish: v.publish,
      },
      user.id,
    ),
  );
  if (!result.ok) return result.response;
  return redirect(`/organise/${result.value.id}`);
}

export default function NewContest() {
  const { orgs, defaults } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t, locale } = useI18n();
  const cat = useCategoryLabel();
  const { form, errorsFor } = useContestForm("new-contest", ContestSchema, actionData?.fieldErrors);
  const zh = locale === "zh-CN";
  return (
    <div className="mx-auto max-w-2xl">
      <h1 className="page-title">{t("contests.org.new")}</h1>
      <ActionError error={actionData?.error} />
      <Form method="post" className="card" {...getFormProps(form)}>
        <Field label={t("contests.org.org")} htmlFor="orgId" errors={errorsFor("orgId")}>
          <select id="orgId" name="orgId" className="input">
            <IdNameOptions items={orgs} />
          </select>
        </Field>
        <Field label={t("contests.org.kind")} htmlFor="kind" errors={errorsFor("kind")}>
          <select id="kind" name="kind" className="input">
            {CONTEST_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`contests.kind.${k}` as MessageKey)}
              </option>
            ))}
          </select>
        </Field>
        <ContestSettingsFields
          values={{ dates: defaults, judgesPerEntry: 3, blindReview: true, normalizeScores: false }}
          errorsFor={errorsFor}
          afterDescription={
            <fieldset className="mb-4">
              <legend className="label">{t("contests.categories")}</legend>
              <p className="mb-1 text-xs text-gray-500">{t("contests.org.categoriesHint")}</p>
              <div className="grid grid-cols-2 gap-1 text-sm">
                {[...FIVE_SMALL_CATEGORIES, ...IDEA_THEMES].map((c) => (
                  <label key={c} className="flex items-center gap-2">
                    <input type="checkbox" name="categories" value={c} defaultChecked /> {cat(c)}
                  </label>
                ))}
              </div>
              <FirstError errors={errorsFor("categories")} />
            </fieldset>
          }
        />
        <fieldset className="mb-4">
          <legend className="label">{t("contests.org.criteria")}</legend>
          {[...DEFAULT_RUBRIC, null, null].map((c, i) => (
            <div key={i} className="mb-1 grid grid-cols-[1fr_4.5rem_4.5rem] gap-1">
              <input
                aria-label={t("contests.org.criterionName")}
                name={`criteria[${i}].name`}
                className="input"
                defaultValue={c ? (zh ? c.zh : c.en) : ""}
              />
              <input
                aria-label={t("contests.org.maxPoints")}
                name={`criteria[${i}].maxPoints`}
                className="input"
                inputMode="numeric"
                defaultValue={c?.maxPoints ?? ""}
              />
              <input
                aria-label={t("contests.weight")}
                name={`criteria[${i}].weight`}
                className="input"
                inputMode="decimal"
                defaultValue={c?.weight ?? ""}
              />
              <FirstError
                errors={["name", "maxPoints", "weight"].flatMap((f) => errorsFor(`criteria[${i}].${f}`) ?? [])}
              />
            </div>
          ))}
          <FirstError errors={errorsFor("criteria")} />
        </fieldset>
        <fieldset className="mb-4">
          <legend className="label">{t("contests.org.tiers")}</legend>
          {DEFAULT_TIERS.map((tier, i) => (
            <div key={tier.key} className="mb-1 grid grid-cols-[1fr_4.5rem] gap-1">
              <input
                aria-label={t("contests.org.tierName")}
                name={`tiers[${i}].name`}
                className="input"
                defaultValue={zh ? tier.zh : tier.en}
              />
              <input
                aria-label={t("contests.org.tierCount")}
                name={`tiers[${i}].count`}
                className="input"
                inputMode="numeric"
                defaultValue={tier.count}
              />
              <FirstError errors={["name", "count"].flatMap((f) => errorsFor(`tiers[${i}].${f}`) ?? [])} />
            </div>
          ))}
        </fieldset>
        <label className="mb-4 flex items-center gap-2 text-sm">
          <input type="checkbox" name="publish" defaultChecked /> {t("contests.org.publishNow")}
        </label>
        <button type="submit" className="btn-primary w-full sm:w-auto">
          {t("contests.org.create")}
        </button>
      </Form>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
