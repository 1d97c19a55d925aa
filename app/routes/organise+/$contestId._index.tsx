import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { OrganiserTabs, useCategoryLabel } from "~/components/contests";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { contestDashboard } from "~/domain/contests/dashboard.server";
import type { MessageKey } from "~/i18n";
import { prisma } from "~/utils/db.server";
import { badRequest } from "~/utils/http.server";
import { useI18n } from "~/utils/i18n";
import { requireContestOrganiser } from "~/utils/permissions.server";
import { formatDateTime, formatPercent, formatYuan } from "~/utils/time";
import { pageMeta } from "~/utils/meta";
import { TableScroll } from "~/components/table-scroll";
import { orgName } from "~/utils/org-name";

export const meta = pageMeta<typeof loader>(
  "page.organiseContest.title",
  "page.organiseContest.description",
  (d) => d.contest.title,
);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { contestId } = await requireContestOrganiser(request, params.contestId ?? "");
  const [contest, stats, entries] = await Promise.all([
    prisma.contest.findUniqueOrThrow({
      where: { id: contestId },
      select: { id: true, title: true, kind: true, status: true, org: { select: { name: true, nameEn: true } } },
    }),
    contestDashboard(contestId),
    prisma.entry.findMany({
      where: { contestId, status: { not: "draft" } },
      select: {
        id: true,
        title: true,
        category: true,
        status: true,
        submittedAt: true,
        problem: true,
        solution: true,
        benefit: true,
        estimatedSaving: true,
        authors: { where: { status: "accepted" }, select: { name: true }, orderBy: { position: "asc" } },
        enterprise: { select: { name: true } },
        attachments: { select: { fileId: true, file: { select: { name: true } } }, orderBy: { position: "asc" } },
      },
      orderBy: { submittedAt: "desc" },
      take: 300,
    }),
  ]);
  return { contest, stats, entries };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { contestId } = await requireContestOrganiser(request, params.contestId ?? "");
  const submission = parseWithZod(await request.formData(), { schema: z.object({ intent: z.literal("publish") }) });
  if (submission.status !== "success") badRequest();
  await prisma.contest.updateMany({ where: { id: contestId, status: "draft" }, data: { status: "published" } });
  return { published: true };
}

