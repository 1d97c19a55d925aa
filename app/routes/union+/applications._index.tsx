import type { LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { FormMessage } from "~/components/forms";
import { OVERDUE_WORKING_DAYS, workingDaysBetween } from "~/domain/membership/working-days";
import type { MessageKey } from "~/i18n";
import { prisma } from "~/utils/db.server";
import { ContactExportForm } from "~/components/contact-export-form";
import { useI18n } from "~/utils/i18n";
import { applicationsInScope, requireRole } from "~/utils/permissions.server";
import { formatDate } from "~/utils/time";
import { pageMeta } from "~/utils/meta";
import { TableScroll } from "~/components/table-scroll";
import { orgName } from "~/utils/org-name";
import { getLocale } from "~/utils/i18n.server";

export const meta = pageMeta<typeof loader>("membership.review.title", "page.applications.description");

const STATUSES = ["pending", "approved", "rejected", "all"] as const;
const PAGE_SIZE = 50;

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, "union_staff");
  const locale = getLocale(request);
  const url = new URL(request.url);
  const status = STATUSES.find((s) => s === url.searchParams.get("status")) ?? "pending";
  const page = Math.min(Math.max(1, Math.floor(Number(url.searchParams.get("page")) || 1)), 100_000);
  const where = { ...(await applicationsInScope(user.id)), ...(status === "all" ? {} : { status }) };
  const [total, rows] = await Promise.all([
    prisma.membershipApplication.count({ where }),
    prisma.membershipApplication.findMany({
      where,
      // The oldest pending first: that is the promised turnaround at risk.
      orderBy: { createdAt: status === "pending" ? "asc" : "desc" },
      skip: (page - 1) * PAGE_SIZE,
      take: PAGE_SIZE,
      select: {
        id: true,
        name: true,
        status: true,
        createdAt: true,
        isMigrant: true,
        union: { select: { name: true, nameEn: true } },
      },
    }),
  ]);
  const now = new Date();
  return {
    transferred: url.searchParams.get("transferred"),
    status,
    page,
    pages: Math.max(1, Math.ceil(total / PAGE_SIZE)),
    total,
    rows: rows.map((r) => ({
      id: r.id,
      name: r.name,
      union: orgName(r.union, locale),
      status: r.status,
      isMigrant: r.isMigrant,
      createdAt: r.createdAt.toISOString(),
      age: r.status === "pending" ? workingDaysBetween(r.createdAt, now) : null,
    })),
  };
}

export default function ApplicationQueue() {
  const d = useLoaderData<typeof loader>();
  const { t, locale } = useI18n();
  return (
    <div>
      <h1 className="page-title">{t("membership.review.title")}</h1>
      {d.transferred ? <FormMessage message={t("membership.review.transferred", { union: d.transferred })} /> : null}
      <Form method="get" className="mb-3 flex flex-wrap items-end gap-2">
        <div>
          <label className="label" htmlFor="status">
            {t("membership.review.filterStatus")}
          </label>
          <select id="status" name="status" defaultValue={d.status} className="input">
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {s === "all" ? t("common.all") : t(`membership.status.${s}` as MessageKey)}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="btn-secondary">
          {t("common.filter")}
        </button>
        <span className="ml-auto flex flex-wrap gap-3 text-sm text-gray-600">
          {t("common.total", { count: d.total })}
          <a className="link" href={`/union/applications/export?status=${d.status}&format=csv`} download>
            {t("common.exportCsv")}
          </a>
          <a className="link" href={`/union/applications/export?status=${d.status}&format=xlsx`} download>
            {t("common.exportXlsx")}
          </a>
        </span>
      </Form>
      <ContactExportForm action="/union/applications/export" params={{ status: d.status }} />
      {d.rows.length === 0 ? (
        <p className="card text-gray-600">{t("membership.review.empty")}</p>
      ) : (
        <TableScroll label={t("membership.review.title")} className="card p-0">
          <table className="data-table">
            <thead>
              <tr>
                <th>{t("membership.review.applicant")}</th>
                <th>{t("membership.review.union")}</th>
                <th>{t("membership.review.submitted")}</th>
                <th>{t("membership.review.age")}</th>
                <th>{t("common.status")}</th>
              </tr>
            </thead>
            <tbody>
              {d.rows.map((r) => (
                <tr key={r.id} data-testid="application-row">
                  <td className="min-w-28">
                    <Link className="link font-medium" to={`/union/applications/${r.id}`}>
                      {r.name}
                    </Link>
                    {r.isMigrant ? (
                      <span className="badge ml-1 whitespace-nowrap">{t("membership.dash.migrant")}</span>
                    ) : null}
                  </td>
                  <td className="min-w-40">{r.union}</td>
                  <td className="whitespace-nowrap">{formatDate(r.createdAt, locale)}</td>
                  <td className="whitespace-nowrap">
                    {r.age === null ? "—" : t("membership.review.ageDays", { days: r.age })}
                    {r.age !== null && r.age > OVERDUE_WORKING_DAYS ? (
                      <span className="badge ml-1 bg-red-100 text-red-800" title={t("membership.review.overdueHint")}>
                        {t("membership.review.overdue")}
                      </span>
                    ) : null}
                  </td>
                  <td>
                    <span className="badge">{t(`membership.status.${r.status}` as MessageKey)}</span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
      {d.pages > 1 ? (
        <nav
          className="mt-3 flex items-center gap-3 text-sm"
          aria-label={t("common.pageOf", { page: d.page, pages: d.pages })}
        >
          {d.page > 1 ? (
            <Link className="link" to={`?status=${d.status}&page=${d.page - 1}`}>
              {t("common.previous")}
            </Link>
          ) : null}
          <span>{t("common.pageOf", { page: d.page, pages: d.pages })}</span>
          {d.page < d.pages ? (
            <Link className="link" to={`?status=${d.status}&page=${d.page + 1}`}>
              {t("common.next")}
            </Link>
          ) : null}
        </nav>
      ) : null}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
