import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { ActionError, StatusBadge, useCategoryLabel } from "~/components/contests";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { FormMessage } from "~/components/form-parts";
import { ACTIVE_ENTRY } from "~/domain/contests/constants";
import { contestPhase, isEligible } from "~/domain/contests/contests.server";
import { answerCoAuthorInvitation, supportIdea } from "~/domain/contests/entries.server";
import { loadResults } from "~/domain/contests/results.server";
import { heaviestCriterion } from "~/domain/contests/scoring";
import type { MessageKey } from "~/i18n";
import { getUserId, requireUser } from "~/utils/auth.server";
import { prisma } from "~/utils/db.server";
import { badRequest, notFound } from "~/utils/http.server";
import { useI18n } from "~/utils/i18n";
import { hasRoleFor } from "~/utils/permissions.server";
import { parseStringList } from "~/utils/string-list";
import { formatDateTime, formatDateTimeRange, formatNumber } from "~/utils/time";
import { ruleResult } from "~/utils/rule-error.server";
import { parseContestIntent } from "~/domain/contests/contest-page-intents.server";
import { pageMeta } from "~/utils/meta";

export const meta = pageMeta<typeof loader>("page.contest.title", "page.contest.description", (d) => d.contest.title);

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
  const [mine, eligible, membership, invitations] = userId
    ? await Promise.all([
        prisma.entry.findMany({
          where: {
            contestId: contest.id,
            OR: [{ submittedById: userId }, { authors: { some: { userId, status: "accepted" } } }],
          },
          select: { id: true, title: true, status: true },
        }),
        isEligible(userId, contest),
        prisma.membership.findUnique({ where: { userId }, select: { id: true } }),
        // Co-author invitations waiting for this user's answer (answerable while submission is open).
        prisma.entry.findMany({
          where: { contestId: contest.id, authors: { some: { userId, status: "invited" } } },
          select: { id: true, title: true, submittedBy: { select: { name: true } } },
        }),
      ])
    : [[], false, null, []];
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
    median: number | null;
    heavyShare: number | null;
    method: string | null;
    correctedAt: Date | null;
    authors: string[];
    org: string | null;
  }[] = [];
  let correctedAt: Date | null = null;
  if (contest.status === "results_published" && contest.kind === "five_small") {
    const { results } = await loadResults(contest.id);
    const awarded = await prisma.entry.findMany({
      where: { contestId: contest.id, awardTierId: { not: null } },
      select: {
        id: true,
        title: true,
        category: true,
        awardCorrectedAt: true,
        awardTier: { select: { name: true, position: true } },
        authors: { where: { status: "accepted" }, select: { name: true }, orderBy: { position: "asc" } },
        enterprise: { select: { name: true } },
      },
    });
    // A correction that removed an award leaves no winner row to mark, so the page says it too.
    const latest = await prisma.entry.findFirst({
      where: { contestId: contest.id, awardCorrectedAt: { not: null } },
      select: { awardCorrectedAt: true },
      orderBy: { awardCorrectedAt: "desc" },
    });
    correctedAt = latest?.awardCorrectedAt ?? null;
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
        median: byId.get(e.id)?.median ?? null,
        heavyShare: byId.get(e.id)?.heavyShare ?? null,
        method: byId.get(e.id)?.method ?? null,
        correctedAt: e.awardCorrectedAt,
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
    invitations: invitations.map((i) => ({ id: i.id, title: i.title, by: i.submittedBy.name })),
    heavy: heaviestCriterion(contest.criteria)?.name ?? "",
    correctedAt,
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

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const submission = parseContestIntent(await request.formData());
  if (submission.status !== "success") badRequest();
  const { intent, entryId } = submission.value;
  if (intent !== "support") {
    const r = await ruleResult(() =>
      answerCoAuthorInvitation({ entryId, userId: user.id, accept: intent === "accept" }),
    );
    if (!r.ok) return r.response;
    return {
      error: null,
      fieldErrors: {},
      message: r.value === "accepted" ? "judging.invite.accepted" : "judging.invite.declined",
    };
  }
  const result = await ruleResult(() => supportIdea(params.contestId ?? "", entryId, user.id));
  if (!result.ok) return result.response;
  return { error: null, fieldErrors: {}, message: null };
}

