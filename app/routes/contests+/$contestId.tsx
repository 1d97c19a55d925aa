import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { ActionError, StatusBadge, useCategoryLabel } from "~/components/contests";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ACTIVE_ENTRY } from "~/domain/contests/constants";
import { contestPhase, isEligible } from "~/domain/contests/contests.server";
import { supportIdea } from "~/domain/contests/entries.server";
import { loadResults } from "~/domain/contests/results.server";
import type { MessageKey } from "~/i18n";
import { getUserId, requireUser } from "~/utils/auth.server";
import { prisma } from "~/utils/db.server";
import { badRequest, notFound } from "~/utils/http.server";
import { useI18n } from "~/utils/i18n";
import { hasRoleFor } from "~/utils/permissions.server";
import { parseStringList } from "~/utils/string-list";
import { formatDateTime, formatNumber } from "~/utils/time";
import { ruleResult } from "~/utils/rule-error.server";
import { idField } from "~/utils/validation";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const userId = await getUserId(request);
  const contest = await prisma.contest.findUnique({
    where: { id: params.contestId ?? "" },
    select: {
      id: true,
      kind: true,
      title: true,
      description: true,
      categories: true,
      eligibility: true,
      status: true,
      orgId: true,
      blindReview: true,
      submissionOpensAt: true,
      submissionClosesAt: true,
      judgingOpensAt: true,
      judgingClosesAt: true,
      resultsAt: true,
      org: { select: { name: true } },
      criteria: { select: { id: true, name: true, maxPoints: true, weight: true }, orderBy: { position: "asc" } },
      tiers: { select: { id: true, name: true, count: true }, orderBy: { position: "asc" } },
    },
  });
  if (!contest) notFound();
  const isOrganiser = userId ? await hasRoleFor(userId, "contest_organiser", contest.orgId) : false;
  if (contest.status === "draft" && !isOrganiser) notFound();
  const phase = contestPhase(contest);
  const [mine, eligible, membership] = userId
    ? await Promise.all([
        prisma.entry.findMany({
          where: { contestId: contest.id, OR: [{ submittedById: userId }, { authors: { some: { userId } } }] },
          select: { id: true, title: true, status: true },
        }),
        isEligible(userId, contest),
        prisma.membership.findUnique({ where: { userId }, select: { id: true } }),
      ])
    : [[], false, null];
  const ideas =
    contest.kind === "golden_idea"
      ? await prisma.entry.findMany({
          where: { contestId: contest.id, status: ACTIVE_ENTRY },
          select: {
            id: true,
            title: true,
            category: true,
            status: true,
            supportCount: true,
            submittedById: true,
            supports: userId ? { where: { userId }, select: { userId: true } } : false,
          },
          orderBy: [{ supportCount: "desc" }, { submittedAt: "asc" }],
          take: 100,
        })
      : [];
  let winners: {
    id: string;
    title: string;
    category: string;
    tier: string | null;
    score: number | null;
    rank: number | null;
    authors: string[];
    org: string | null;
  }[] = [];
  if (contest.status === "results_published" && contest.kind === "five_small") {
    const { results } = await loadResults(contest.id);
    const awarded = await prisma.entry.findMany({
      where: { contestId: contest.id, awardTierId: { not: null } },
      select: {
        id: true,
        title: true,
        category: true,
        awardTier: { select: { name: true, position: true } },
        authors: { select: { name: true }, orderBy: { position: "asc" } },
        enterprise: { select: { name: true } },
      },
    });
    const byId = new Map(results.map((r) => [r.entryId, r]));
    winners = awarded
      .map((e) => ({
        id: e.id,
        title: e.title,
        category: e.category,
        tier: e.awardTier?.name ?? null,
        tierPos: e.awardTier?.position ?? 99,
        score: byId.get(e.id)?.score ?? null,
        rank: byId.get(e.id)?.rank ?? null,
        authors: e.authors.map((a) => a.name),
        org: e.enterprise?.name ?? null,
      }))
      .sort((a, b) => a.category.localeCompare(b.category) || a.tierPos - b.tierPos || (a.rank ?? 0) - (b.rank ?? 0));
  }
  return {
    contest: { ...contest, categories: parseStringList(contest.categories) },
    phase,
    signedIn: Boolean(userId),
    isOrganiser,
    eligible,
    showJoin: Boolean(userId) && !membership,
    mine,
    ideas: ideas.map((i) => ({
      id: i.id,
      title: i.title,
      category: i.category,
      status: i.status,
      supportCount: i.supportCount,
      own: i.submittedById === userId,
      supported: Array.isArray(i.supports) && i.supports.length > 0,
    })),
    winners,
  };
}

const SupportSchema = z.object({ intent: z.literal("support"), entryId: idField });

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const submission = parseWithZod(await request.formData(), { schema: SupportSchema });
  if (submission.status !== "success") badRequest();
  const { entryId } = submission.value;
  const result = await ruleResult(() => supportIdea(params.contestId ?? "", entryId, user.id));
  if (!result.ok) return result.response;
  return { error: null, fieldErrors: {} };
}

