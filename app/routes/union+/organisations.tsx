import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ErrorList, Field, FormMessage, IdNameOptions } from "~/components/forms";
import { coverEnterprises, registerUnion, uncoveredEnterprises } from "~/domain/membership/organisations.server";
import { INDUSTRIES, UNION_TYPES } from "~/domain/membership/validators";
import type { MessageKey } from "~/i18n";
import { prisma } from "~/utils/db.server";
import { useI18n } from "~/utils/i18n";
import { orgInScope, requireRole, scopePaths } from "~/utils/permissions.server";
import { formatCalendarDate, formatNumber, parseCalendarDate, parseLocalDate, toLocalDateKey } from "~/utils/time";
import { pageMeta } from "~/utils/meta";
import { TableScroll } from "~/components/table-scroll";

export const meta = pageMeta<typeof loader>("membership.org.title", "page.organisations.description");

async function scopeOf(userId: string) {
  const paths = await scopePaths(userId, "union_staff");
  const inScope = orgInScope(paths);
  // Parents a new union may hang under: the county federations (and zones) in scope.
  const counties = await prisma.organisation.findMany({
    where: { kind: { in: ["county", "zone"] }, ...inScope },
    select: { id: true, name: true, countyId: true },
    orderBy: [{ kind: "asc" }, { code: "asc" }],
  });
  return { inScope, counties };
}

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, "union_staff");
  const { inScope, counties } = await scopeOf(user.id);
  const requested = new URL(request.url).searchParams.get("county");
  const county = counties.find((c) => c.id === requested) ?? counties[0] ?? null;
  const yearStart = parseLocalDate(`${toLocalDateKey().slice(0, 4)}-01-01`)!;
  const [gaps, gapCount, unions, recent] = await Promise.all([
    county ? uncoveredEnterprises(county.id) : [],
    county ? prisma.enterprise.count({ where: { countyId: county.id, unionId: null } }) : 0,
    county
      ? prisma.organisation.findMany({
          where: { kind: "union", countyId: county.id, ...inScope },
          select: { id: true, name: true },
          orderBy: { name: "asc" },
          take: 500,
        })
      : [],
    prisma.organisation.findMany({
      where: {
        kind: "union",
        ...inScope,
        OR: [{ foundedAt: { gte: yearStart } }, { foundedAt: null, createdAt: { gte: yearStart } }],
      },
      select: { id: true, name: true, unionType: true, foundedAt: true, _count: { select: { enterprises: true } } },
      orderBy: { foundedAt: "desc" },
      take: 50,
    }),
  ]);
  return {
    counties: counties.map((c) => ({ id: c.id, name: c.name })),
    county: county ? { id: county.id, name: county.name } : null,
    gaps,
    gapCount,
    unions,
    recent: recent.map((r) => ({ ...r, foundedAt: r.foundedAt?.toISOString() ?? null, covers: r._count.enterprises })),
  };
}

const ids = z.preprocess((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]), z.array(z.string()));
const Schema = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("register"),
    name: z
      .string({ required_error: "validation.required" })
      .trim()
      .min(2, "validation.required")
      .max(100, "validation.tooLong"),
    unionType: z.enum(UNION_TYPES, { required_error: "validation.required", message: "validation.invalidChoice" }),
    industry: z.enum(INDUSTRIES, { message: "validation.invalidChoice" }).optional(),
    foundedAt: z
      .string({ required_error: "validation.required" })
      .refine((v) => parseCalendarDate(v) !== null && parseCalendarDate(v)! <= new Date(), "validation.invalidDate"),
    parentId: z.string({ required_error: "validation.required" }),
    enterpriseIds: ids,
  }),
  z.object({
    intent: z.literal("cover"),
    unionId: z.string({ required_error: "membership.org.unionRequired" }),
    enterpriseIds: ids.refine((v) => v.length > 0, "membership.org.enterpriseRequired"),
  }),
]);

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireRole(request, "union_staff");
  const submission = parseWithZod(await request.formData(), { schema: Schema });
  if (submission.status !== "success")
    return data({ errors: submission.reply().error ?? {}, message: null }, { status: 400 });
  const v = submission.value;
  const { inScope } = await scopeOf(user.id);
  if (v.intent === "register") {
    const parent = await prisma.organisation.findFirst({
      where: { id: v.parentId, kind: { in: ["county", "zone"] }, ...inScope },
      select: { id: true },
    });
    if (!parent) return data({ errors: { parentId: ["validation.invalidChoice"] }, message: null }, { status: 403 });
    const { union, covered } = await registerUnion(
      {
        name: v.name,
        unionType: v.unionType,
        industry: v.industry ?? null,
        foundedAt: parseCalendarDate(v.foundedAt)!,
        parentId: parent.id,
        enterpriseIds: v.enterpriseIds,
      },
      user.id,
    );
    return { errors: {}, message: { key: "membership.org.created", params: { name: union.name, count: covered } } };
  }
  const union = await prisma.organisation.findFirst({
    where: { id: v.unionId, kind: "union", ...inScope },
    select: { id: true },
  });
  if (!union) return data({ errors: { unionId: ["membership.org.unionRequired"] }, message: null }, { status: 403 });
  const result = await coverEnterprises(union.id, v.enterpriseIds, user.id);
  return {
    errors: {},
    message: { key: "membership.org.covered", params: { name: result.union.name, count: result.covered } },
  };
}

