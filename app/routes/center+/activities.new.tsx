import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { readActivityForm } from "~/domain/activities/form.server";
import { createActivity } from "~/domain/activities/manage.server";
import { requireUser } from "~/utils/auth.server";
import { keepUploadsIf } from "~/utils/stored-files.server";
import { forbidden } from "~/utils/http.server";
import { useT } from "~/utils/i18n";
import { manageableCenters } from "~/utils/permissions.server";
import { toLocalDateTimeInput } from "~/utils/time";
import { ActivityForm } from "./__activity-form";
import { pageMeta } from "~/utils/meta";

export const meta = pageMeta<typeof loader>("activities.center.new", "page.newActivity.description");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const centers = await manageableCenters(user.id);
  if (centers.length === 0) forbidden();
  // A sensible starting point: a week from now, 9:00–11:00, sign-up open until the day before.
  const start = new Date(Date.now() + 7 * 86400_000);
  start.setUTCHours(1, 0, 0, 0);
  const defaults = {
    centerId: centers[0].id,
    category: "sports_culture",
    address: centers[0].address ?? "",
    startsAt: toLocalDateTimeInput(start),
    endsAt: toLocalDateTimeInput(new Date(start.getTime() + 2 * 3600_000)),
    signupOpensAt: toLocalDateTimeInput(new Date()),
    signupClosesAt: toLocalDateTimeInput(new Date(start.getTime() - 86400_000)),
    capacity: 30,
    waitlistEnabled: true,
    eligibility: "all",
  };
  return { centers, defaults };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const centers = await manageableCenters(user.id);
  if (centers.length === 0) forbidden();
  const read = await readActivityForm(
    request,
    user.id,
    centers.map((c) => c.id),
  );
  if (!read.ok) return data({ result: read.result, questions: read.questions }, { status: 400 });
  const center = centers.find((c) => c.id === read.form.centerId)!;
  const activity = await keepUploadsIf(read.stored, () => createActivity(read.form, center, user.id, read.coverFileId));
  return redirect(`/center/activities/${activity.id}?saved=1`);
}

export default function NewActivity() {
  const t = useT();
  const { centers, defaults } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <div className="mx-auto max-w-2xl">
      <h1 className="page-title">{t("activities.center.new")}</h1>
      <ActivityForm
        lastResult={actionData?.result}
        defaults={defaults}
        questions={actionData?.questions ?? []}
        centers={centers}
        submitLabel={t("activities.form.saveDraft")}
      />
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
