import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useCategoryLabel } from "~/components/contests";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { FormMessage } from "~/components/forms";
import { ACTIVE_ENTRY } from "~/domain/contests/constants";
import { contestPhase } from "~/domain/contests/contests.server";
import type { MessageKey } from "~/i18n";
import { requireUser } from "~/utils/auth.server";
import { prisma } from "~/utils/db.server";
import { useI18n } from "~/utils/i18n";
import { formatDateTime } from "~/utils/time";
import { pageMeta } from "~/utils/meta";

export const meta = pageMeta<typeof loader>("contests.judge.title", "page.judging.description");

// Judges see only their own assignments, and only fields that cannot identify authors.
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const assignments = await prisma.assignment.findMany({
    where: { judgeId: user.id, entry: { status: ACTIVE_ENTRY } },
    select: {
      status: true,
      entry: { select: { id: true, title: true, category: true } },
      contest: {
        select: {
          id: true,
          title: true,
          submissionOpensAt: true,
          submissionClosesAt: true,
          judgingOpensAt: true,
          judgingClosesAt: true,
        },
      },
    },
    orderBy: [{ contestId: "asc" }, { createdAt: "asc" }],
  });
  const contests = new Map<
    string,
    {
      id: string;
      title: string;
      phase: string;
      judgingClosesAt: Date;
      items: { entryId: string; title: string; category: string; status: string }[];
    }
  >();
  for (const a of assignments) {
    const c = contests.get(a.contest.id) ?? {
      id: a.contest.id,
      title: a.contest.title,
      phase: contestPhase(a.contest),
      judgingClosesAt: a.contest.judgingClosesAt,
      items: [],
    };
    c.items.push({ entryId: a.entry.id, title: a.entry.title, category: a.entry.category, status: a.status });
    contests.set(a.contest.id, c);
  }
  return { contests: [...contests.values()], declared: new URL(request.url).searchParams.has("declared") };
}

export default function JudgingIndex() {
  const { contests, declared } = useLoaderData<typeof loader>();
  const { t, locale } = useI18n();
  const cat = useCategoryLabel();
  return (
    <div>
      <h1 className="page-title">{t("contests.judge.title")}</h1>
      {declared ? <FormMessage message={t("contests.judge.declared")} /> : null}
      {contests.length === 0 ? <p>{t("contests.judge.none")}</p> : null}
      {contests.map((c) => (
        <section key={c.id} className="mb-6">
          <h2 className="font-semibold">{c.title}</h2>
          <p className="mb-2 text-sm text-gray-600">
            {t(`contests.phase.${c.phase}` as MessageKey)} · {formatDateTime(c.judgingClosesAt, locale)} ·{" "}
            {t("contests.judge.progress", {
              done: c.items.filter((i) => i.status !== "assigned").length,
              total: c.items.length,
            })}
          </p>
          <ul className="space-y-2">
            {c.items.map((i) => (
              <li key={i.entryId} className="card flex flex-wrap items-center justify-between gap-2">
                {i.status === "conflict" ? (
                  // A declared conflict closes the entry to this judge: no link to it.
                  <span className="font-medium text-gray-600">{i.title}</span>
                ) : (
                  <Link to={`/judging/${c.id}/${i.entryId}`} className="font-medium text-brand-700 hover:underline">
                    {i.title}
                  </Link>
                )}
                <span className="text-sm text-gray-600">
                  {cat(i.category)} ·{" "}
                  <span className="badge">{t(`contests.assignmentStatus.${i.status}` as MessageKey)}</span>
                </span>
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
