// The contest page's loader and action, out of the route module so that the page's JavaScript
// carries none of the server modules' stubs (issue #12 item 15: public pages ≤ 90 KB of gzipped JS).
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { ACTIVE_ENTRY } from "~/domain/contests/constants";
import { contestPhase, isEligible } from "~/domain/contests/contests.server";
import { answerCoAuthorInvitation, supportIdea } from "~/domain/contests/entries.server";
import { loadResults } from "~/domain/contests/results.server";
import { heaviestCriterion } from "~/domain/contests/scoring";
import { getUserId, requireUser } from "~/utils/auth.server";
import { prisma } from "~/utils/db.server";
import { badRequest, notFound } from "~/utils/http.server";
import { hasRoleFor } from "~/utils/permissions.server";
import { parseStringList } from "~/utils/string-list";
import { ruleResult } from "~/utils/rule-error.server";
import { parseContestIntent } from "~/domain/contests/contest-page-intents.server";

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
      org: { select: { name: true, nameEn: true } },
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