export default function ContestPage() {
  const { contest, phase, signedIn, eligible, showJoin, mine, ideas, winners, isOrganiser } =
    useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t, locale } = useI18n();
  const cat = useCategoryLabel();
  const golden = contest.kind === "golden_idea";
  return (
    <div className="space-y-4">
      <div>
        <span className="badge">{t(`contests.kind.${contest.kind}` as MessageKey)}</span>{" "}
        <span className="badge">{t(`contests.phase.${phase}` as MessageKey)}</span>
        <h1 className="page-title mt-2">{contest.title}</h1>
        <p className="text-sm text-gray-600">
          {t("contests.organiser")}: {contest.org.name}
          {isOrganiser ? (
            <>
              {" · "}
              <Link className="link" to={`/organise/${contest.id}`}>
                {t("contests.org.title")}
              </Link>
            </>
          ) : null}
        </p>
      </div>
      <ActionError error={actionData?.error} />
      <section className="card space-y-2 text-sm">
        <p className="whitespace-pre-line">{contest.description}</p>
        <p>
          {golden ? t("contests.themes") : t("contests.categories")}:{" "}
          {contest.categories.map(cat).join(t("common.listSeparator"))}
        </p>
        <p>
          {t("contests.eligibility")}: {t(`contests.eligibility.${contest.eligibility}` as MessageKey)}
        </p>
        <p>
          {t("contests.submissionPeriod")}: {formatDateTime(contest.submissionOpensAt, locale)} –{" "}
          {formatDateTime(contest.submissionClosesAt, locale)}
        </p>
        {!golden ? (
          <p>
            {t("contests.judgingPeriod")}: {formatDateTime(contest.judgingOpensAt, locale)} –{" "}
            {formatDateTime(contest.judgingClosesAt, locale)}
            {contest.blindReview ? ` · ${t("contests.blindReview")}` : ""}
          </p>
        ) : null}
      </section>

      {phase === "submission" && contest.status !== "draft" ? (
        signedIn ? (
          eligible ? (
            <Link to={`/contests/${contest.id}/enter`} className="btn-primary inline-block">
              {golden ? t("contests.submitIdea") : t("contests.submitEntry")}
            </Link>
          ) : (
            <p className="text-sm text-gray-600">
              {t("contests.notEligible", { scope: t(`contests.eligibility.${contest.eligibility}` as MessageKey) })}
            </p>
          )
        ) : (
          <Link to={`/login?redirectTo=/contests/${contest.id}`} className="btn-primary inline-block">
            {t("contests.loginToEnter")}
          </Link>
        )
      ) : null}

      {mine.length ? (
        <section className="card">
          <h2 className="mb-2 font-semibold">{t("contests.me.title")}</h2>
          <ul className="space-y-1 text-sm">
            {mine.map((e) => (
              <li key={e.id} className="flex flex-wrap items-center gap-2">
                <span>{e.title}</span> <StatusBadge status={e.status} />
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {showJoin ? (
        <section className="card border-brand-200 bg-brand-50 text-sm">
          <p>{t("contests.joinInvite")}</p>
          <a className="link font-semibold" href={`/join/go?from=contest:${contest.id}`}>
            {t("contests.joinInviteLink")}
          </a>
        </section>
      ) : null}

      {!golden && contest.criteria.length ? (
        <section className="card">
          <h2 className="mb-2 font-semibold">{t("contests.rubric")}</h2>
          <ul className="text-sm">
            {contest.criteria.map((c) => (
              <li key={c.id}>
                {c.name} · {t("contests.points", { max: c.maxPoints })} · {t("contests.weight")}{" "}
                {formatNumber(c.weight, locale)}
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {golden ? (
        <section>
          <h2 className="mb-2 font-semibold">{t("contests.ideas")}</h2>
          <ul className="space-y-2">
            {ideas.map((i) => (
              <li key={i.id} className="card flex flex-wrap items-center justify-between gap-2">
                <div>
                  <p className="font-medium">{i.title}</p>
                  <p className="text-sm text-gray-600">
                    {cat(i.category)} · <StatusBadge status={i.status} /> ·{" "}
                    {t("contests.supports", { n: i.supportCount })}
                  </p>
                </div>
                {signedIn && !i.own ? (
                  i.supported ? (
                    <span className="badge">{t("contests.supported")}</span>
                  ) : (
                    <Form method="post">
                      <input type="hidden" name="intent" value="support" />
                      <input type="hidden" name="entryId" value={i.id} />
                      <button className="btn-secondary" type="submit">
                        👍 {t("contests.support")}
                      </button>
                    </Form>
                  )
                ) : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {winners.length ? (
        <section>
          <h2 className="mb-2 font-semibold">{t("contests.resultsPublic")}</h2>
          <div className="overflow-x-auto">
            <table className="data-table">
              <thead>
                <tr>
                  <th>{t("contests.entry.category")}</th>
                  <th>{t("contests.award")}</th>
                  <th>{t("contests.entry.title")}</th>
                  <th>{t("contests.entry.authors")}</th>
                  <th>{t("contests.score")}</th>
                </tr>
              </thead>
              <tbody>
                {winners.map((w) => (
                  <tr key={w.id}>
                    <td>{cat(w.category)}</td>
                    <td>{w.tier}</td>
                    <td>{w.title}</td>
                    <td>
                      {w.authors.join(t("common.listSeparator"))}
                      {w.org ? <span className="block text-xs text-gray-500">{w.org}</span> : null}
                    </td>
                    <td>{w.score !== null ? formatNumber(w.score, locale, { maximumFractionDigits: 2 }) : ""}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ) : null}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
