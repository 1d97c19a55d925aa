import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Field, FormMessage, selectProps } from "~/components/forms";
import { grantRoleAudited, revokeRoleAudited } from "~/domain/admin/roles.server";
import type { MessageKey } from "~/i18n";
import { isMessageKey } from "~/i18n/translate";
import { prisma } from "~/utils/db.server";
import { limitEcho } from "~/utils/form-reply.server";
import { badRequest, forbidden, notFound } from "~/utils/http.server";
import { useI18n } from "~/utils/i18n";
import { catchRule, ruleErrors } from "~/utils/rule-error.server";
import { GRANTABLE_ROLES } from "~/domain/admin/constants";
import { hasRoleFor, orgInScope, requireUserInAdminScope, scopePaths } from "~/utils/permissions.server";
import { formatDate, formatDateTime } from "~/utils/time";
import { idField } from "~/utils/validation";
import { orgLabel } from "./__shared";
import { pageMeta } from "~/utils/meta";

export const meta = pageMeta<typeof loader>("page.adminUser.title", "page.adminUser.description", (d) => d.user.name);

const GrantSchema = z.object({
  role: z.enum(GRANTABLE_ROLES, {
    required_error: "validation.required",
    invalid_type_error: "validation.invalidChoice",
  }),
  orgId: z.string({ required_error: "validation.required" }),
});

// Only users in the admin's remit (usersInAdminScope); anyone else is a 404, on reads and changes.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { admin, userId } = await requireUserInAdminScope(request, params.userId ?? "");
  const paths = await scopePaths(admin.id, "admin");
  const user = await prisma.user.findUnique({
    where: { id: userId },
    select: {
      id: true,
      name: true,
      phone: true,
      email: true,
      createdAt: true,
      isMigrant: true,
      county: { select: { name: true, nameEn: true } },
      employer: { select: { name: true } },
      employerName: true,
      membership: { select: { number: true, union: { select: { name: true, nameEn: true } } } },
      roles: {
        select: {
          id: true,
          role: true,
          createdAt: true,
          org: { select: { id: true, name: true, nameEn: true, path: true } },
          grantedBy: { select: { name: true } },
        },
        orderBy: { createdAt: "asc" },
      },
    },
  });
  if (!user) notFound();
  const [orgs, history] = await Promise.all([
    prisma.organisation.findMany({
      where: orgInScope(paths),
      select: { id: true, name: true, nameEn: true, path: true },
      orderBy: [{ path: "asc" }],
    }),
    prisma.auditLog.findMany({
      where: { subjectUserId: user.id, entity: "RoleGrant", action: { in: ["role.grant", "role.revoke"] } },
      orderBy: { createdAt: "desc" },
      take: 20,
      select: {
        id: true,
        action: true,
        before: true,
        after: true,
        orgId: true,
        createdAt: true,
        actor: { select: { name: true } },
      },
    }),
  ]);
  const orgNames = new Map(orgs.map((o) => [o.id, o]));
  const inScope = (path: string) => paths.some((p) => path.startsWith(p));
  return {
    user: {
      ...user,
      roles: user.roles.map((r) => ({ ...r, canRevoke: inScope(r.org.path) })),
    },
    orgs: orgs.map((o) => ({ id: o.id, name: o.name, nameEn: o.nameEn, depth: o.path.split("/").length - 3 })),
    history: history.map((h) => {
      const detail = JSON.parse(h.after ?? h.before ?? "{}") as { role?: string };
      const org = h.orgId ? orgNames.get(h.orgId) : undefined;
      return {
        id: h.id,
        action: h.action,
        role: detail.role ?? "",
        org: org ? { name: org.name, nameEn: org.nameEn } : null,
        actor: h.actor?.name ?? "—",
        createdAt: h.createdAt.toISOString(),
      };
    }),
  };
}

const UserIntent = z.discriminatedUnion("intent", [
  GrantSchema.extend({ intent: z.literal("grant") }),
  z.object({ intent: z.literal("revoke"), grantId: idField }),
]);