export default function ContestPage() {
  const {
    contest,
    phase,
    signedIn,
    eligible,
    showJoin,
    mine,
    invitations,
    heavy,
    correctedAt,
    ideas,
    winners,
    isOrganiser,
  } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t, locale } = useI18n();
  const cat = useCategoryLabel();
  const golden = contest.kind === "golden_idea";
  return (
    <div className="space-y-4">
      <div>
        <span className="badge">{t(`contests.kind.${contest.kind}` as MessageKey)}</span>{" "}
        <span className="badge">
          {contest.status === "results_published"
            ? t("contests.contestStatus.results_published")
            : t(`contests.phase.${phase}` as MessageKey)}
        </span>
        <h1 className="page-title mt-2">{contest.title}</h1>
        <p className="text-sm text-gray-600">
          {t("common.labelled", { label: t("contests.organiser"), value: contest.org.name })}
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
      {actionData && "message" in actionData && actionData.message ? (
        <FormMessage message={t(actionData.message as MessageKey)} />
      ) : null}
      {invitations.length ? (
        <section className="card space-y-2 text-sm">
          <h2 className="font-semibold">{t("judging.invite.title")}</h2>
          <p className="text-xs text-gray-600">{t("judging.invite.help")}</p>
          <ul className="space-y-2">
            {invitations.map((i) => (
              <li key={i.id} className="flex flex-wrap items-center gap-2">
                <span>{t("judging.invite.line", { name: i.by, title: i.title })}</span>
                <Form method="post" className="flex gap-2">
                  <input type="hidden" name="entryId" value={i.id} />
                  <button type="submit" name="intent" value="accept" className="btn-primary">
                    {t("judging.invite.accept")}
                  </button>
                  <button type="submit" name="intent" value="decline" className="btn-secondary">
                    {t("judging.invite.decline")}
                  </button>
                </Form>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <section className="card space-y-2 text-sm">
        <p className="whitespace-pre-line">{contest.description}</p>
        <p>
          {t("common.labelled", {
            label: golden ? t("contests.themes") : t("contests.categories"),
            value: contest.categories.map(cat).join(t("common.listSeparator")),
          })}
        </p>
        <p>
          {t("common.labelled", {
            label: t("contests.eligibility"),
            value: t(`contests.eligibility.${contest.eligibility}` as MessageKey),
          })}
        </p>
        <p>
          {t("common.labelled", {
            label: t("contests.submissionPeriod"),
            value: formatDateTimeRange(contest.submissionOpensAt, contest.submissionClosesAt, locale),
          })}
        </p>
        {!golden ? (
          <p>
            {t("common.labelled", {
              label: t("contests.judgingPeriod"),
              value: formatDateTimeRange(contest.judgingOpensAt, contest.judgingClosesAt, locale),
            })}
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
          <div className="mb-2 space-y-1 text-xs text-gray-600">
            <p>{t("judging.results.publicMethod", { criterion: heavy })}</p>
            <p>{t("judging.results.publicPerCategory")}</p>
            {correctedAt ? (
              <p className="font-semibold text-amber-800">
                {t("judging.results.correctedOn", { date: formatDateTime(correctedAt, locale) })}
              </p>
            ) : null}
          </div>
          <div className="overflow-x-auto">
            <table className="data-table">
              <thead>
                <tr>
                  <th>{t("contests.entry.category")}</th>
                  <th>{t("contests.award")}</th>
                  <th>{t("contests.entry.title")}</th>
                  <th>{t("contests.entry.authors")}</th>
                  <th>{t("contests.score")}</th>
                  <th>{t("judging.results.median")}</th>
                  <th>{t("judging.results.heavyShare", { criterion: heavy })}</th>
                </tr>
              </thead>
              <tbody>
                {winners.map((w) => (
                  <tr key={w.id}>
                    <td>{cat(w.category)}</td>
                    <td>
                      {w.tier}
                      {w.correctedAt ? (
                        <span className="block text-xs text-amber-800">
                          {t("judging.results.correctedOn", { date: formatDateTime(w.correctedAt, locale) })}
                        </span>
                      ) : null}
                    </td>
                    <td>{w.title}</td>
                    <td>
                      {w.authors.join(t("common.listSeparator"))}
                      {w.org ? <span className="block text-xs text-gray-500">{w.org}</span> : null}
                    </td>
                    <td>
                      {w.score !== null ? formatNumber(w.score, locale, { maximumFractionDigits: 2 }) : ""}
                      {w.method ? (
                        <span className="block text-xs text-gray-500">
                          {t(`contests.org.method.${w.method}` as MessageKey)}
                        </span>
                      ) : null}
                    </td>
                    <td>{w.median !== null ? formatNumber(w.median, locale, { maximumFractionDigits: 2 }) : ""}</td>
                    <td>
                      {w.heavyShare !== null
                        ? `${formatNumber(w.heavyShare * 100, locale, { maximumFractionDigits: 1 })}%`
                        : ""}
                    </td>
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
