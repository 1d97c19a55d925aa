import type { LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { prisma } from "~/utils/db.server";
import { containsFilter } from "~/utils/sql-dialect.server";
import { useI18n } from "~/utils/i18n";
import { requireRole, UNAFFILIATED_USER, usersInAdminScope } from "~/utils/permissions.server";
import { formatDate } from "~/utils/time";
import { orgLabel } from "./__shared";
import { pageMeta } from "~/utils/meta";
import { TableScroll } from "~/components/table-scroll";

export const meta = pageMeta<typeof loader>("admin.users.title", "page.adminUsers.description");

const PAGE_SIZE = 20;

// An admin finds only the accounts in their remit (usersInAdminScope): phone numbers and e-mail
// addresses of the rest of the city are none of a county admin's business. An account that belongs
// nowhere yet is found by its exact phone or e-mail, so that it can be given its first role.
export async function loader({ request }: LoaderFunctionArgs) {
  const admin = await requireRole(request, "admin");
  const scope = await usersInAdminScope(admin.id);
  const url = new URL(request.url);
  const q = (url.searchParams.get("q") ?? "").trim().slice(0, 100);
  // Clamped so a made-up page number cannot overflow the query (it just shows an empty page).
  const page = Math.min(Math.max(1, Math.floor(Number(url.searchParams.get("page")) || 1)), 100_000);
  const search = q
    ? {
        OR: [
          { name: containsFilter(q) }, // case-insensitive on both engines
          { phone: { contains: q.replace(/\s/g, "") } },
          { email: { contains: q.toLowerCase() } },
        ],
      }
    : {};
  const exact = q ? { OR: [{ phone: q.replace(/\s/g, "") }, { email: q.toLowerCase() }] } : { id: "__none__" };
  const where = scope ? { AND: [search, { OR: [scope, { AND: [exact, UNAFFILIATED_USER] }] }] } : search;
  const [total, users] = await Promise.all([
    prisma.user.count({ where }),
    prisma.user.findMany({
      where,
      orderBy: [{ createdAt: "desc" }, { id: "asc" }],
      skip: (page - 1) * PAGE_SIZE,
      take: PAGE_SIZE,
      select: {
        id: true,
        name: true,
        phone: true,
        email: true,
        createdAt: true,
        county: { select: { name: true, nameEn: true } },
        _count: { select: { roles: true } },
      },
    }),
  ]);
  return { q, page, pages: Math.max(1, Math.ceil(total / PAGE_SIZE)), total, users };
}

export default function AdminUsersPage() {
  const { t, locale } = useI18n();
  const { q, page, pages, total, users } = useLoaderData<typeof loader>();
  const pageLink = (p: number) => `?${new URLSearchParams({ ...(q ? { q } : {}), page: String(p) })}`;
  return (
    <div className="mx-auto max-w-4xl">
      <p className="mb-2 text-sm">
        <Link to="/admin" className="link">
          {t("admin.title")}
        </Link>
      </p>
      <h1 className="page-title">{t("admin.users.title")}</h1>
      <p className="mb-4 text-sm text-gray-600">{t("admin.users.intro")}</p>
      <Form method="get" className="mb-4 flex gap-2" role="search">
        <label htmlFor="q" className="sr-only">
          {t("admin.users.search")}
        </label>
        <input
          id="q"
          name="q"
          type="search"
          defaultValue={q}
          placeholder={t("admin.users.search")}
          className="input min-w-0 flex-1"
        />
        <button type="submit" className="btn-primary shrink-0">
          {t("common.search")}
        </button>
      </Form>
      <p className="mb-2 text-sm text-gray-600">{t("common.total", { count: total })}</p>
      {users.length === 0 ? (
        <p className="card text-gray-600">{t("admin.users.noResults")}</p>
      ) : (
        <TableScroll label={t("admin.users.title")}>
          <table className="data-table whitespace-nowrap">
            <thead>
              <tr>
                <th>{t("admin.users.name")}</th>
                <th>{t("admin.users.phone")}</th>
                <th>{t("admin.users.email")}</th>
                <th>{t("admin.users.county")}</th>
                <th>{t("admin.users.roles")}</th>
                <th>{t("admin.users.registeredAt")}</th>
              </tr>
            </thead>
            <tbody>
              {users.map((u) => (
                <tr key={u.id}>
                  <td>
                    <Link to={`/admin/users/${u.id}`} className="link">
                      {u.name}
                    </Link>
                  </td>
                  <td>{u.phone ?? "—"}</td>
                  <td>{u.email ?? "—"}</td>
                  <td>{u.county ? orgLabel(u.county, locale) : "—"}</td>
                  <td>{u._count.roles}</td>
                  <td>{formatDate(u.createdAt, locale)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
      {pages > 1 ? (
        <nav
          className="mt-4 flex items-center justify-between text-sm"
          aria-label={t("common.pageOf", { page, pages })}
        >
          {page > 1 ? (
            <Link to={pageLink(page - 1)} className="link">
              {t("common.previous")}
            </Link>
          ) : (
            <span />
          )}
          <span>{t("common.pageOf", { page, pages })}</span>
          {page < pages ? (
            <Link to={pageLink(page + 1)} className="link">
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
