import { getFormProps } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { ActionError, OrganiserTabs } from "~/components/contests";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { updateContest } from "~/domain/contests/contests.server";
import { prisma } from "~/utils/db.server";
import { useI18n } from "~/utils/i18n";
import { requireContestOrganiser } from "~/utils/permissions.server";
import { toLocalDateTimeInput } from "~/utils/time";
import { ruleResult } from "~/utils/rule-error.server";
import {
  ContestSettingsFields,
  contestSettingsShape,
  DATE_FIELDS,
  useContestForm,
  type ContestDates,
} from "./__contest-settings";
import { pageMeta } from "~/utils/meta";

export const meta = pageMeta<typeof loader>(
  "page.organiseEdit.title",
  "page.organiseEdit.description",
  (d) => d.contest.title,
);

const SettingsSchema = z.object(contestSettingsShape);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { contestId } = await requireContestOrganiser(request, params.contestId ?? "");
  const c = await prisma.contest.findUniqueOrThrow({ where: { id: contestId } });
  return {
    contest: {
      id: c.id,
      kind: c.kind,
      title: c.title,
      description: c.description,
      eligibility: c.eligibility,
      blindReview: c.blindReview,
      normalizeScores: c.normalizeScores,
      judgesPerEntry: c.judgesPerEntry,
      scoreMethod: c.scoreMethod,
      dates: Object.fromEntries(DATE_FIELDS.map((f) => [f, toLocalDateTimeInput(c[f])])) as ContestDates,
    },
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { contestId } = await requireContestOrganiser(request, params.contestId ?? "");
  const submission = parseWithZod(await request.formData(), { schema: SettingsSchema });
  if (submission.status !== "success") {
    return data(
      { error: { key: "validation.formErrors", params: {} }, fieldErrors: submission.error ?? {} },
      { status: 400 },
    );
  }
  const r = await ruleResult(() => updateContest(contestId, submission.value));
  if (!r.ok) return r.response;
  return redirect(`/organise/${contestId}`);
}

export default function EditContest() {
  const { contest } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useI18n();
  const { form, errorsFor } = useContestForm("edit-contest", SettingsSchema, actionData?.fieldErrors);
  return (
    <div className="mx-auto max-w-2xl">
      <h1 className="page-title">{contest.title}</h1>
      <OrganiserTabs contestId={contest.id} kind={contest.kind} />
      <ActionError error={actionData?.error} />
      <Form method="post" className="card" {...getFormProps(form)}>
        <ContestSettingsFields values={contest} errorsFor={errorsFor} />
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
