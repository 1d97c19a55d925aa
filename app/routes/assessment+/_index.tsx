import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { FormMessage } from "~/components/forms";
import { SUBMISSION_STATUSES } from "~/domain/assessment/constants";
import { buildOverview } from "~/domain/assessment/overview.server";
import { attempt, type Reply } from "~/domain/assessment/reply.server";
import { ownUnions, requireAssessmentUser, reviewedUnionsWhere } from "~/domain/assessment/scope.server";
import { startSubmission } from "~/domain/assessment/submissions.server";
import type { MessageKey } from "~/i18n";
import { prisma } from "~/utils/db.server";
import { forbidden } from "~/utils/http.server";
import { useI18n } from "~/utils/i18n";
import { getLocale, getT } from "~/utils/i18n.server";
import { formatDateTime, formatPercent } from "~/utils/time";
import { idField } from "~/utils/validation";
import { overviewCounties, pickRound } from "./__overview.server";
import { pageMeta } from "~/utils/meta";
import { TableScroll } from "~/components/table-scroll";
import { localName } from "~/utils/org-name";

export const meta = pageMeta<typeof loader>("assessment.title", "page.assessment.description");

export async function loader({ request }: LoaderFunctionArgs) {
  const { scope } = await requireAssessmentUser(request);
  const isReviewer = scope.reviewPaths.length > 0;
  const mine = await ownUnions(scope);
  if (!isReviewer && !mine.length && !scope.groupIds.length) forbidden();
  const url = new URL(request.url);
  const { rounds, round } = await pickRound(url);
  const counties = isReviewer ? overviewCounties(scope, url) : [];
  const status = SUBMISSION_STATUSES.find((s) => s === url.searchParams.get("status")) ?? null;
  const subs = round
    ? await prisma.assessmentSubmission.findMany({
        where: { roundId: round.id, unionId: { in: mine.map((u) => u.id) } },
        select: { id: true, unionId: true, status: true },
      })
    : [];
  // The queue: a reviewer's unions (by county), or an inspection group's targets.
  const targets =
    round && scope.groupIds.length
      ? await prisma.inspectionTarget.findMany({
          where: { roundId: round.id, groupId: { in: scope.groupIds } },
          select: { orgId: true },
        })
      : [];
  const queueWhere = isReviewer
    ? { union: reviewedUnionsWhere(scope), ...(counties ? { countyId: { in: counties } } : {}) }
    : { OR: [{ unionId: { in: targets.map((x) => x.orgId) } }, { countyId: { in: targets.map((x) => x.orgId) } }] };
  const queue =
    round && (isReviewer || targets.length)
      ? await prisma.assessmentSubmission.findMany({
          where: {
            roundId: round.id,
            ...queueWhere,
            ...(status && status !== "not_started" ? { status } : { status: { not: "draft" } }),
          },
          select: {
            id: true,
            status: true,
            grade: true,
            level: true,
            submittedAt: true,
            union: { select: { name: true } },
          },
          orderBy: [{ status: "asc" }, { submittedAt: "asc" }],
          take: 100,
        })
      : [];
  const countyOptions = isReviewer
    ? await prisma.organisation.findMany({
        where: { kind: { in: ["county", "zone"] }, ...(scope.counties ? { id: { in: scope.counties } } : {}) },
        select: { id: true, name: true, nameEn: true },
        orderBy: [{ kind: "asc" }, { code: "asc" }],
      })
    : [];
  const tables = round && isReviewer ? await buildOverview(round.id, counties, getT(request), getLocale(request)) : [];
  return {
    rounds: rounds.map((r) => ({ id: r.id, name: r.name, status: r.status })),
    round: round
      ? { id: round.id, name: round.name, status: round.status, deadline: round.deadline.toISOString() }
      : null,
    mine: mine.map((u) => ({ id: u.id, name: u.name, submission: subs.find((s) => s.unionId === u.id) ?? null })),
    queue: queue.map((q) => ({ ...q, submittedAt: q.submittedAt?.toISOString() ?? null })),
    isReviewer,
    isCity: scope.isCity,
    countyOptions,
    county: url.searchParams.get("county") ?? "",
    status: status ?? "",
    tables,
  };
}