export default function Organisations() {
  const d = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  const { t, locale } = useI18n();
  const errors = (actionData?.errors ?? {}) as Record<string, string[] | undefined>;
  const choose = <option value="">{t("membership.apply.choose")}</option>;
  return (
    <div>
      <h1 className="page-title">{t("membership.org.title")}</h1>
      {actionData?.message ? (
        <FormMessage
          message={t(
            actionData.message.key as MessageKey,
            actionData.message.params as Record<string, string | number>,
          )}
        />
      ) : null}
      <Form method="get" className="mb-4 flex flex-wrap items-end gap-2">
        <div>
          <label className="label" htmlFor="county">
            {t("membership.org.county")}
          </label>
          <select id="county" name="county" className="input" defaultValue={d.county?.id ?? ""}>
            <IdNameOptions items={d.counties} />
          </select>
        </div>
        <button type="submit" className="btn-secondary">
          {t("common.filter")}
        </button>
      </Form>

      <Form method="post" className="space-y-4">
        <section className="card" aria-labelledby="gaps">
          <h2 id="gaps" className="mb-1 font-semibold">
            {t("membership.org.gaps")}
          </h2>
          {d.gaps.length === 0 ? (
            <p className="text-sm text-gray-600">{t("membership.org.noGaps")}</p>
          ) : (
            <>
              <p className="mb-2 text-sm text-gray-600">
                {t("membership.org.gapsHint", { county: d.county?.name ?? "", count: d.gapCount })}
              </p>
              <TableScroll label={t("membership.org.gaps")}>
                <table className="data-table" data-testid="gaps">
                  <thead>
                    <tr>
                      <th>
                        <span className="sr-only">{t("membership.org.covers")}</span>
                      </th>
                      <th>{t("membership.apply.enterpriseName")}</th>
                      <th>{t("membership.apply.industry")}</th>
                      <th className="text-right">{t("membership.org.workers")}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {d.gaps.map((e) => (
                      <tr key={e.id}>
                        <td>
                          <input
                            type="checkbox"
                            name="enterpriseIds"
                            value={e.id}
                            id={`e-${e.id}`}
                            aria-label={e.name}
                          />
                        </td>
                        <td>
                          <label htmlFor={`e-${e.id}`}>{e.name}</label>
                          <div className="font-mono text-xs text-gray-500">{e.creditCode}</div>
                        </td>
                        <td>{t(`membership.industry.${e.industry}` as MessageKey)}</td>
                        <td className="text-right tabular-nums">{formatNumber(e.workerCount, locale)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </TableScroll>
              <ErrorList errors={errors.enterpriseIds} />
            </>
          )}
        </section>

        <section className="card" aria-labelledby="register">
          <h2 id="register" className="mb-2 font-semibold">
            {t("membership.org.register")}
          </h2>
          <p className="mb-2 text-sm text-gray-600">{t("membership.org.coversHint")}</p>
          <Field label={t("membership.org.name")} htmlFor="name" errors={errors.name}>
            <input id="name" name="name" className="input" maxLength={100} />
          </Field>
          <Field label={t("membership.org.type")} htmlFor="unionType" errors={errors.unionType}>
            <select id="unionType" name="unionType" className="input" defaultValue="">
              {choose}
              {UNION_TYPES.map((u) => (
                <option key={u} value={u}>
                  {t(`unionType.${u}` as MessageKey)}
                </option>
              ))}
            </select>
          </Field>
          <Field label={t("membership.org.industry")} htmlFor="industry" errors={errors.industry}>
            <select id="industry" name="industry" className="input" defaultValue="">
              {choose}
              {INDUSTRIES.map((i) => (
                <option key={i} value={i}>
                  {t(`membership.industry.${i}` as MessageKey)}
                </option>
              ))}
            </select>
          </Field>
          <Field label={t("membership.org.foundedAt")} htmlFor="foundedAt" errors={errors.foundedAt}>
            <input id="foundedAt" name="foundedAt" type="date" className="input" />
          </Field>
          <Field label={t("membership.org.parent")} htmlFor="parentId" errors={errors.parentId}>
            <select id="parentId" name="parentId" className="input" defaultValue={d.county?.id ?? ""}>
              <IdNameOptions items={d.counties} />
            </select>
          </Field>
          <button type="submit" name="intent" value="register" className="btn-primary w-full" disabled={busy}>
            {t("membership.org.register")}
          </button>
        </section>

        <section className="card" aria-labelledby="cover">
          <h2 id="cover" className="mb-2 font-semibold">
            {t("membership.org.coverExisting")}
          </h2>
          <Field label={t("membership.review.union")} htmlFor="unionId" errors={errors.unionId}>
            <select id="unionId" name="unionId" className="input" defaultValue="">
              {choose}
              <IdNameOptions items={d.unions} />
            </select>
          </Field>
          <button type="submit" name="intent" value="cover" className="btn-secondary w-full" disabled={busy}>
            {t("membership.org.coverSubmit")}
          </button>
        </section>
      </Form>

      <section className="card mt-4" aria-labelledby="recent">
        <h2 id="recent" className="mb-2 font-semibold">
          {t("membership.org.recent")}
        </h2>
        {d.recent.length === 0 ? (
          <p className="text-sm text-gray-600">{t("common.noData")}</p>
        ) : (
          <ul className="space-y-1 text-sm">
            {d.recent.map((u) => (
              <li key={u.id}>
                {u.name} · {t(`unionType.${u.unionType ?? "committee"}` as MessageKey)}
                {u.foundedAt ? ` · ${formatCalendarDate(u.foundedAt, locale)}` : ""} · {t("membership.org.covers")}{" "}
                {u.covers}
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
