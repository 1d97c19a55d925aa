import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { orgTree, type OrgNode } from "~/domain/admin/orgs.server";
import type { MessageKey } from "~/i18n";
import { useI18n } from "~/utils/i18n";
import { requireRole, scopePaths } from "~/utils/permissions.server";
import { orgLabel } from "./__shared";
import { pageMeta } from "~/utils/meta";
import { TableScroll } from "~/components/table-scroll";

export const meta = pageMeta<typeof loader>("admin.orgs.title", "page.adminOrgs.description");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, "admin");
  return { tree: await orgTree(await scopePaths(user.id, "admin")) };
}

function Branch({ nodes }: { nodes: OrgNode[] }) {
  const { t, locale } = useI18n();
  return (
    <ul className="ml-3 border-l border-gray-200 pl-3">
      {nodes.map((node) => (
        <li key={node.id} className="py-1">
          <Link to={`/admin/orgs/${node.id}`} className="link break-words">
            {orgLabel(node, locale)}
          </Link>{" "}
          <span className="badge">
            {t((node.unionType ? `unionType.${node.unionType}` : `orgKind.${node.kind}`) as MessageKey)}
          </span>
          {node.children.length > 0 ? <Branch nodes={node.children} /> : null}
        </li>
      ))}
    </ul>
  );
}

export default function OrgTreePage() {
  const { t } = useI18n();
  const { tree } = useLoaderData<typeof loader>();
  return (
    <div className="mx-auto max-w-3xl">
      <p className="mb-2 text-sm">
        <Link to="/admin" className="link">
          {t("admin.title")}
        </Link>
      </p>
      <h1 className="page-title">{t("admin.orgs.title")}</h1>
      <p className="mb-4 text-sm text-gray-600">{t("admin.orgs.intro")}</p>
      <TableScroll label={t("admin.orgs.title")} className="card">
        <Branch nodes={tree} />
      </TableScroll>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
