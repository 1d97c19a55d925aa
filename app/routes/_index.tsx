import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { UserText } from "~/components/user-text";
import { orgName } from "~/utils/org-name";
import type { MessageKey } from "~/i18n";
import { prisma } from "~/utils/db.server";
import { useI18n, useOptionalUser } from "~/utils/i18n";
import { metaT, metaTags } from "~/utils/meta";
import { sharedCache } from "~/utils/shared-cache.server";
import { formatDateTime } from "~/utils/time";

export const meta: MetaFunction = ({ matches }) => {
  const t = metaT(matches);
  return metaTags(t("app.fullName"), t("page.home.description"));
};

// The same for every visitor: shared for a few seconds (app/utils/shared-cache.server.ts).
export async function loader(_: LoaderFunctionArgs) {
  const [activities, contests] = await Promise.all([
    sharedCache("home.activities", ["Activity", "Organisation"], upcomingActivities),
    sharedCache("home.contests", ["Contest", "Organisation"], openContests),
  ]);
  return { activities, contests };
}

function upcomingActivities(now = new Date()) {
  return prisma.activity.findMany({
    where: { status: "published", endsAt: { gte: now } },
    orderBy: { startsAt: "asc" },
    take: 6,
    select: {
      id: true,
      title: true,
      category: true,
      startsAt: true,
      center: { select: { name: true, nameEn: true } },
    },
  });
}

function openContests(now = new Date()) {
  return prisma.contest.findMany({
    where: { status: "published", submissionOpensAt: { lte: now }, submissionClosesAt: { gte: now } },
    orderBy: { submissionClosesAt: "asc" },
    take: 4,
    select: {
      id: true,
      title: true,
      kind: true,
      submissionClosesAt: true,
      org: { select: { name: true, nameEn: true } },
    },
  });
}

export default function Home() {
  const { activities, contests } = useLoaderData<typeof loader>();
  const { t, locale } = useI18n();
  const user = useOptionalUser();
  return (
    <div className="space-y-6">
      <section className="rounded-lg bg-gradient-to-r from-brand-600 to-brand-700 p-5 text-white">
        <h1 className="text-2xl font-bold">{t("app.fullName")}</h1>
        <p className="mt-1 text-white/90">{t("app.tagline")}</p>
        {!user?.isMember ? (
          <p className="mt-3 text-sm">
            {t("home.joinCallout")}{" "}
            <Link to="/join" className="ml-1 inline-block rounded bg-white px-3 py-1 font-medium text-brand-700">
              {t("home.joinCta")}
            </Link>
          </p>
        ) : null}
      </section>
      <section>
        <div className="mb-2 flex items-baseline justify-between">
          <h2 className="text-lg font-semibold">{t("home.upcomingActivities")}</h2>
          <Link to="/activities" className="link text-sm">
            {t("home.seeAll")}
          </Link>
        </div>
        {activities.length === 0 ? (
          <p className="card text-gray-600">{t("home.noActivities")}</p>
        ) : (
          <ul className="grid gap-3 sm:grid-cols-2">
            {activities.map((a) => (
              <li key={a.id} className="card">
                <Link to={`/activities/${a.id}`} className="font-medium text-brand-700 hover:underline">
                  <UserText text={a.title} />
                </Link>
                <p className="mt-1 text-sm text-gray-600">
                  {formatDateTime(a.startsAt, locale)} · <UserText text={orgName(a.center, locale)} />
                </p>
                <p className="mt-1 text-xs text-gray-500">
                  <span className="badge">{t(`activities.category.${a.category}` as MessageKey)}</span>
                </p>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section>
        <div className="mb-2 flex items-baseline justify-between">
          <h2 className="text-lg font-semibold">{t("home.openContests")}</h2>
          <Link to="/contests" className="link text-sm">
            {t("home.seeAll")}
          </Link>
        </div>
        {contests.length === 0 ? (
          <p className="card text-gray-600">{t("home.noContests")}</p>
        ) : (
          <ul className="grid gap-3 sm:grid-cols-2">
            {contests.map((c) => (
              <li key={c.id} className="card">
                <Link to={`/contests/${c.id}`} className="font-medium text-brand-700 hover:underline">
                  <UserText text={c.title} />
                </Link>
                <p className="mt-1 text-sm text-gray-600">
                  <UserText text={orgName(c.org, locale)} /> · {formatDateTime(c.submissionClosesAt, locale)}
                </p>
                <p className="mt-1 text-xs">
                  <span className="badge">{t(`contests.kind.${c.kind}` as MessageKey)}</span>
                </p>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