export async function action({ request, params }: ActionFunctionArgs) {
  const { admin, userId } = await requireUserInAdminScope(request, params.userId ?? "");
  const user = { id: userId };
  const submission = parseWithZod(await request.formData(), { schema: UserIntent });
  if (submission.status !== "success") {
    if (submission.payload.intent === "grant")
      return data({ intent: "grant" as const, result: limitEcho(GrantSchema, submission.reply()) }, { status: 400 });
    if (submission.payload.intent === "revoke") notFound();
    badRequest("Unknown intent");
  }
  const input = submission.value;

  if (input.intent === "grant") {
    const { intent } = input;
    const org = await prisma.organisation.findUnique({ where: { id: input.orgId }, select: { id: true } });
    if (!org)
      return data(
        {
          intent,
          result: limitEcho(GrantSchema, submission.reply({ fieldErrors: { orgId: ["validation.invalidChoice"] } })),
        },
        { status: 400 },
      );
    if (!(await hasRoleFor(admin.id, "admin", org.id))) forbidden();
    const result = await catchRule(() => grantRoleAudited(admin.id, user.id, input.role, org.id));
    if (!result.ok)
      return data(
        { intent, result: limitEcho(GrantSchema, submission.reply(ruleErrors(result.error))) },
        { status: result.error.status },
      );
    return { intent, result: limitEcho(GrantSchema, submission.reply({ resetForm: true })) };
  }

  const { intent } = input;
  // Ownership in the where: the grant must belong to this user.
  const grant = await prisma.roleGrant.findFirst({
    where: { id: input.grantId, userId: user.id },
    select: { id: true, orgId: true },
  });
  if (!grant) notFound();
  if (!(await hasRoleFor(admin.id, "admin", grant.orgId))) forbidden();
  const result = await catchRule(() => revokeRoleAudited(admin.id, grant.id));
  if (!result.ok) return data({ intent, result: null, error: result.error.key }, { status: result.error.status });
  return { intent, result: null };
}