const StartSchema = z.object({ unionId: idField, roundId: idField });

export async function action({ request }: ActionFunctionArgs) {
  const { scope } = await requireAssessmentUser(request);
  const submission = parseWithZod(await request.formData(), { schema: StartSchema });
  if (submission.status !== "success") forbidden();
  const { unionId, roundId } = submission.value;
  if (!(await ownUnions(scope)).some((u) => u.id === unionId)) forbidden();
  const t = getT(request);
  const r = await attempt(t, () => startSubmission(roundId, unionId));
  if ("refused" in r) return r.refused;
  throw redirect(`/assessment/submissions/${r.value}`);
}

function Bars({ rows }: { rows: (string | number | null)[][] }) {
  const max = Math.max(1, ...rows.map((r) => Number(r[1] ?? 0)));
  return (
    <ul className="mb-2 space-y-1 text-sm" aria-hidden="true">
      {rows.map((r) => (
        <li key={String(r[0])} className="flex items-center gap-2">
          <span className="w-24 shrink-0 truncate">{r[0]}</span>
          <span className="h-3 rounded bg-brand-500" style={{ width: `${(Number(r[1] ?? 0) / max) * 60}%` }} />
          <span>{r[1]}</span>
        </li>
      ))}
    </ul>
  );
}

export default function AssessmentHome() {
  const d = useLoaderData<typeof loader>();
  const reply = useActionData<Reply>();
  const { t, locale } = useI18n();
  const cell = (v: string | number | null, kind: string) =>
    v === null ? "—" : kind === "percent" ? formatPercent(Number(v), locale) : String(v);
  const exportQuery = (table: string, format: string) =>
    `/assessment/export?round=${d.round?.id ?? ""}&table=${table}&format=${format}${d.county ? `&county=${d.county}` : ""}`;
  return (
    <div className="mx-auto max-w-5xl">
      <h1 className="page-title">{t("assessment.title")}</h1>
      <p className="mb-3 text-sm text-gray-600">{t("assessment.intro")}</p>
      {reply?.message ? <FormMessage tone="error" message={reply.message} /> : null}
      <Form method="get" className="card mb-4 flex flex-wrap items-end gap-2">
        <div className="min-w-0 flex-1">
          <label className="label" htmlFor="round">
            {t("assessment.round")}
          </label>
          <select id="round" name="round" className="input" defaultValue={d.round?.id}>
            {d.rounds.map((r) => (
              <option key={r.id} value={r.id}>
                {t("assessment.roundOption", {
                  name: r.name,
                  status: t(`assessment.roundStatus.${r.status}` as MessageKey),
                })}
              </option>
            ))}
          </select>
        </div>
        {d.isReviewer ? (
          <>
            <div className="min-w-0 flex-1">
              <label className="label" htmlFor="county">
                {t("assessment.filterCounty")}
              </label>
              <select id="county" name="county" className="input" defaultValue={d.county}>
                {d.countyOptions.length > 1 ? <option value="">{t("assessment.allCounties")}</option> : null}
                {d.countyOptions.map((c) => (
                  <option key={c.id} value={c.id}>
                    {localName(c, locale)}
                  </option>
                ))}
              </select>
            </div>
            <div className="min-w-0 flex-1">
              <label className="label" htmlFor="status">
                {t("assessment.filterStatus")}
              </label>
              <select id="status" name="status" className="input" defaultValue={d.status}>
                <option value="">{t("assessment.allStatuses")}</option>
                {["submitted", "returned", "reviewed", "confirmed"].map((s) => (
                  <option key={s} value={s}>
                    {t(`assessment.status.${s}` as MessageKey)}
                  </option>
                ))}
              </select>
            </div>
          </>
        ) : null}
        <button type="submit" className="btn-secondary">
          {t("assessment.apply")}
        </button>
      </Form>
      {!d.round ? (
        <p className="card">{t("assessment.noRound")}</p>
      ) : (
        <p className="mb-3 text-sm">{t("assessment.deadline", { date: formatDateTime(d.round.deadline, locale) })}</p>
      )}
      <p className="mb-4 flex flex-wrap gap-3 text-sm">
        {d.isReviewer ? (
          <Link className="link" to={`/assessment/excellent${d.round ? `?round=${d.round.id}` : ""}`}>
            {t("assessment.excellentLink")}
          </Link>
        ) : null}
        {d.isCity ? (
          <Link className="link" to="/assessment/rounds">
            {t("assessment.manage")}
          </Link>
        ) : null}
        <Link className="link" to="/excellent">
          {t("assessment.excellent.publicLink")}
        </Link>
      </p>

      {d.mine.length && d.round ? (
        <section className="mb-6">
          <h2 className="mb-2 text-lg font-semibold">{t("assessment.mine")}</h2>
          <ul className="space-y-2">
            {d.mine.map((u) => (
              <li key={u.id} className="card flex flex-wrap items-center justify-between gap-2">
                <span className="break-words">{u.name}</span>
                <span className="badge">
                  {t(`assessment.status.${u.submission?.status ?? "not_started"}` as MessageKey)}
                </span>
                {u.submission ? (
                  <Link className="btn-primary" to={`/assessment/submissions/${u.submission.id}`}>
                    {t("assessment.open")}
                  </Link>
                ) : d.round?.status === "open" ? (
                  <Form method="post">
                    <input type="hidden" name="unionId" value={u.id} />
                    <input type="hidden" name="roundId" value={d.round.id} />
                    <button type="submit" className="btn-primary">
                      {t("assessment.start")}
                    </button>
                  </Form>
                ) : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {d.isReviewer || d.queue.length ? (
        <section className="mb-6">
          <h2 className="mb-2 text-lg font-semibold">{t("assessment.queue")}</h2>
          {d.queue.length === 0 ? <p className="card text-sm">{t("assessment.queueEmpty")}</p> : null}
          <ul className="space-y-2">
            {d.queue.map((q) => (
              <li key={q.id} className="card flex flex-wrap items-center justify-between gap-2 text-sm">
                <Link className="link break-words" to={`/assessment/submissions/${q.id}`}>
                  {q.union.name}
                </Link>
                <span className="badge">{t(`assessment.status.${q.status}` as MessageKey)}</span>
                {q.grade ? (
                  <span>{`${t(`assessment.grade.${q.grade}` as MessageKey)} · ${t(`assessment.level.${q.level ?? "none"}` as MessageKey)}`}</span>
                ) : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {d.tables.length ? (
        <section>
          <h2 className="mb-2 text-lg font-semibold">{t("assessment.overview.title")}</h2>
          {d.tables.map((table) => (
            <div key={table.id} className="card mb-4" data-testid={`table-${table.id}`}>
              <h3 className="mb-2 font-semibold">{table.title}</h3>
              {table.id === "grades" || table.id === "levels" ? <Bars rows={table.rows} /> : null}
              {table.rows.length === 0 ? (
                <p className="text-sm text-gray-600">{t("assessment.overview.none")}</p>
              ) : (
                <TableScroll label={table.title}>
                  <table className="w-full text-sm">
                    <thead>
                      <tr>
                        {table.columns.map((c) => (
                          <th key={c.label} className="px-1 text-left">
                            {c.label}
                          </th>
                        ))}
                      </tr>
                    </thead>
                    <tbody>
                      {table.rows.map((row, i) => (
                        <tr key={i} className="border-t">
                          {row.map((v, j) => (
                            <td key={j} className="px-1 align-top break-words">
                              {cell(v, table.columns[j].kind)}
                            </td>
                          ))}
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </TableScroll>
              )}
              <p className="mt-2 text-xs">
                {t("assessment.export")}{" "}
                <a className="link" href={exportQuery(table.id, "csv")}>
                  CSV
                </a>{" "}
                ·{" "}
                <a className="link" href={exportQuery(table.id, "xlsx")}>
                  XLSX
                </a>
              </p>
            </div>
          ))}
        </section>
      ) : null}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
