import { getFormProps, getInputProps, useForm, type SubmissionResult } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Field, FormMessage, selectProps } from "~/components/forms";
import { CHILD_KINDS, ORG_KINDS, UNION_TYPES, type OrgKind } from "~/domain/admin/constants";
import { createChildOrg, moveOrg, updateOrg } from "~/domain/admin/orgs.server";
import type { MessageKey } from "~/i18n";
import { prisma } from "~/utils/db.server";
import { limitEcho } from "~/utils/form-reply.server";
import { badRequest, forbidden, notFound } from "~/utils/http.server";
import { useI18n } from "~/utils/i18n";
import { hasRoleFor, orgInScope, requireRole, scopePaths } from "~/utils/permissions.server";
import { parseLocalDate, toLocalDateKey } from "~/utils/time";
import { requiredText } from "~/utils/validation";
import { orgLabel } from "./__shared";

const optionalText = (max: number) => z.string().trim().max(max, "validation.tooLong").optional();

const OrgFieldsSchema = z.object({
  name: requiredText(100),
  nameEn: optionalText(200),
  code: z.string().trim().max(30, "validation.tooLong").regex(/^[A-Za-z0-9-]+$/, "admin.orgs.error.badCode").optional(),
  address: optionalText(200),
  unionType: z.enum(UNION_TYPES, { errorMap: () => ({ message: "validation.invalidChoice" }) }).optional(),
  foundedAt: z
    .string()
    .optional()
    .refine((v) => !v || parseLocalDate(v) !== null, "validation.invalidDate"),
});

const CreateSchema = OrgFieldsSchema.extend({
  kind: z.enum(ORG_KINDS, { required_error: "validation.required", invalid_type_error: "validation.invalidChoice" }),
}).superRefine((v, ctx) => {
  if (v.kind === "union" && !v.unionType) ctx.addIssue({ code: "custom", path: ["unionType"], message: "admin.orgs.error.unionTypeRequired" });
});

const MoveSchema = z.object({ parentId: z.string({ required_error: "validation.required" }) });

function fieldsFrom(v: z.infer<typeof OrgFieldsSchema>) {
  return {
    name: v.name,
    nameEn: v.nameEn || null,
    code: v.code || null,
    address: v.address || null,
    unionType: v.unionType ?? null,
    foundedAt: v.foundedAt ? parseLocalDate(v.foundedAt) : null,
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
    prisma.organisation.findMany({ where: { id: { in: ancestorIds } }, select: { id: true, name: true, nameEn: true, path: true } }),
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
      foundedAt: org.foundedAt ? toLocalDateKey(org.foundedAt) : "",
    },
    ancestors: ancestors.map(({ id, name, nameEn }) => ({ id, name, nameEn })),
    children,
    moveTargets: candidates,
    childKinds: CHILD_KINDS[org.kind as OrgKind] ?? [],
  };
}

