import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { attendanceRate, statsFor, type ActivityStats } from "~/domain/activities/stats.server";
import type { MessageKey } from "~/i18n";
import { requireUser } from "~/utils/auth.server";
import { prisma } from "~/utils/db.server";
import { forbidden } from "~/utils/http.server";
import { useI18n } from "~/utils/i18n";
import { manageableCenters } from "~/utils/permissions.server";
import { formatDateTime, formatNumber, formatPercent } from "~/utils/time";
import { pageMeta } from "~/utils/meta";

export const meta = pageMeta<typeof loader>("activities.center.dashboard", "page.center.description");

// The center dashboard: every activity of the centers in the user's scope with its funnel figures.
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const centers = await manageableCenters(user.id);
  if (centers.length === 0) forbidden();
  const activities = await prisma.activity.findMany({
    where: { centerId: { in: centers.map((c) => c.id) } },
    orderBy: { startsAt: "desc" },
    take: 100,
    select: { id: true, title: true, status: true, startsAt: true, capacity: true, center: { select: { name: true } } },
  });
  const { byId, total } = await statsFor(activities.map((a) => a.id));
  return {
    centers: centers.map((c) => c.name),
    rows: activities.map((a) => ({ ...a, stats: byId.get(a.id)!, rate: attendanceRate(byId.get(a.id)!) })),
    total: { stats: total, rate: attendanceRate(total) },
  };
}

const COLUMNS: (keyof ActivityStats)[] = ["views", "signups", "waitlisted", "cancelled", "attended"];

export default function CenterDashboard() {
  const { t, locale } = useI18n();
  const { centers, rows, total } = useLoaderData<typeof loader>();
  const figures = (s: ActivityStats, rate: number | null) => (
    <>
      {COLUMNS.map((c) => (
        <td key={c} className="text-right tabular-nums">
          {formatNumber(s[c], locale)}
        </td>
      ))}
      <td className="text-right tabular-nums">{rate === null ? "—" : formatPercent(rate, locale)}</td>
      <td className="text-right tabular-nums">{formatNumber(s.joinClicks, locale)}</td>
    </>
  );
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <div>
          <h1 className="page-title mb-0">{t("activities.center.dashboard")}</h1>
          <p className="text-sm text-gray-600">{centers.join(t("common.listSeparator"))}</p>
        </div>
        <Link to="/center/activities/new" className="btn-primary">
          {t("activities.center.new")}
        </Link>
      </div>
      {/* eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex -- a scroll region must be reachable by keyboard */}
      <div className="card table-scroll p-0" tabIndex={0} role="region" aria-label={t("activities.center.dashboard")}>
        <table className="data-table table-pinned" data-testid="center-stats">
          <thead>
            <tr>
              <th>{t("activities.center.activity")}</th>
              {COLUMNS.map((c) => (
                <th key={c} className="text-right">
                  {t(`activities.stats.${c}` as MessageKey)}
                </th>
              ))}
              <th className="text-right">{t("activities.stats.rate")}</th>
              <th className="text-right">{t("activities.stats.joinClicks")}</th>
            </tr>
          </thead>
          <tbody>
            {rows.length === 0 ? (
              <tr>
                <td colSpan={8} className="text-gray-600">
                  {t("activities.center.empty")}
                </td>
              </tr>
            ) : null}
            {rows.map((a) => (
              <tr key={a.id} data-activity={a.id}>
                <td>
                  <Link to={`/center/activities/${a.id}`} className="link font-medium">
                    {a.title}
                  </Link>
                  <div className="text-xs text-gray-500">
                    {formatDateTime(a.startsAt, locale)} · {t(`activities.activityStatus.${a.status}` as MessageKey)} ·{" "}
                    <Link to={`/center/activities/${a.id}/checkin`} className="link" reloadDocument>
                      {t("activities.center.checkin")}
                    </Link>
                  </div>
                </td>
                {figures(a.stats, a.rate)}
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr className="font-semibold">
              <td>{t("activities.stats.total")}</td>
              {figures(total.stats, total.rate)}
            </tr>
          </tfoot>
        </table>
      </div>
      <section className="text-xs text-gray-700" aria-labelledby="center-definitions">
        <h2 id="center-definitions" className="font-medium">
          {t("dash.definitions")}
        </h2>
        <ul className="mt-1 list-disc space-y-0.5 pl-4">
          {[...COLUMNS, "rate" as const, "joinClicks" as const].map((c) => (
            <li key={c}>{t(`dash.center.def.${c}` as MessageKey)}</li>
          ))}
        </ul>
      </section>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