export default function AdminUserPage() {
  const { t, locale } = useI18n();
  const { user, orgs, history } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm({
    id: `grant-${user.id}`,
    lastResult: actionData?.intent === "grant" ? actionData.result : undefined,
    constraint: getZodConstraint(GrantSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: GrantSchema }),
  });
  const revokeError =
    actionData && "error" in actionData && isMessageKey(String(actionData.error))
      ? t(actionData.error as MessageKey)
      : null;
  // A successful reply carries no status (only failures say "error").
  const granted = actionData?.intent === "grant" && actionData.result != null && actionData.result.status !== "error";
  const revoked = actionData?.intent === "revoke" && !revokeError;
  return (
    <div className="mx-auto max-w-3xl">
      <p className="mb-2 text-sm">
        <Link to="/admin/users" className="link">
          {t("admin.users.title")}
        </Link>
      </p>
      <h1 className="page-title">{user.name}</h1>
      <dl className="card mb-4 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
        <dt className="text-gray-600">{t("admin.users.phone")}</dt>
        <dd>{user.phone ?? "—"}</dd>
        <dt className="text-gray-600">{t("admin.users.email")}</dt>
        <dd className="break-all">{user.email ?? "—"}</dd>
        <dt className="text-gray-600">{t("admin.users.county")}</dt>
        <dd>{user.county ? orgLabel(user.county, locale) : "—"}</dd>
        <dt className="text-gray-600">{t("auth.profile.employer")}</dt>
        <dd>{user.employer?.name ?? user.employerName ?? "—"}</dd>
        <dt className="text-gray-600">{t("auth.profile.migrant")}</dt>
        <dd>{t(user.isMigrant ? "common.yes" : "common.no")}</dd>
        <dt className="text-gray-600">{t("auth.profile.membership")}</dt>
        <dd>
          {user.membership
            ? t("auth.profile.memberOf", {
                union: orgLabel(user.membership.union, locale),
                number: user.membership.number,
              })
            : t("auth.profile.notMember")}
        </dd>
        <dt className="text-gray-600">{t("admin.users.registeredAt")}</dt>
        <dd>{formatDate(user.createdAt, locale)}</dd>
      </dl>

      <section className="card mb-4" aria-labelledby="roles-title">
        <h2 id="roles-title" className="mb-2 font-semibold">
          {t("admin.users.roles")}
        </h2>
        {granted ? <FormMessage message={t("admin.users.granted")} /> : null}
        {revoked ? <FormMessage message={t("admin.users.revoked")} /> : null}
        {revokeError ? <FormMessage tone="error" message={revokeError} /> : null}
        {user.roles.length === 0 ? (
          <p className="text-sm text-gray-600">{t("admin.users.noRoles")}</p>
        ) : (
          <ul className="divide-y divide-gray-100">
            {user.roles.map((r) => (
              <li key={r.id} className="flex flex-wrap items-center justify-between gap-2 py-2">
                <span>
                  <span className="font-medium">{t(`role.${r.role}` as MessageKey)}</span> · {orgLabel(r.org, locale)}
                  {r.grantedBy ? (
                    <span className="block text-xs text-gray-500">
                      {t("admin.users.grantedBy")}: {r.grantedBy.name}
                    </span>
                  ) : null}
                </span>
                {r.canRevoke ? (
                  <Form method="post">
                    <input type="hidden" name="intent" value="revoke" />
                    <input type="hidden" name="grantId" value={r.id} />
                    <button type="submit" className="btn-danger">
                      {t("admin.users.revoke")}
                    </button>
                  </Form>
                ) : (
                  <span className="text-xs text-gray-500">{t("admin.users.outOfScope")}</span>
                )}
              </li>
            ))}
          </ul>
        )}
      </section>

      <section className="card mb-4" aria-labelledby="grant-title">
        <h2 id="grant-title" className="mb-3 font-semibold">
          {t("admin.users.grant")}
        </h2>
        <Form method="post" {...getFormProps(form)}>
          <input type="hidden" name="intent" value="grant" />
          {form.errors?.length ? (
            <p role="alert" className="field-error mb-3">
              {form.errors.map((e) => (isMessageKey(e) ? t(e) : e)).join(" ")}
            </p>
          ) : null}
          <Field label={t("admin.users.role")} htmlFor={fields.role.id} errors={fields.role.errors}>
            <select className="input" {...selectProps(fields.role)}>
              {GRANTABLE_ROLES.map((role) => (
                <option key={role} value={role}>
                  {t(`role.${role}` as MessageKey)}
                </option>
              ))}
            </select>
          </Field>
          <Field label={t("admin.users.org")} htmlFor={fields.orgId.id} errors={fields.orgId.errors}>
            <select className="input" {...selectProps(fields.orgId)}>
              {orgs.map((o) => (
                <option key={o.id} value={o.id}>
                  {"\u3000".repeat(Math.max(0, o.depth))}
                  {orgLabel(o, locale)}
                </option>
              ))}
            </select>
          </Field>
          <button type="submit" className="btn-primary">
            {t("admin.users.grantSubmit")}
          </button>
        </Form>
      </section>

      {history.length > 0 ? (
        <section className="card" aria-labelledby="history-title">
          <h2 id="history-title" className="mb-2 font-semibold">
            {t("admin.users.history")}
          </h2>
          <ul className="space-y-1 text-sm">
            {history.map((h) => (
              <li key={h.id}>
                <time className="text-gray-500" dateTime={h.createdAt}>
                  {formatDateTime(h.createdAt, locale)}
                </time>{" "}
                {t(h.action === "role.grant" ? "admin.audit.role.grant" : "admin.audit.role.revoke", {
                  actor: h.actor,
                  role: isMessageKey(`role.${h.role}`) ? t(`role.${h.role}` as MessageKey) : h.role,
                  org: h.org ? orgLabel(h.org, locale) : "—",
                })}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