type Intent = "update" | "create" | "move";
const reply = (intent: Intent, result: SubmissionResult<string[]>, status = 200, extra: { createdName?: string } = {}) =>
  data({ intent, result, ...extra }, { status });

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, org } = await requireOrgAdmin(request, params.orgId ?? "");
  const formData = await request.formData();
  const intent = formData.get("intent");

  if (intent === "update") {
    const submission = parseWithZod(formData, { schema: OrgFieldsSchema });
    if (submission.status !== "success") return reply(intent, limitEcho(OrgFieldsSchema, submission.reply()), 400);
    const result = await updateOrg(user.id, org.id, fieldsFrom(submission.value));
    if ("error" in result) return reply(intent, limitEcho(OrgFieldsSchema, submission.reply({ fieldErrors: { code: [result.error] } })), 400);
    return reply(intent, limitEcho(OrgFieldsSchema, submission.reply({ resetForm: false })));
  }

  if (intent === "create") {
    const submission = parseWithZod(formData, { schema: CreateSchema });
    if (submission.status !== "success") return reply(intent, limitEcho(CreateSchema, submission.reply()), 400);
    const { kind, ...fields } = submission.value;
    const result = await createChildOrg(user.id, org.id, kind, fieldsFrom(fields));
    if ("error" in result) {
      const field = result.error === "admin.orgs.error.codeTaken" ? "code" : "kind";
      return reply(intent, limitEcho(CreateSchema, submission.reply({ fieldErrors: { [field]: [result.error] } })), 400);
    }
    return reply(intent, limitEcho(CreateSchema, submission.reply({ resetForm: true })), 200, { createdName: fields.name });
  }

  if (intent === "move") {
    const submission = parseWithZod(formData, { schema: MoveSchema });
    if (submission.status !== "success") return reply(intent, limitEcho(MoveSchema, submission.reply()), 400);
    const target = await prisma.organisation.findUnique({ where: { id: submission.value.parentId }, select: { id: true } });
    if (!target) return reply(intent, limitEcho(MoveSchema, submission.reply({ fieldErrors: { parentId: ["validation.invalidChoice"] } })), 400);
    // The admin must hold the remit over the destination too, not only over what moves.
    if (!(await hasRoleFor(user.id, "admin", target.id))) forbidden();
    const result = await moveOrg(user.id, org.id, target.id);
    if ("error" in result) return reply(intent, limitEcho(MoveSchema, submission.reply({ fieldErrors: { parentId: [result.error] } })), 400);
    return reply(intent, limitEcho(MoveSchema, submission.reply({ resetForm: true })));
  }
  badRequest("Unknown intent");
}

type OrgFieldset = ReturnType<typeof useForm<z.input<typeof OrgFieldsSchema>>>[1];

function OrgFields({ fields, showUnionType }: { fields: OrgFieldset; showUnionType: boolean }) {
  const { t } = useI18n();
  return (
    <>
      <Field label={t("admin.orgs.name")} htmlFor={fields.name.id} errors={fields.name.errors}>
        <input className="input" {...getInputProps(fields.name, { type: "text" })} />
      </Field>
      <Field label={t("admin.orgs.nameEn")} htmlFor={fields.nameEn.id} errors={fields.nameEn.errors}>
        <input className="input" lang="en" {...getInputProps(fields.nameEn, { type: "text" })} />
      </Field>
      <Field label={t("admin.orgs.code")} htmlFor={fields.code.id} errors={fields.code.errors} hint={t("admin.orgs.codeHint")}>
        <input className="input" {...getInputProps(fields.code, { type: "text" })} />
      </Field>
      {showUnionType ? (
        <Field label={t("admin.orgs.unionType")} htmlFor={fields.unionType.id} errors={fields.unionType.errors}>
          <select className="input" {...selectProps(fields.unionType)}>
            <option value="">—</option>
            {UNION_TYPES.map((u) => (
              <option key={u} value={u}>
                {t(`unionType.${u}` as MessageKey)}
              </option>
            ))}
          </select>
        </Field>
      ) : null}
      <Field label={t("admin.orgs.address")} htmlFor={fields.address.id} errors={fields.address.errors}>
        <input className="input" {...getInputProps(fields.address, { type: "text" })} />
      </Field>
      <Field label={t("admin.orgs.foundedAt")} htmlFor={fields.foundedAt.id} errors={fields.foundedAt.errors}>
        <input className="input" {...getInputProps(fields.foundedAt, { type: "date" })} />
      </Field>
    </>
  );
}

