import type { LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { UserText } from "~/components/user-text";
import { browseActivities, filterOptions, readFilters } from "~/domain/activities/browse.server";
import { CATEGORIES } from "~/domain/activities/categories";
import type { MessageKey } from "~/i18n";
import { useI18n } from "~/utils/i18n";
import { sharedCache } from "~/utils/shared-cache.server";
import { formatDateTime } from "~/utils/time";
import { pageMeta } from "~/utils/meta";

export const meta = pageMeta<typeof loader>("activities.list.title", "page.activities.description");

export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const filters = readFilters(url);
  // The same for every visitor: shared for a few seconds (app/utils/shared-cache.server.ts).
  const [result, options] = await Promise.all([
    sharedCache(`activities.list ${JSON.stringify(filters)}`, ["Activity", "Organisation"], () =>
      browseActivities(filters),
    ),
    sharedCache("activities.filterOptions", ["Organisation"], filterOptions),
  ]);
  return { filters, ...result, ...options, search: url.search };
}

export default function ActivityList() {
  const { t, locale } = useI18n();
  const { filters, items, total, pages, counties, centers, search } = useLoaderData<typeof loader>();
  const label = (o: { name: string; nameEn: string | null }) => (locale === "en" && o.nameEn ? o.nameEn : o.name);
  const pageLink = (page: number) => {
    const params = new URLSearchParams(search);
    params.set("page", String(page));
    return `?${params}`;
  };
  return (
    <div className="space-y-4">
      <h1 className="page-title mb-0">{t("activities.list.title")}</h1>
      {/* On a phone the keyword box comes first; the other filters fold away until used. */}
      <Form method="get" className="card space-y-3" role="search">
        <div>
          <label className="label" htmlFor="f-q">
            {t("activities.list.keyword")}
          </label>
          <div className="flex gap-2">
            <input
              id="f-q"
              name="q"
              type="search"
              className="input"
              defaultValue={filters.q ?? ""}
              placeholder={t("activities.list.keywordPlaceholder")}
            />
            <button type="submit" className="btn-primary shrink-0">
              {t("common.search")}
            </button>
          </div>
        </div>
        <details
          open={Boolean(
            filters.county || filters.center || filters.category || filters.from || filters.to || filters.seats,
          )}
        >
          <summary className="cursor-pointer text-sm text-brand-700">{t("common.filter")}</summary>
          <div className="mt-3 grid gap-3 sm:grid-cols-3">
            <div>
              <label className="label" htmlFor="f-county">
                {t("activities.list.county")}
              </label>
              <select id="f-county" name="county" className="input" defaultValue={filters.county ?? ""}>
                <option value="">{t("common.all")}</option>
                {counties.map((c) => (
                  <option key={c.id} value={c.id}>
                    {label(c)}
                  </option>
                ))}
              </select>
            </div>
            <div>
              <label className="label" htmlFor="f-center">
                {t("activities.list.center")}
              </label>
              <select id="f-center" name="center" className="input" defaultValue={filters.center ?? ""}>
                <option value="">{t("common.all")}</option>
                {centers.map((c) => (
                  <option key={c.id} value={c.id}>
                    {label(c)}
                  </option>
                ))}
              </select>
            </div>
            <div>
              <label className="label" htmlFor="f-category">
                {t("activities.list.category")}
              </label>
              <select id="f-category" name="category" className="input" defaultValue={filters.category ?? ""}>
                <option value="">{t("common.all")}</option>
                {CATEGORIES.map((c) => (
                  <option key={c} value={c}>
                    {t(`activities.category.${c}` as MessageKey)}
                  </option>
                ))}
              </select>
            </div>
            <div>
              <label className="label" htmlFor="f-from">
                {t("activities.list.from")}
              </label>
              <input id="f-from" name="from" type="date" className="input" defaultValue={filters.from ?? ""} />
            </div>
            <div>
              <label className="label" htmlFor="f-to">
                {t("activities.list.to")}
              </label>
              <input id="f-to" name="to" type="date" className="input" defaultValue={filters.to ?? ""} />
            </div>
            <label className="flex items-center gap-2 self-end pb-2 text-sm">
              <input type="checkbox" name="seats" value="1" defaultChecked={filters.seats === "1"} />{" "}
              {t("activities.list.hasSeats")}
            </label>
            <div className="flex gap-2 sm:col-span-3">
              <button type="submit" className="btn-primary">
                {t("common.filter")}
              </button>
              <Link to="/activities" className="btn-secondary">
                {t("common.reset")}
              </Link>
            </div>
          </div>
        </details>
      </Form>
      <p className="text-sm text-gray-600">{t("common.total", { count: total })}</p>
      {items.length === 0 ? (
        <p className="card text-gray-600">{t("activities.list.empty")}</p>
      ) : (
        <ul className="grid gap-3 sm:grid-cols-2">
          {items.map((a) => {
            const left = Math.max(0, a.capacity - a.confirmedCount);
            return (
              <li key={a.id} className="card flex gap-3">
                {a.coverFileId ? (
                  <img
                    src={`/files/${a.coverFileId}`}
                    alt=""
                    className="h-20 w-20 shrink-0 rounded object-cover"
                    loading="lazy"
                  />
                ) : null}
                <div className="min-w-0">
                  <Link to={`/activities/${a.id}`} className="font-medium text-brand-700 hover:underline">
                    <UserText text={a.title} />
                  </Link>
                  <p className="mt-1 text-sm text-gray-600">{formatDateTime(a.startsAt, locale)}</p>
                  <UserText as="p" className="text-sm text-gray-600" text={label(a.center)} />
                  <p className="mt-1 flex flex-wrap gap-1 text-xs">
                    <span className="badge">{t(`activities.category.${a.category}` as MessageKey)}</span>
                    <span className={`badge ${left ? "bg-green-100 text-green-800" : ""}`}>
                      {left
                        ? t("activities.seatsLeft", { count: left })
                        : a.waitlistEnabled
                          ? t("activities.fullWaitlist")
                          : t("activities.full")}
                    </span>
                    {a.eligibility === "members" ? (
                      <span className="badge">{t("activities.eligibility.members")}</span>
                    ) : null}
                  </p>
                </div>
              </li>
            );
          })}
        </ul>
      )}
      {pages > 1 ? (
        <nav className="flex items-center justify-between" aria-label={t("activities.list.pagination")}>
          {filters.page > 1 ? (
            <Link className="btn-secondary" to={pageLink(filters.page - 1)}>
              {t("common.previous")}
            </Link>
          ) : (
            <span />
          )}
          <span className="text-sm text-gray-600">{t("common.pageOf", { page: filters.page, pages })}</span>
          {filters.page < pages ? (
            <Link className="btn-secondary" to={pageLink(filters.page + 1)}>
              {t("common.next")}
            </Link>
          ) : (
            <span />
          )}
        </nav>
      ) : null}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
