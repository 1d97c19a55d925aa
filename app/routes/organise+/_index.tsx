import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { contestPhase } from "~/domain/contests/contests.server";
import type { MessageKey } from "~/i18n";
import { prisma } from "~/utils/db.server";
import { useI18n } from "~/utils/i18n";
import { managedContestsWhere, requireRole } from "~/utils/permissions.server";
import { formatDate } from "~/utils/time";
import { ACTIVE_ENTRY } from "~/domain/contests/constants";
import { pageMeta } from "~/utils/meta";
import { orgName } from "~/utils/org-name";

export const meta = pageMeta<typeof loader>("contests.org.title", "page.organise.description");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, "contest_organiser");
  const contests = await prisma.contest.findMany({
    where: await managedContestsWhere(user.id),
    select: {
      id: true,
      title: true,
      kind: true,
      status: true,
      submissionOpensAt: true,
      submissionClosesAt: true,
      judgingOpensAt: true,
      judgingClosesAt: true,
      org: { select: { name: true, nameEn: true } },
      _count: { select: { entries: { where: { status: ACTIVE_ENTRY } } } },
    },
    orderBy: { createdAt: "desc" },
  });
  return { contests: contests.map((c) => ({ ...c, phase: contestPhase(c) })) };
}

export default function OrganiseIndex() {
  const { contests } = useLoaderData<typeof loader>();
  const { t, locale } = useI18n();
  return (
    <div>
      <div className="mb-4 flex flex-wrap items-center justify-between gap-2">
        <h1 className="page-title mb-0">{t("contests.org.title")}</h1>
        <Link to="/organise/new" className="btn-primary">
          {t("contests.org.new")}
        </Link>
      </div>
      {contests.length === 0 ? <p>{t("contests.org.none")}</p> : null}
      <ul className="space-y-3">
        {contests.map((c) => (
          <li key={c.id} className="card">
            <div className="flex flex-wrap gap-2">
              <span className="badge">{t(`contests.kind.${c.kind}` as MessageKey)}</span>
              <span className="badge">{t(`contests.contestStatus.${c.status}` as MessageKey)}</span>
              <span className="badge">{t(`contests.phase.${c.phase}` as MessageKey)}</span>
            </div>
            <Link to={`/organise/${c.id}`} className="mt-1 block font-medium text-brand-700 hover:underline">
              {c.title}
            </Link>
            <p className="text-sm text-gray-600">
              {orgName(c.org, locale)} · {t("contests.org.entryCount", { n: c._count.entries })} ·{" "}
              {formatDate(c.submissionClosesAt, locale)}
            </p>
          </li>
        ))}
      </ul>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
