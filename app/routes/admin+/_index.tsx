import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { prisma } from "~/utils/db.server";
import { useI18n } from "~/utils/i18n";
import { orgInScope, requireRole, scopePaths } from "~/utils/permissions.server";
import { orgLabel } from "./__shared";
import { pageMeta } from "~/utils/meta";

export const meta = pageMeta<typeof loader>("admin.title", "page.admin.description");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, "admin");
  const paths = await scopePaths(user.id, "admin");
  const [roots, orgCount] = await Promise.all([
    prisma.organisation.findMany({ where: { path: { in: paths } }, select: { id: true, name: true, nameEn: true } }),
    prisma.organisation.count({ where: orgInScope(paths) }),
  ]);
  return { roots, orgCount };
}

export default function AdminHome() {
  const { t, locale } = useI18n();
  const { roots, orgCount } = useLoaderData<typeof loader>();
  return (
    <div className="mx-auto max-w-3xl">
      <h1 className="page-title">{t("admin.title")}</h1>
      <p className="mb-2 text-gray-700">{t("admin.intro")}</p>
      <p className="mb-4 text-sm text-gray-600">
        {t("admin.scope", { orgs: roots.map((r) => orgLabel(r, locale)).join(t("common.listSeparator")) })}
      </p>
      <div className="grid gap-4 sm:grid-cols-2">
        <Link to="/admin/orgs" className="card block hover:border-brand-500">
          <h2 className="mb-1 font-semibold">{t("admin.orgs.title")}</h2>
          <p className="text-sm text-gray-600">{t("admin.orgs.count", { count: orgCount })}</p>
        </Link>
        <Link to="/admin/users" className="card block hover:border-brand-500">
          <h2 className="mb-1 font-semibold">{t("admin.users.title")}</h2>
          <p className="text-sm text-gray-600">{t("admin.users.intro")}</p>
        </Link>
        <Link to="/admin/outbox" className="card block hover:border-brand-500">
          <h2 className="mb-1 font-semibold">{t("messages.outbox.link")}</h2>
          <p className="text-sm text-gray-600">{t("messages.outbox.intro")}</p>
        </Link>
      </div>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
