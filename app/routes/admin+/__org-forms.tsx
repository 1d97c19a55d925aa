// The organisation page's three forms (edit, add a child, move), each a Conform form posting an
// `intent` to the route's action. Works without JavaScript.
import { getFormProps, getInputProps, useForm, type SubmissionResult } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { Form } from "@remix-run/react";
import type { z } from "zod";
import { Field, FormMessage, selectProps } from "~/components/forms";
import { UNION_TYPES, type OrgKind } from "~/domain/admin/constants";
import { CreateSchema, MoveSchema, OrgFieldsSchema } from "~/domain/admin/org-schema";
import type { MessageKey } from "~/i18n";
import { useI18n } from "~/utils/i18n";
import { orgLabel } from "./__shared";

type LastResult = SubmissionResult<string[]> | undefined;

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
      <Field
        label={t("admin.orgs.code")}
        htmlFor={fields.code.id}
        errors={fields.code.errors}
        hint={t("admin.orgs.codeHint")}
      >
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

type EditedOrg = {
  id: string;
  kind: OrgKind;
  unionType: string | null;
  name: string;
  nameEn: string | null;
  code: string | null;
  address: string | null;
  foundedAt: string;
};

export function EditOrgForm({ org, lastResult, saved }: { org: EditedOrg; lastResult: LastResult; saved: boolean }) {
  const { t } = useI18n();
  const [form, fields] = useForm<z.input<typeof OrgFieldsSchema>>({
    id: `org-edit-${org.id}`,
    lastResult,
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
  return (
    <section className="card mb-4" aria-labelledby="edit-title">
      <h2 id="edit-title" className="mb-3 font-semibold">
        {t("admin.orgs.edit")}
      </h2>
      {saved ? <FormMessage message={t("admin.orgs.updated")} /> : null}
      <Form method="post" {...getFormProps(form)}>
        <input type="hidden" name="intent" value="update" />
        <OrgFields fields={fields} showUnionType={org.kind === "union"} />
        <button type="submit" className="btn-primary">
          {t("common.save")}
        </button>
      </Form>
    </section>
  );
}

type ChildProps = { orgId: string; childKinds: OrgKind[]; lastResult: LastResult; createdName: string | null };

export function ChildOrgForm({ orgId, childKinds, lastResult, createdName }: ChildProps) {
  const { t } = useI18n();
  const [form, fields] = useForm<z.input<typeof CreateSchema>>({
    id: `org-create-${orgId}`,
    lastResult,
    constraint: getZodConstraint(CreateSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: CreateSchema }),
    shouldRevalidate: "onBlur",
  });
  return (
    <section className="card mb-4" aria-labelledby="create-title">
      <h2 id="create-title" className="mb-3 font-semibold">
        {t("admin.orgs.addChild")}
      </h2>
      {createdName !== null ? <FormMessage message={t("admin.orgs.created", { name: createdName })} /> : null}
      <Form method="post" {...getFormProps(form)}>
        <input type="hidden" name="intent" value="create" />
        <Field label={t("admin.orgs.kind")} htmlFor={fields.kind.id} errors={fields.kind.errors}>
          <select className="input" {...selectProps(fields.kind)}>
            {childKinds.map((k) => (
              <option key={k} value={k}>
                {t(`orgKind.${k}` as MessageKey)}
              </option>
            ))}
          </select>
        </Field>
        <OrgFields fields={fields as unknown as OrgFieldset} showUnionType={childKinds.includes("union")} />
        <button type="submit" className="btn-primary">
          {t("admin.orgs.createSubmit")}
        </button>
      </Form>
    </section>
  );
}

type MoveTarget = { id: string; name: string; nameEn: string | null };
type MoveProps = { orgId: string; moveTargets: MoveTarget[]; lastResult: LastResult; moved: boolean };

export function MoveOrgForm({ orgId, moveTargets, lastResult, moved }: MoveProps) {
  const { t, locale } = useI18n();
  const [form, fields] = useForm({
    id: `org-move-${orgId}`,
    lastResult,
    constraint: getZodConstraint(MoveSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: MoveSchema }),
  });
  return (
    <section className="card mb-4" aria-labelledby="move-title">
      <h2 id="move-title" className="mb-1 font-semibold">
        {t("admin.orgs.move")}
      </h2>
      <p className="mb-3 text-sm text-gray-600">{t("admin.orgs.moveHint")}</p>
      {moved ? <FormMessage message={t("admin.orgs.moved")} /> : null}
      {moveTargets.length === 0 ? (
        <p className="text-sm text-gray-600">{t("admin.orgs.noMoveTargets")}</p>
      ) : (
        <Form method="post" {...getFormProps(form)}>
          <input type="hidden" name="intent" value="move" />
          <Field label={t("admin.orgs.moveTo")} htmlFor={fields.parentId.id} errors={fields.parentId.errors}>
            <select className="input" {...selectProps(fields.parentId)}>
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
  );
}