export default function OrgPage() {
  const { t, locale } = useI18n();
  const { org, ancestors, children, moveTargets, childKinds } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const resultFor = (intent: Intent) => (actionData?.intent === intent ? actionData.result : undefined);

  const [editForm, editFields] = useForm<z.input<typeof OrgFieldsSchema>>({
    id: `org-edit-${org.id}`,
    lastResult: resultFor("update"),
    constraint: getZodConstraint(OrgFieldsSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: OrgFieldsSchema }),
    shouldRevalidate: "onBlur",
    defaultValue: {
      name: org.name,
      nameEn: org.nameEn ?? "",
      code: org.code ?? "",
      address: org.address ?? "",
      unionType: (org.unionType ?? undefined) as never,
      foundedAt: org.foundedAt,
    },
  });
  const [createForm, createFields] = useForm<z.input<typeof CreateSchema>>({
    id: `org-create-${org.id}`,
    lastResult: resultFor("create"),
    constraint: getZodConstraint(CreateSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: CreateSchema }),
    shouldRevalidate: "onBlur",
  });
  const [moveForm, moveFields] = useForm({
    id: `org-move-${org.id}`,
    lastResult: resultFor("move"),
    constraint: getZodConstraint(MoveSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: MoveSchema }),
  });
  // A successful reply carries no status (only failures say "error").
  const succeeded = (intent: Intent) => actionData?.intent === intent && actionData.result.status !== "error";

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
                <span className="badge">{t((c.unionType ? `unionType.${c.unionType}` : `orgKind.${c.kind}`) as MessageKey)}</span>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section className="card mb-4" aria-labelledby="edit-title">
        <h2 id="edit-title" className="mb-3 font-semibold">
          {t("admin.orgs.edit")}
        </h2>
        {succeeded("update") ? <FormMessage message={t("admin.orgs.updated")} /> : null}
        <Form method="post" {...getFormProps(editForm)}>
          <input type="hidden" name="intent" value="update" />
          <OrgFields fields={editFields} showUnionType={org.kind === "union"} />
          <button type="submit" className="btn-primary">
            {t("common.save")}
          </button>
        </Form>
      </section>

      {childKinds.length > 0 ? (
        <section className="card mb-4" aria-labelledby="create-title">
          <h2 id="create-title" className="mb-3 font-semibold">
            {t("admin.orgs.addChild")}
          </h2>
          {succeeded("create") && actionData && "createdName" in actionData ? (
            <FormMessage message={t("admin.orgs.created", { name: String(actionData.createdName) })} />
          ) : null}
          <Form method="post" {...getFormProps(createForm)}>
            <input type="hidden" name="intent" value="create" />
            <Field label={t("admin.orgs.kind")} htmlFor={createFields.kind.id} errors={createFields.kind.errors}>
              <select className="input" {...selectProps(createFields.kind)}>
                {childKinds.map((k) => (
                  <option key={k} value={k}>
                    {t(`orgKind.${k}` as MessageKey)}
                  </option>
                ))}
              </select>
            </Field>
            <OrgFields fields={createFields as unknown as OrgFieldset} showUnionType={childKinds.includes("union")} />
            <button type="submit" className="btn-primary">
              {t("admin.orgs.createSubmit")}
            </button>
          </Form>
        </section>
      ) : null}

      {org.kind !== "city" ? (
        <section className="card mb-4" aria-labelledby="move-title">
          <h2 id="move-title" className="mb-1 font-semibold">
            {t("admin.orgs.move")}
          </h2>
          <p className="mb-3 text-sm text-gray-600">{t("admin.orgs.moveHint")}</p>
          {succeeded("move") ? <FormMessage message={t("admin.orgs.moved")} /> : null}
          {moveTargets.length === 0 ? (
            <p className="text-sm text-gray-600">{t("admin.orgs.noMoveTargets")}</p>
          ) : (
            <Form method="post" {...getFormProps(moveForm)}>
              <input type="hidden" name="intent" value="move" />
              <Field label={t("admin.orgs.moveTo")} htmlFor={moveFields.parentId.id} errors={moveFields.parentId.errors}>
                <select className="input" {...selectProps(moveFields.parentId)}>
                  {moveTargets.map((o) => (
                    <option key={o.id} value={o.id}>
                      {orgLabel(o, locale)}
                    </option>
                  ))}
                </select>
              </Field>
              <button type="submit" className="btn-secondary">
                {t("admin.orgs.moveSubmit")}
              </button>
            </Form>
          )}
        </section>
      ) : null}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