function Counts({ title, rows }: { title: string; rows: { label: string; n: number }[] }) {
  return (
    <section className="card">
      <h2 className="mb-2 font-semibold">{title}</h2>
      <ul className="text-sm">
        {rows.map((r) => (
          <li key={r.label} className="flex justify-between gap-2 border-b border-gray-100 py-1 last:border-0">
            <span>{r.label}</span>
            <span className="font-mono">{r.n}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}

export default function ContestDashboard() {
  const { contest, stats, entries } = useLoaderData<typeof loader>();
  const { t, locale } = useI18n();
  const cat = useCategoryLabel();
  return (
    <div>
      <h1 className="page-title">{contest.title}</h1>
      <p className="mb-2 text-sm text-gray-600">
        {orgName(contest.org, locale)} · {t(`contests.contestStatus.${contest.status}` as MessageKey)}
      </p>
      <OrganiserTabs contestId={contest.id} kind={contest.kind} />
      {contest.status === "draft" ? (
        <Form method="post" className="mb-4">
          <input type="hidden" name="intent" value="publish" />
          <button className="btn-primary" type="submit">
            {t("contests.org.publishContest")}
          </button>
        </Form>
      ) : null}
      <p className="mb-4 font-semibold">{t("contests.org.total", { n: stats.total, w: stats.withdrawn })}</p>
      <div className="mb-4 grid grid-cols-2 gap-3 sm:grid-cols-4">
        <div className="card">
          <p className="text-xs text-gray-500">{t("contests.org.migrants")}</p>
          <p className="text-xl font-semibold">{stats.migrants}</p>
          <p className="mt-1 text-xs text-gray-600">{t("dash.contest.def.migrants")}</p>
        </div>
        <div className="card">
          <p className="text-xs text-gray-500">{t("contests.org.nonMembers")}</p>
          <p className="text-xl font-semibold">{stats.nonMembers}</p>
          <p className="mt-1 text-xs text-gray-600">{t("dash.contest.def.nonMembers")}</p>
        </div>
        <div className="card">
          <p className="text-xs text-gray-500">{t("contests.org.adoptionRate")}</p>
          <p className="text-xl font-semibold">
            {stats.adoptionRate === null ? "—" : formatPercent(stats.adoptionRate, locale)}
          </p>
          <p className="mt-1 text-xs text-gray-600">{t("dash.contest.def.adoptionRate")}</p>
        </div>
        <div className="card">
          <p className="text-xs text-gray-500">{t("contests.org.verifiedBenefit")}</p>
          <p className="text-xl font-semibold">{formatYuan(stats.verifiedBenefit, locale)}</p>
          <p className="mt-1 text-xs text-gray-600">{t("dash.contest.def.verifiedBenefit")}</p>
        </div>
      </div>
      <div className="grid gap-3 sm:grid-cols-3">
        <Counts title={t("contests.org.byCategory")} rows={stats.byCategory.map(([k, n]) => ({ label: cat(k), n }))} />
        <Counts
          title={t("contests.org.byStatus")}
          rows={stats.byStatus.map(([k, n]) => ({ label: t(`contests.status.${k}` as MessageKey), n }))}
        />
        <Counts
          title={t("contests.org.byOrg")}
          rows={stats.byOrg.map((r) => ({ label: r.name ?? t("contests.org.unknownOrg"), n: r.n }))}
        />
      </div>
      {stats.progress.length ? (
        <section className="mt-4">
          <h2 className="mb-2 font-semibold">{t("contests.org.progress")}</h2>
          <TableScroll label={t("contests.org.progress")}>
            <table className="data-table">
              <thead>
                <tr>
                  <th>{t("contests.org.judge")}</th>
                  <th>{t("contests.org.assigned")}</th>
                  <th>{t("contests.org.done")}</th>
                  <th>{t("contests.org.conflicts")}</th>
                </tr>
              </thead>
              <tbody>
                {stats.progress.map((p) => (
                  <tr key={p.judgeId}>
                    <td>{p.name}</td>
                    <td>{p.assigned}</td>
                    <td>{p.submitted}</td>
                    <td>{p.conflicts}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        </section>
      ) : null}
      <section className="mt-4">
        <h2 className="mb-2 font-semibold">{t("contests.org.entriesList")}</h2>
        <ul className="space-y-2">
          {entries.map((e) => (
            <li key={e.id} className="card text-sm">
              <details>
                <summary className="cursor-pointer">
                  <span className="font-medium">{e.title}</span>{" "}
                  <span className="text-gray-600">
                    · {cat(e.category)} · {t(`contests.status.${e.status}` as MessageKey)}
                  </span>
                  <span className="block text-xs text-gray-500">
                    {e.authors.map((a) => a.name).join(t("common.listSeparator"))}
                    {e.enterprise ? ` · ${e.enterprise.name}` : ""}
                    {e.submittedAt ? ` · ${formatDateTime(e.submittedAt, locale)}` : ""}
                  </span>
                </summary>
                <div className="mt-2 space-y-1">
                  <p className="whitespace-pre-line">{e.problem}</p>
                  <p className="whitespace-pre-line">{e.solution}</p>
                  <p className="whitespace-pre-line">{e.benefit}</p>
                  {e.estimatedSaving !== null ? (
                    <p>
                      {t("contests.entry.estimatedSaving")}: {formatYuan(e.estimatedSaving, locale)}
                    </p>
                  ) : null}
                  {e.attachments.map((a) => (
                    <a key={a.fileId} className="link block" href={`/files/${a.fileId}`}>
                      {a.file.name}
                    </a>
                  ))}
                </div>
              </details>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
