import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Field } from "~/components/forms";
import { ELIGIBILITY, SCORE_METHODS } from "~/domain/contests/constants";
import { updateContest } from "~/domain/contests/contests.server";
import type { MessageKey } from "~/i18n";
import { prisma } from "~/utils/db.server";
import { useI18n } from "~/utils/i18n";
import { requireContestOrganiser } from "~/utils/permissions.server";
import { parseLocalDateTime, toLocalDateTimeInput } from "~/utils/time";
import { ruleResult } from "../contests+/__errors.server";
import { ActionError, OrganiserTabs } from "../contests+/__ui";

const when = z
  .string({ required_error: "validation.required" })
  .transform((v, ctx) => parseLocalDateTime(v) ?? (ctx.addIssue({ code: "custom", message: "validation.invalidDateTime" }), z.NEVER));

const SettingsSchema = z.object({
  title: z.string({ required_error: "validation.required" }).trim().min(2, "validation.required").max(100, "validation.tooLong"),
  description: z.string().trim().max(5000, "validation.tooLong").default(""),
  eligibility: z.enum(ELIGIBILITY, { errorMap: () => ({ message: "validation.invalidChoice" }) }),
  submissionOpensAt: when,
  submissionClosesAt: when,
  judgingOpensAt: when,
  judgingClosesAt: when,
  resultsAt: when,
  blindReview: z.literal("on").optional(),
  normalizeScores: z.literal("on").optional(),
  judgesPerEntry: z.coerce.number({ invalid_type_error: "validation.invalidNumber" }).int("validation.invalidNumber").min(1, "validation.mustBePositive").max(15, "validation.invalidNumber"),
  scoreMethod: z.enum(SCORE_METHODS),
});

const DATE_FIELDS = ["submissionOpensAt", "submissionClosesAt", "judgingOpensAt", "judgingClosesAt", "resultsAt"] as const;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { contestId } = await requireContestOrganiser(request, params.contestId ?? "");
  const c = await prisma.contest.findUniqueOrThrow({ where: { id: contestId } });
  return {
    contest: {
      id: c.id, kind: c.kind, title: c.title, description: c.description, eligibility: c.eligibility, blindReview: c.blindReview,
      normalizeScores: c.normalizeScores, judgesPerEntry: c.judgesPerEntry, scoreMethod: c.scoreMethod,
      dates: Object.fromEntries(DATE_FIELDS.map((f) => [f, toLocalDateTimeInput(c[f])])) as Record<(typeof DATE_FIELDS)[number], string>,
    },
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { contestId } = await requireContestOrganiser(request, params.contestId ?? "");
  const submission = parseWithZod(await request.formData(), { schema: SettingsSchema });
  if (submission.status !== "success") {
    return data({ error: { key: "validation.formErrors", params: {} }, fieldErrors: submission.error ?? {} }, { status: 400 });
  }
  const v = submission.value;
  const r = await ruleResult(() =>
    updateContest(contestId, { ...v, blindReview: v.blindReview === "on", normalizeScores: v.normalizeScores === "on" }),
  );
  if (!r.ok) return r.response;
  return redirect(`/organise/${contestId}`);
}

export default function EditContest() {
  const { contest } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useI18n();
  const [form] = useForm({
    id: "edit-contest",
    constraint: getZodConstraint(SettingsSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: SettingsSchema }),
    shouldValidate: "onBlur",
  });
  const serverErrors = (actionData?.fieldErrors ?? {}) as Record<string, string[] | undefined>;
  const clientErrors = (form.allErrors ?? {}) as Record<string, string[] | undefined>;
  const errorsFor = (field: string) => serverErrors[field] ?? clientErrors[field];
  return (
    <div className="mx-auto max-w-2xl">
      <h1 className="page-title">{contest.title}</h1>
      <OrganiserTabs contestId={contest.id} kind={contest.kind} />
      <ActionError error={actionData?.error} />
      <Form method="post" className="card" {...getFormProps(form)}>
        <Field label={t("contests.entry.title")} htmlFor="title" errors={errorsFor("title")}>
          <input id="title" name="title" className="input" defaultValue={contest.title} maxLength={100} />
        </Field>
        <Field label={t("contests.org.description")} htmlFor="description" errors={errorsFor("description")}>
          <textarea id="description" name="description" className="input" rows={4} defaultValue={contest.description} />
        </Field>
        <Field label={t("contests.eligibility")} htmlFor="eligibility" errors={errorsFor("eligibility")}>
          <select id="eligibility" name="eligibility" className="input" defaultValue={contest.eligibility}>
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
              <input id={f} name={f} type="datetime-local" className="input" defaultValue={contest.dates[f]} />
            </Field>
          ))}
        </div>
        <div className="grid gap-x-3 sm:grid-cols-2">
          <Field label={t("contests.org.judgesPerEntry")} htmlFor="judgesPerEntry" errors={errorsFor("judgesPerEntry")}>
            <input id="judgesPerEntry" name="judgesPerEntry" className="input" inputMode="numeric" defaultValue={contest.judgesPerEntry} />
          </Field>
          <Field label={t("contests.org.scoreMethod")} htmlFor="scoreMethod" errors={errorsFor("scoreMethod")}>
            <select id="scoreMethod" name="scoreMethod" className="input" defaultValue={contest.scoreMethod}>
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
            <input type="checkbox" name="blindReview" defaultChecked={contest.blindReview} /> {t("contests.blindReview")}
          </label>
          <label className="flex items-center gap-2">
            <input type="checkbox" name="normalizeScores" defaultChecked={contest.normalizeScores} /> {t("contests.org.normalize")}
          </label>
        </div>
        <button type="submit" className="btn-primary">
          {t("contests.org.saveSettings")}
        </button>
      </Form>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
