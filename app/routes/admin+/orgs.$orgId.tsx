import type { SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import type { z } from "zod";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { CHILD_KINDS, ORG_KINDS, type OrgKind } from "~/domain/admin/constants";
import { CreateSchema, MoveSchema, OrgFieldsSchema } from "~/domain/admin/org-schema";
import { createChildOrg, moveOrg, updateOrg } from "~/domain/admin/orgs.server";
import type { MessageKey } from "~/i18n";
import { prisma } from "~/utils/db.server";
import { limitEcho } from "~/utils/form-reply.server";
import { badRequest, forbidden, notFound } from "~/utils/http.server";
import { useI18n } from "~/utils/i18n";
import { catchRule, ruleErrors } from "~/utils/rule-error.server";
import { hasRoleFor, orgInScope, requireRole, scopePaths } from "~/utils/permissions.server";
import { parseCalendarDate, toCalendarDateKey } from "~/utils/time";
import { ChildOrgForm, EditOrgForm, MoveOrgForm } from "./__org-forms";
import { orgLabel } from "./__shared";
import { pageMeta } from "~/utils/meta";

export const meta = pageMeta<typeof loader>("page.adminOrg.title", "page.adminOrg.description", (d) => d.org.name);

function fieldsFrom(v: z.infer<typeof OrgFieldsSchema>) {
  return {
    name: v.name,
    nameEn: v.nameEn || null,
    code: v.code || null,
    address: v.address || null,
    unionType: v.unionType ?? null,
    foundedAt: v.foundedAt ? parseCalendarDate(v.foundedAt) : null,
  };
}

/** The organisation, if the signed-in admin's remit covers it (403 otherwise). */
async function requireOrgAdmin(request: Request, orgId: string) {
  const user = await requireRole(request, "admin");
  const org = await prisma.organisation.findUnique({ where: { id: orgId } });
  if (!org) notFound();
  if (!(await hasRoleFor(user.id, "admin", org.id))) forbidden();
  return { user, org };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, org } = await requireOrgAdmin(request, params.orgId ?? "");
  const paths = await scopePaths(user.id, "admin");
  const ancestorIds = org.path.split("/").filter((id) => id && id !== org.id);
  const [ancestors, children, candidates] = await Promise.all([
    prisma.organisation.findMany({
      where: { id: { in: ancestorIds } },
      select: { id: true, name: true, nameEn: true, path: true },
    }),
    prisma.organisation.findMany({
      where: { parentId: org.id },
      select: { id: true, name: true, nameEn: true, kind: true, unionType: true },
      orderBy: [{ kind: "asc" }, { name: "asc" }],
    }),
    // Possible new parents: inside the remit, not in this org's own subtree, of a kind that can hold it.
    prisma.organisation.findMany({
      where: {
        AND: [orgInScope(paths), { NOT: { path: { startsWith: org.path } } }],
        kind: { in: ORG_KINDS.filter((k) => CHILD_KINDS[k].includes(org.kind as OrgKind)) },
        id: { not: org.parentId ?? "" },
      },
      select: { id: true, name: true, nameEn: true },
      orderBy: [{ kind: "asc" }, { code: "asc" }, { name: "asc" }],
    }),
  ]);
  ancestors.sort((a, b) => a.path.length - b.path.length);
  return {
    org: {
      id: org.id,
      kind: org.kind as OrgKind,
      unionType: org.unionType,
      name: org.name,
      nameEn: org.nameEn,
      code: org.code,
      address: org.address,
      foundedAt: org.foundedAt ? toCalendarDateKey(org.foundedAt) : "",
    },
    ancestors: ancestors.map(({ id, name, nameEn }) => ({ id, name, nameEn })),
    children,
    moveTargets: candidates,
    childKinds: CHILD_KINDS[org.kind as OrgKind] ?? [],
  };
}

