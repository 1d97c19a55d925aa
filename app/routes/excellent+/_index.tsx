import type { LoaderFunctionArgs } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { publicExcellent } from "~/domain/assessment/excellent.server";
import { prisma } from "~/utils/db.server";
import { useI18n } from "~/utils/i18n";
import { pageMeta } from "~/utils/meta";

export const meta = pageMeta<typeof loader>("page.excellent.title", "page.excellent.description");

// Public: the excellent unions (优秀工会) of a year, by county; no sign-in needed.
export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const years = (
    await prisma.assessmentRound.findMany({
      where: { excellent: { some: { status: "confirmed" } } },
      select: { year: true },
      distinct: ["year"],
      orderBy: { year: "desc" },
    })
  ).map((r) => r.year);
  const asked = Number(url.searchParams.get("year"));
  const year = years.includes(asked) ? asked : (years[0] ?? new Date().getFullYear());
  const counties = await prisma.organisation.findMany({
    where: { kind: { in: ["county", "zone"] } },
    select: { id: true, name: true, nameEn: true },
    orderBy: [{ kind: "asc" }, { code: "asc" }],
  });
  const county = counties.find((c) => c.id === url.searchParams.get("county"))?.id ?? null;
  const rows = await publicExcellent(year, county);
  return { year, years, county: county ?? "", counties, rows };
}

export default function ExcellentPublic() {
  const { year, years, county, counties, rows } = useLoaderData<typeof loader>();
  const { t, locale } = useI18n();
  const groups = new Map<string, typeof rows>();
  for (const r of rows) {
    const name = (locale === "en" && r.union.county?.nameEn) || r.union.county?.name || "—";
    groups.set(name, [...(groups.get(name) ?? []), r]);
  }
  return (
    <div className="mx-auto max-w-3xl">
      <h1 className="page-title">{t("assessment.excellent.publicTitle", { year })}</h1>
      <p className="mb-3 text-sm text-gray-600">{t("assessment.excellent.publicIntro")}</p>
      <Form method="get" className="card mb-4 flex flex-wrap items-end gap-2">
        <div className="min-w-0 flex-1">
          <label className="label" htmlFor="year">
            {t("assessment.excellent.year")}
          </label>
          <select id="year" name="year" className="input" defaultValue={year}>
            {(years.length ? years : [year]).map((y) => (
              <option key={y} value={y}>
                {y}
              </option>
            ))}
          </select>
        </div>
        <div className="min-w-0 flex-1">
          <label className="label" htmlFor="county">
            {t("assessment.filterCounty")}
          </label>
          <select id="county" name="county" className="input" defaultValue={county}>
            <option value="">{t("assessment.allCounties")}</option>
            {counties.map((c) => (
              <option key={c.id} value={c.id}>
                {locale === "en" && c.nameEn ? c.nameEn : c.name}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="btn-secondary">
          {t("assessment.apply")}
        </button>
      </Form>
      {rows.length === 0 ? <p className="card">{t("assessment.excellent.empty")}</p> : null}
      {[...groups].map(([name, list]) => (
        <section key={name} className="card mb-4">
          <h2 className="mb-2 text-lg font-semibold">{name}</h2>
          <ul className="space-y-2 text-sm">
            {list.map((r) => (
              <li key={r.id}>
                <p className="font-medium break-words">{r.union.name}</p>
                <p className="break-words text-gray-600">{r.reason}</p>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
