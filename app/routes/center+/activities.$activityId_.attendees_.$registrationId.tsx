import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ErrorList, FormMessage } from "~/components/forms";
import { declineRegistration } from "~/domain/activities/approval.server";
import { promoteFromWaitlist, removeRegistration } from "~/domain/activities/attendees.server";
import { maskPhone } from "~/domain/activities/checkin.server";
import type { MessageKey } from "~/i18n";
import { prisma } from "~/utils/db.server";
import { notFound } from "~/utils/http.server";
import { useI18n } from "~/utils/i18n";
import { requireActivityStaff } from "~/utils/permissions.server";
import { catchRule } from "~/utils/rule-error.server";
import { requiredText } from "~/utils/validation";
import { pageMeta } from "~/utils/meta";

export const meta = pageMeta<typeof loader>(
  "page.attendeeStep.title",
  "page.attendeeStep.description",
  (d) => d.activity.title,
);

// The confirm step for what staff do to one registration that the worker will be told about:
// promote from the waiting list, remove, or decline a pending sign-up — each with a reason. The
// same page with and without JavaScript.
const STEPS = ["promote", "remove", "decline"] as const;
type Step = (typeof STEPS)[number];
const stepOf = (value: string | null) => STEPS.find((s) => s === value) ?? null;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { activity } = await requireActivityStaff(request, params.activityId!);
  const what = stepOf(new URL(request.url).searchParams.get("do"));
  const reg = await prisma.registration.findFirst({
    where: { id: params.registrationId!, activityId: activity.id },
    select: {
      id: true,
      status: true,
      user: { select: { name: true, phone: true } },
      activity: { select: { id: true, title: true } },
    },
  });
  if (!reg || !what) notFound();
  return {
    what,
    activity: reg.activity,
    registration: { id: reg.id, status: reg.status, name: reg.user.name, phone: maskPhone(reg.user.phone) },
  };
}

const StepSchema = z.object({ intent: z.enum(STEPS), reason: requiredText(200) });

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, activity } = await requireActivityStaff(request, params.activityId!);
  const submission = parseWithZod(await request.formData(), { schema: StepSchema });
  if (submission.status !== "success")
    return data({ reasonErrors: submission.error?.reason ?? null, message: null }, { status: 400 });
  const { intent, reason } = submission.value;
  const input = { activityId: activity.id, registrationId: params.registrationId!, staffId: user.id, reason };
  const run: Record<Step, () => Promise<unknown>> = {
    promote: () => promoteFromWaitlist(input),
    remove: () => removeRegistration(input),
    decline: () => declineRegistration(input),
  };
  const result = await catchRule(run[intent]);
  if (!result.ok) return data({ reasonErrors: null, message: result.error.key }, { status: result.error.status });
  return redirect(`/center/activities/${activity.id}/attendees?done=${intent}`);
}

export default function AttendeeStep() {
  const { t } = useI18n();
  const { what, activity, registration } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const back = `/center/activities/${activity.id}/attendees`;
  return (
    <div className="mx-auto max-w-md space-y-4">
      <Link to={back} className="link text-sm">
        ← {t("desk.attendees.title")}
      </Link>
      <h1 className="page-title mb-0">{t(`desk.step.${what}.title` as MessageKey)}</h1>
      <p>
        {t(`desk.step.${what}.body` as MessageKey, { name: registration.name, title: activity.title })}{" "}
        <span className="text-sm text-gray-500">{registration.phone}</span>
      </p>
      {result?.message ? <FormMessage tone="error" message={t(result.message)} /> : null}
      <Form method="post" className="card space-y-2">
        <label className="label" htmlFor="step-reason">
          {t("desk.step.reason")}
        </label>
        <textarea
          id="step-reason"
          name="reason"
          className="input"
          rows={2}
          maxLength={200}
          required
          aria-invalid={result?.reasonErrors ? true : undefined}
          aria-describedby={result?.reasonErrors ? "step-reason-error" : "step-reason-hint"}
        />
        <p id="step-reason-hint" className="text-xs text-gray-500">
          {t("desk.step.reasonHint")}
        </p>
        <ErrorList id="step-reason-error" errors={result?.reasonErrors} />
        <div className="flex flex-wrap gap-2">
          <button className={what === "promote" ? "btn-primary" : "btn-danger"} name="intent" value={what}>
            {t(`desk.step.${what}.confirm` as MessageKey)}
          </button>
          <Link to={back} className="btn-secondary">
            {t("desk.step.back")}
          </Link>
        </div>
      </Form>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