type Intent = "update" | "create" | "move";
const reply = (
  intent: Intent,
  result: SubmissionResult<string[]>,
  status = 200,
  extra: { createdName?: string } = {},
) => data({ intent, result, ...extra }, { status });

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, org } = await requireOrgAdmin(request, params.orgId ?? "");
  const formData = await request.formData();
  const intent = formData.get("intent");

  if (intent === "update") {
    const submission = parseWithZod(formData, { schema: OrgFieldsSchema });
    if (submission.status !== "success") return reply(intent, limitEcho(OrgFieldsSchema, submission.reply()), 400);
    const result = await catchRule(() => updateOrg(user.id, org.id, fieldsFrom(submission.value)));
    if (!result.ok)
      return reply(intent, limitEcho(OrgFieldsSchema, submission.reply(ruleErrors(result.error))), result.error.status);
    return reply(intent, limitEcho(OrgFieldsSchema, submission.reply({ resetForm: false })));
  }

  if (intent === "create") {
    const submission = parseWithZod(formData, { schema: CreateSchema });
    if (submission.status !== "success") return reply(intent, limitEcho(CreateSchema, submission.reply()), 400);
    const { kind, ...fields } = submission.value;
    const result = await catchRule(() => createChildOrg(user.id, org.id, kind, fieldsFrom(fields)));
    if (!result.ok)
      return reply(intent, limitEcho(CreateSchema, submission.reply(ruleErrors(result.error))), result.error.status);
    return reply(intent, limitEcho(CreateSchema, submission.reply({ resetForm: true })), 200, {
      createdName: fields.name,
    });
  }

  if (intent === "move") {
    const submission = parseWithZod(formData, { schema: MoveSchema });
    if (submission.status !== "success") return reply(intent, limitEcho(MoveSchema, submission.reply()), 400);
    const target = await prisma.organisation.findUnique({
      where: { id: submission.value.parentId },
      select: { id: true },
    });
    if (!target)
      return reply(
        intent,
        limitEcho(MoveSchema, submission.reply({ fieldErrors: { parentId: ["validation.invalidChoice"] } })),
        400,
      );
    // The admin must hold the remit over the destination too, not only over what moves.
    if (!(await hasRoleFor(user.id, "admin", target.id))) forbidden();
    const result = await catchRule(() => moveOrg(user.id, org.id, target.id));
    if (!result.ok)
      return reply(intent, limitEcho(MoveSchema, submission.reply(ruleErrors(result.error))), result.error.status);
    return reply(intent, limitEcho(MoveSchema, submission.reply({ resetForm: true })));
  }
  badRequest("Unknown intent");
}

export default function OrgPage() {
  const { t, locale } = useI18n();
  const { org, ancestors, children, moveTargets, childKinds } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const resultFor = (intent: Intent) => (actionData?.intent === intent ? actionData.result : undefined);
  // A successful reply carries no status (only failures say "error").
  const succeeded = (intent: Intent) => actionData?.intent === intent && actionData.result.status !== "error";
  const createdName =
    succeeded("create") && actionData && "createdName" in actionData ? String(actionData.createdName) : null;

  return (
    <div className="mx-auto max-w-3xl">
      <nav className="mb-2 flex flex-wrap gap-1 text-sm" aria-label={t("admin.orgs.parent")}>
        <Link to="/admin/orgs" className="link">
          {t("admin.orgs.title")}
        </Link>
        {ancestors.map((a) => (
          <span key={a.id}>
            {" / "}
            <Link to={`/admin/orgs/${a.id}`} className="link">
              {orgLabel(a, locale)}
            </Link>
          </span>
        ))}
      </nav>
      <h1 className="page-title break-words">{orgLabel(org, locale)}</h1>
      <p className="mb-4">
        <span className="badge">{t(`orgKind.${org.kind}` as MessageKey)}</span>{" "}
        {org.unionType ? <span className="badge">{t(`unionType.${org.unionType}` as MessageKey)}</span> : null}
      </p>

      <section className="card mb-4">
        <h2 className="mb-2 font-semibold">{t("admin.orgs.children")}</h2>
        {children.length === 0 ? (
          <p className="text-sm text-gray-600">{t("admin.orgs.noChildren")}</p>
        ) : (
          <ul className="space-y-1">
            {children.map((c) => (
              <li key={c.id}>
                <Link to={`/admin/orgs/${c.id}`} className="link">
                  {orgLabel(c, locale)}
                </Link>{" "}
                <span className="badge">
                  {t((c.unionType ? `unionType.${c.unionType}` : `orgKind.${c.kind}`) as MessageKey)}
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>

      <EditOrgForm org={org} lastResult={resultFor("update")} saved={succeeded("update")} />
      {childKinds.length > 0 ? (
        <ChildOrgForm
          orgId={org.id}
          childKinds={childKinds}
          lastResult={resultFor("create")}
          createdName={createdName}
        />
      ) : null}
      {org.kind !== "city" ? (
        <MoveOrgForm
          orgId={org.id}
          moveTargets={moveTargets}
          lastResult={resultFor("move")}
          moved={succeeded("move")}
        />
      ) : null}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
