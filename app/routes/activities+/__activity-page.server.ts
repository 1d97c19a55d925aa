// The activity page's loader and action, out of the route module so that the page's JavaScript
// carries none of the server modules' stubs (issue #12 item 15: public pages ≤ 90 KB of gzipped JS).
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { answersFromForm, signUp } from "~/domain/activities/registration.server";
import { renderMarkdown } from "~/domain/activities/render.server";
import { getUserId, requireUser } from "~/utils/auth.server";
import { prisma } from "~/utils/db.server";
import { recordVisit } from "~/utils/funnel.server";
import { notFound } from "~/utils/http.server";
import { hasRoleFor } from "~/utils/permissions.server";
import { clientAddress } from "~/utils/rate-limit.server";
import { catchRule } from "~/utils/rule-error.server";
import { parseStringList } from "~/utils/string-list";

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const a = await prisma.activity.findUnique({
    where: { id: params.activityId! },
    include: {
      questions: { orderBy: { position: "asc" } },
      center: { select: { id: true, name: true, nameEn: true } },
    },
  });
  if (!a) notFound();
  const userId = await getUserId(request);
  if (a.status === "draft" && !(userId && (await hasRoleFor(userId, "center_staff", a.centerId)))) notFound();

  const [user, registration] = userId
    ? await Promise.all([
        prisma.user.findUnique({
          where: { id: userId },
          select: { isMigrant: true, membership: { select: { id: true } } },
        }),
        prisma.registration.findUnique({
          where: { activityId_userId: { activityId: a.id, userId } },
          select: { status: true },
        }),
      ])
    : [null, null];

  if (a.status === "published") {
    // One view per visitor per day (see visitorKey); never fails the page.
    await recordVisit(request, clientAddress(context), {
      step: "view",
      subject: a.id,
      userId,
      isMigrant: user?.isMigrant ?? null,
      sourceType: "activity",
      activityId: a.id,
      centerId: a.centerId,
      countyId: a.countyId,
      category: a.category,
    });
  }
  const now = new Date();
  const window = now < a.signupOpensAt ? "notOpen" : now > a.signupClosesAt ? "closed" : "open";
  return data({
    activity: {
      id: a.id,
      title: a.title,
      category: a.category,
      address: a.address,
      startsAt: a.startsAt,
      endsAt: a.endsAt,
      signupOpensAt: a.signupOpensAt,
      signupClosesAt: a.signupClosesAt,
      capacity: a.capacity,
      confirmedCount: a.confirmedCount,
      waitlistCount: a.waitlistCount,
      waitlistEnabled: a.waitlistEnabled,
      approvalRequired: a.approvalRequired,
      eligibility: a.eligibility,
      status: a.status,
      coverFileId: a.coverFileId,
      center: a.center,
    },
    descriptionHtml: renderMarkdown(a.description),
    questions: a.questions.map((q) => ({
      id: q.id,
      kind: q.kind,
      label: q.label,
      required: q.required,
      options: parseStringList(q.options),
    })),
    signedIn: Boolean(userId),
    isMember: Boolean(user?.membership),
    registrationStatus: registration?.status ?? null,
    window,
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const formData = await request.formData();
  const result = await catchRule(() =>
    signUp({ activityId: params.activityId!, userId: user.id, answers: answersFromForm(formData) }),
  );
  if (result.ok)
    return redirect(`/activities/${params.activityId}/registration${result.value.alreadyRegistered ? "" : "?new=1"}`);
  if (result.error.status === 404) notFound();
  return data({ error: result.error.key, fieldErrors: result.error.fieldErrors }, { status: result.error.status });
}
