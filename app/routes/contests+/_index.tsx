import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { UserText } from "~/components/user-text";
import { orgName } from "~/utils/org-name";
import { contestPhase } from "~/domain/contests/contests.server";
import type { MessageKey } from "~/i18n";
import { prisma } from "~/utils/db.server";
import { useI18n } from "~/utils/i18n";
import { formatDateRange } from "~/utils/time";
import { ACTIVE_ENTRY } from "~/domain/contests/constants";
import { pageMeta } from "~/utils/meta";
import { sharedCache } from "~/utils/shared-cache.server";

export const meta = pageMeta<typeof loader>("contests.title", "page.contests.description");

// The same for every visitor: shared for a few seconds (app/utils/shared-cache.server.ts); the
// phase depends on the time, so it is worked out per request.
export async function loader(_: LoaderFunctionArgs) {
  const contests = await sharedCache("contests.list", ["Contest", "Organisation", "Entry"], listContests);
  return { contests: contests.map((c) => ({ ...c, phase: contestPhase(c) })) };
}

function listContests() {
  return prisma.contest.findMany({
    where: { status: { not: "draft" } },
    select: {
      id: true,
      kind: true,
      title: true,
      status: true,
      submissionOpensAt: true,
      submissionClosesAt: true,
      judgingOpensAt: true,
      judgingClosesAt: true,
      org: { select: { name: true, nameEn: true } },
      _count: { select: { entries: { where: { status: ACTIVE_ENTRY } } } },
    },
    orderBy: { submissionClosesAt: "desc" },
    take: 100,
  });
}

export default function ContestsIndex() {
  const { contests } = useLoaderData<typeof loader>();
  const { t, locale } = useI18n();
  return (
    <div>
      <h1 className="page-title">{t("contests.title")}</h1>
      <p className="mb-4 text-sm text-gray-600">{t("contests.intro")}</p>
      {contests.length === 0 ? <p>{t("contests.none")}</p> : null}
      <ul className="grid gap-3 sm:grid-cols-2">
        {contests.map((c) => (
          <li key={c.id} className="card">
            <div className="mb-1 flex flex-wrap gap-2">
              <span className="badge">{t(`contests.kind.${c.kind}` as MessageKey)}</span>
              <span className="badge">
                {c.status === "results_published"
                  ? t("contests.contestStatus.results_published")
                  : t(`contests.phase.${c.phase}` as MessageKey)}
              </span>
            </div>
            <Link to={`/contests/${c.id}`} className="font-medium text-brand-700 hover:underline">
              <UserText text={c.title} />
            </Link>
            <UserText as="p" className="text-sm text-gray-600" text={orgName(c.org, locale)} />
            <p className="text-sm text-gray-600">
              {t("common.labelled", {
                label: t("contests.submissionPeriod"),
                value: formatDateRange(c.submissionOpensAt, c.submissionClosesAt, locale),
              })}
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
