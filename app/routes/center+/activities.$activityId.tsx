import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { FormMessage } from "~/components/forms";
import { readActivityForm } from "~/domain/activities/form.server";
import { cancelActivity, duplicateActivity, publishActivity, updateActivity } from "~/domain/activities/manage.server";
import type { MessageKey } from "~/i18n";
import { prisma } from "~/utils/db.server";
import { getT } from "~/utils/i18n.server";
import { useI18n } from "~/utils/i18n";
import { manageableCenters, requireActivityStaff } from "~/utils/permissions.server";
import { keepUploadsIf } from "~/utils/stored-files.server";
import { parseStringList } from "~/utils/string-list";
import { toLocalDateTimeInput } from "~/utils/time";
import { ActivityForm } from "./__activity-form";
import { pageMeta } from "~/utils/meta";

export const meta = pageMeta<typeof loader>(
  "page.centerActivity.title",
  "page.centerActivity.description",
  (d) => d.activity.title,
);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user } = await requireActivityStaff(request, params.activityId!);
  const [a, centers] = await Promise.all([
    prisma.activity.findUniqueOrThrow({
      where: { id: params.activityId! },
      include: { questions: { orderBy: { position: "asc" } }, cover: { select: { id: true, name: true } } },
    }),
    manageableCenters(user.id),
  ]);
  return {
    activity: {
      id: a.id,
      title: a.title,
      status: a.status,
      confirmedCount: a.confirmedCount,
      waitlistCount: a.waitlistCount,
      capacity: a.capacity,
    },
    cover: a.cover,
    centers,
    defaults: {
      title: a.title,
      description: a.description,
      category: a.category,
      address: a.address,
      centerId: a.centerId,
      startsAt: toLocalDateTimeInput(a.startsAt),
      endsAt: toLocalDateTimeInput(a.endsAt),
      signupOpensAt: toLocalDateTimeInput(a.signupOpensAt),
      signupClosesAt: toLocalDateTimeInput(a.signupClosesAt),
      capacity: a.capacity,
      waitlistEnabled: a.waitlistEnabled,
      approvalRequired: a.approvalRequired,
      eligibility: a.eligibility,
    },
    questions: a.questions.map((q) => ({
      id: q.id,
      label: q.label,
      kind: q.kind,
      options: parseStringList(q.options).join("\n"),
      required: q.required,
    })),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const activityId = params.activityId!;
  const { user } = await requireActivityStaff(request, activityId);
  const isMultipart = (request.headers.get("Content-Type") ?? "").startsWith("multipart/form-data");
  if (isMultipart) {
    const centers = await manageableCenters(user.id);
    const read = await readActivityForm(
      request,
      user.id,
      centers.map((c) => c.id),
    );
    if (!read.ok) return data({ result: read.result, questions: read.questions, message: null }, { status: 400 });
    const center = centers.find((c) => c.id === read.form.centerId)!;
    const cover = read.coverFileId ? { fileId: read.coverFileId } : read.removeCover ? { fileId: null } : null;
    await keepUploadsIf(read.stored, () => updateActivity(activityId, read.form, cover, center));
    return redirect(`/center/activities/${activityId}?saved=1`);
  }
  const submission = parseWithZod(await request.formData(), {
    schema: z.object({ intent: z.enum(["publish", "duplicate", "cancel"]) }),
  });
  const refuse = (message: MessageKey, status: number) => data({ result: null, questions: null, message }, { status });
  if (submission.status !== "success") return refuse("error.badRequest.title", 400);
  const { intent } = submission.value;
  if (intent === "publish") {
    // Only a draft can be published (a cancelled activity stays cancelled).
    if (!(await publishActivity(activityId))) return refuse("activities.center.notDraft", 409);
    return redirect(`/center/activities/${activityId}?published=1`);
  }
  if (intent === "duplicate") {
    const copy = await duplicateActivity(activityId, user.id, getT(request)("activities.center.copySuffix"));
    return redirect(`/center/activities/${copy.id}?duplicated=1`);
  }
  if ((await cancelActivity(activityId)) === null) return refuse("activities.center.alreadyCancelled", 409);
  return redirect(`/center/activities/${activityId}?cancelled=1`);
}

export default function EditActivity() {
  const { t } = useI18n();
  const { activity, cover, centers, defaults, questions } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const notice = ["saved", "published", "duplicated", "cancelled"].find((k) => params.get(k) === "1");
  return (
    <div className="mx-auto max-w-2xl space-y-4">
      <div className="flex flex-wrap items-center gap-2">
        <h1 className="page-title mb-0">{activity.title}</h1>
        <span className="badge">{t(`activities.activityStatus.${activity.status}` as MessageKey)}</span>
      </div>
      {actionData?.message ? (
        <FormMessage tone="error" message={t(actionData.message)} />
      ) : notice ? (
        <FormMessage message={t(`activities.center.notice.${notice}` as MessageKey)} />
      ) : null}
      <p className="text-sm text-gray-600">
        {t("activities.center.seatSummary", {
          confirmed: activity.confirmedCount,
          capacity: activity.capacity,
          waitlisted: activity.waitlistCount,
        })}
      </p>
      <div className="flex flex-wrap gap-2">
        {activity.status === "published" ? (
          <Link className="btn-secondary" to={`/activities/${activity.id}`}>
            {t("activities.center.viewPublic")}
          </Link>
        ) : null}
        {/* A new document: only the check-in page's own headers allow the camera (app/server/headers.js). */}
        <Link className="btn-secondary" to={`/center/activities/${activity.id}/checkin`} reloadDocument>
          {t("activities.center.checkin")}
        </Link>
        <Link className="btn-secondary" to={`/center/activities/${activity.id}/attendees`}>
          {t("desk.attendees.link")}
        </Link>
        {activity.status === "draft" ? (
          <Form method="post">
            <button className="btn-primary" name="intent" value="publish">
              {t("activities.center.publish")}
            </button>
          </Form>
        ) : null}
        <Form method="post">
          <button className="btn-secondary" name="intent" value="duplicate">
            {t("activities.center.duplicate")}
          </button>
        </Form>
        {activity.status !== "cancelled" ? (
          <Form
            method="post"
            onSubmit={(e) => {
              if (!window.confirm(t("activities.center.cancelConfirm"))) e.preventDefault();
            }}
          >
            <button className="btn-danger" name="intent" value="cancel">
              {t("activities.center.cancelActivity")}
            </button>
          </Form>
        ) : null}
      </div>
      <ActivityForm
        key={activity.id}
        lastResult={actionData?.result}
        defaults={defaults}
        questions={actionData?.questions ?? questions}
        centers={centers}
        cover={cover}
        submitLabel={t("common.save")}
      />
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
