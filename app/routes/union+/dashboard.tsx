import type { LoaderFunctionArgs } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import {
  buildTables,
  DASHBOARD_ROWS,
  PERIODS,
  TABLE_DEFINITIONS,
  type DataTable,
  type TableId,
} from "~/domain/membership/dashboard-tables";
import { dashboardRequest } from "~/domain/membership/dashboard-scope.server";
import { loadDashboard } from "~/domain/membership/dashboard.server";
import type { MessageKey } from "~/i18n";
import { getLocale } from "~/utils/i18n.server";
import { useI18n } from "~/utils/i18n";
import { cellKind } from "~/utils/data-table";
import { formatCalendarDate, formatNumber, formatPercent } from "~/utils/time";
import { DashboardChart } from "./__dashboard-charts";
import { pageMeta } from "~/utils/meta";

export const meta = pageMeta<typeof loader>("membership.dash.title", "page.dashboard.description");

export async function loader({ request }: LoaderFunctionArgs) {
  const { period, county, filter, counties, cityWide } = await dashboardRequest(request);
  // Long breakdowns are cut to what the page shows; the exports carry every row.
  const dashboard = await loadDashboard(filter, getLocale(request), { rowLimit: DASHBOARD_ROWS });
  return { period, county, counties, cityWide, dashboard };
}

export default function Dashboard() {
  const { period, county, counties, cityWide, dashboard } = useLoaderData<typeof loader>();
  const { t, locale } = useI18n();
  const tables = buildTables(dashboard, t);
  const query = new URLSearchParams({ period, ...(county ? { county } : {}) });
  const scopeName = county
    ? (counties.find((c) => c.id === county)?.[locale === "en" ? "nameEn" : "name"] ?? "")
    : cityWide
      ? t("membership.dash.allCounties")
      : counties.map((c) => (locale === "en" && c.nameEn ? c.nameEn : c.name)).join(t("common.listSeparator"));
  return (
    <div>
      <h1 className="page-title">{t("membership.dash.title")}</h1>
      <Form method="get" className="card mb-4 flex flex-wrap items-end gap-2">
        <div>
          <label className="label" htmlFor="period">
            {t("membership.dash.period")}
          </label>
          <select id="period" name="period" defaultValue={period} className="input">
            {PERIODS.map((p) => (
              <option key={p} value={p}>
                {t(`membership.dash.period.${p}` as MessageKey)}
              </option>
            ))}
          </select>
        </div>
        {counties.length > 1 ? (
          <div>
            <label className="label" htmlFor="county">
              {t("membership.dash.county")}
            </label>
            <select id="county" name="county" defaultValue={county ?? ""} className="input">
              <option value="">{t("membership.dash.allCounties")}</option>
              {counties.map((c) => (
                <option key={c.id} value={c.id}>
                  {locale === "en" && c.nameEn ? c.nameEn : c.name}
                </option>
              ))}
            </select>
          </div>
        ) : null}
        <button type="submit" className="btn-secondary">
          {t("membership.dash.apply")}
        </button>
      </Form>
      <p className="mb-4 text-sm text-gray-600">
        {t("membership.dash.scope", {
          scope: scopeName,
          from: formatCalendarDate(dashboard.filter.from, locale),
          to: formatCalendarDate(dashboard.filter.to, locale),
        })}
      </p>
      <div className="grid gap-4 lg:grid-cols-2">
        {tables.map((table) => (
          <TableCard
            key={table.id}
            table={table}
            cut={dashboard.cut.includes(table.id)}
            exportQuery={query.toString()}
            locale={locale}
          />
        ))}
      </div>
    </div>
  );
}

function TableCard({
  table,
  cut,
  exportQuery,
  locale,
}: {
  table: DataTable;
  cut: boolean;
  exportQuery: string;
  locale: "zh-CN" | "en";
}) {
  const { t } = useI18n();
  const rows = table.rows; // already cut to DASHBOARD_ROWS by the loader where long
  const cell = (value: string | number | null, r: number, j: number) => {
    if (value === null || (typeof value === "number" && !Number.isFinite(value))) return "—";
    const kind = cellKind(table, r, j);
    if (kind === "number" && typeof value === "number") return formatNumber(value, locale);
    if (kind === "percent" && typeof value === "number") return formatPercent(value, locale);
    return String(value);
  };
  const wide = ["funnel", "county", "activity", "weekly", "monthly"].includes(table.id);
  return (
    <section
      className={`card min-w-0 ${wide ? "lg:col-span-2" : ""}`}
      aria-labelledby={`t-${table.id}`}
      data-testid={`table-${table.id}`}
    >
      <div className="mb-2 flex flex-wrap items-center gap-2">
        <h2 id={`t-${table.id}`} className="font-semibold">
          {table.title}
        </h2>
        <span className="ml-auto flex gap-2 text-sm">
          <a className="link" href={`/union/dashboard/export?table=${table.id}&format=csv&${exportQuery}`} download>
            {t("common.exportCsv")}
          </a>
          <a className="link" href={`/union/dashboard/export?table=${table.id}&format=xlsx&${exportQuery}`} download>
            {t("common.exportXlsx")}
          </a>
        </span>
      </div>
      <DashboardChart table={table} />
      {table.rows.length === 0 ? (
        <p className="text-sm text-gray-600">{t("common.noData")}</p>
      ) : (
        // The label column stays pinned while the figures scroll sideways on a phone.
        // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex -- a scroll region must be reachable by keyboard
        <div className="table-scroll" tabIndex={0} role="region" aria-labelledby={`t-${table.id}`}>
          <table className="data-table table-pinned">
            <caption className="sr-only">{table.title}</caption>
            <thead>
              <tr>
                {table.columns.map((c) => (
                  <th key={c.label} scope="col" className={c.kind === "text" ? "" : "text-right"}>
                    {c.label}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((row, r) => (
                <tr key={r}>
                  {row.map((v, j) =>
                    j === 0 ? (
                      <th key={j} scope="row" className="font-normal">
                        {cell(v, r, j)}
                      </th>
                    ) : (
                      <td key={j} className="text-right tabular-nums">
                        {cell(v, r, j)}
                      </td>
                    ),
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {cut ? (
        <p className="mt-1 text-xs text-gray-600">{t("membership.dash.showing", { shown: rows.length })}</p>
      ) : null}
      <Definitions keys={TABLE_DEFINITIONS[table.id as TableId]} />
    </section>
  );
}

/** The short definitions of a table's figures, right under it (and readable without JavaScript). */
function Definitions({ keys }: { keys: MessageKey[] }) {
  const { t } = useI18n();
  return (
    <details className="mt-2 text-xs text-gray-700" open>
      <summary className="cursor-pointer font-medium">{t("dash.definitions")}</summary>
      <ul className="mt-1 list-disc space-y-0.5 pl-4">
        {keys.map((k) => (
          <li key={k}>{t(k)}</li>
        ))}
      </ul>
    </details>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
