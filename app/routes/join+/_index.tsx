import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { FormMessage } from "~/components/forms";
import { ApplicationSchema } from "~/domain/membership/application-schema";
import { applicantStatus, submitApplication } from "~/domain/membership/applications.server";
import { countiesAndZones, suggestUnion, unionsInCounty } from "~/domain/membership/unions.server";
import type { MessageKey } from "~/i18n";
import { requireUser } from "~/utils/auth.server";
import { prisma } from "~/utils/db.server";
import { limitEcho } from "~/utils/form-reply.server";
import { resolveSource } from "~/utils/funnel.server";
import { useI18n } from "~/utils/i18n";
import { getLocale } from "~/utils/i18n.server";
import { orgName, withOrgNames } from "~/utils/org-name";
import { catchRule, ruleErrors } from "~/utils/rule-error.server";
import { formatDate, parseCalendarDate, toCalendarDateKey } from "~/utils/time";
import { ApplicationForm } from "./__application-form";
import { pageMeta } from "~/utils/meta";

export const meta = pageMeta<typeof loader>("membership.apply.title", "page.join.description");

export async function loader({ request }: LoaderFunctionArgs) {
  const sessionUser = await requireUser(request);
  const locale = getLocale(request);
  const url = new URL(request.url);
  const from = url.searchParams.get("from");
  const [status, user, counties, source] = await Promise.all([
    applicantStatus(sessionUser.id),
    prisma.user.findUniqueOrThrow({
      where: { id: sessionUser.id },
      select: {
        name: true,
        phone: true,
        gender: true,
        birthDate: true,
        isMigrant: true,
        employerId: true,
        countyId: true,
        employer: { select: { countyId: true } },
      },
    }),
    countiesAndZones(),
    resolveSource(from),
  ]);
  const requestedCounty = url.searchParams.get("county");
  const countyId =
    counties.find((c) => c.id === requestedCounty)?.id ??
    user.employer?.countyId ??
    user.countyId ??
    source?.countyId ??
    counties[0]?.id ??
    null;
  const [enterprises, unions, suggestedId, sourceTitle] = await Promise.all([
    countyId
      ? prisma.enterprise.findMany({
          // Employers typed in by other applicants wait for review before they are offered.
          where: { countyId, OR: [{ proposedById: null }, { proposedById: sessionUser.id }] },
          select: { id: true, name: true },
          orderBy: { name: "asc" },
          take: 500,
        })
      : [],
    countyId ? unionsInCounty(countyId) : [],
    suggestUnion({ enterpriseId: user.employerId, countyId }),
    sourceTitleOf(source),
  ]);
  const suggested = suggestedId
    ? await prisma.organisation.findUnique({
        where: { id: suggestedId },
        select: { id: true, name: true, nameEn: true },
      })
    : null;
  return {
    status: {
      member: status.membership?.number ?? null,
      latest: status.latest
        ? {
            ...status.latest,
            createdAt: status.latest.createdAt.toISOString(),
            union: { name: orgName(status.latest.union, locale) },
          }
        : null,
    },
    submitted: url.searchParams.get("submitted") === "1",
    from,
    source: source ? { type: source.sourceType, title: sourceTitle } : null,
    countyId,
    counties: withOrgNames(counties, locale),
    enterprises,
    unions: withOrgNames(unions, locale),
    suggested: suggested && { id: suggested.id, name: orgName(suggested, locale) },
    defaults: {
      name: user.name,
      phone: user.phone ?? "",
      gender: user.gender ?? "",
      birthDate: user.birthDate ? toCalendarDateKey(user.birthDate) : "",
      isMigrant: user.isMigrant ? "yes" : "no",
      enterpriseId: enterprises.some((e) => e.id === user.employerId) ? (user.employerId ?? "") : "",
    },
  };
}

async function sourceTitleOf(source: Awaited<ReturnType<typeof resolveSource>>) {
  if (!source) return null;
  if (source.activityId)
    return (
      (await prisma.activity.findUnique({ where: { id: source.activityId }, select: { title: true } }))?.title ?? null
    );
  if (source.contestId)
    return (
      (await prisma.contest.findUnique({ where: { id: source.contestId }, select: { title: true } }))?.title ?? null
    );
  if (source.centerId)
    return (
      (await prisma.organisation.findUnique({ where: { id: source.centerId }, select: { name: true } }))?.name ?? null
    );
  return null;
}

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
  if (
    isNew &&
    !(await prisma.organisation.findFirst({
      where: { id: v.newCountyId, kind: { in: ["county", "zone"] } },
      select: { id: true },
    }))
  ) {
    return data(
      {
        result: limitEcho(
          ApplicationSchema,
          submission.reply({ fieldErrors: { newCountyId: ["validation.invalidChoice"] } }),
        ),
      },
      { status: 400 },
    );
  }
  const result = await catchRule(() =>
    submitApplication({
      userId: user.id,
      name: v.name,
      gender: v.gender,
      birthDate: parseCalendarDate(v.birthDate)!,
      phone: v.phone,
      idNumber: v.idNumber ?? null,
      enterpriseId: isNew ? null : v.enterpriseId,
      newEnterprise: isNew
        ? {
            name: v.newName!,
            creditCode: v.newCreditCode!,
            countyId: v.newCountyId!,
            industry: v.newIndustry!,
            size: v.newSize!,
          }
        : null,
      employmentType: v.employmentType,
      isMigrant: v.isMigrant === "yes",
      education: v.education ?? null,
      industry: v.industry ?? null,
      incomeBand: v.incomeBand ?? null,
      workplace: v.workplace ?? null,
      unionId: v.unionId || null,
      countyId: profile?.countyId ?? null,
      consentSensitive: true,
    }),
  );
  if (!result.ok) {
    return data(
      { result: limitEcho(ApplicationSchema, submission.reply(ruleErrors(result.error))) },
      { status: result.error.status },
    );
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
          <p>
            {t("membership.status.pendingBody", {
              date: formatDate(status.latest.createdAt, locale),
              union: status.latest.union.name,
            })}
          </p>
        </div>
      </div>
    );
  }
  const rejected = status.latest?.status === "rejected" ? status.latest : null;
  return (
    <ApplicationForm
      lastResult={actionData?.result}
      rejected={rejected}
      from={d.from}
      source={d.source}
      countyId={d.countyId}
      counties={d.counties}
      enterprises={d.enterprises}
      unions={d.unions}
      suggested={d.suggested}
      defaults={d.defaults}
    />
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
