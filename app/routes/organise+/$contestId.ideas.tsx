import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { ActionError, OrganiserTabs, StatusBadge, useCategoryLabel } from "~/components/contests";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { FormMessage } from "~/components/forms";
import { ACTIVE_ENTRY, MAX_YUAN } from "~/domain/contests/constants";
import { IDEA_TRANSITIONS, nextActions, transitionIdea, type IdeaAction } from "~/domain/contests/ideas.server";
import type { MessageKey } from "~/i18n";
import { prisma } from "~/utils/db.server";
import { badRequest } from "~/utils/http.server";
import { useI18n } from "~/utils/i18n";
import { requireContestOrganiser } from "~/utils/permissions.server";
import { formatYuan } from "~/utils/time";
import { ruleResult } from "~/utils/rule-error.server";
import { idField, wholeNumberField } from "~/utils/validation";
import { pageMeta } from "~/utils/meta";

export const meta = pageMeta<typeof loader>(
  "page.organiseIdeas.title",
  "page.organiseIdeas.description",
  (d) => d.contest.title,
);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { contestId } = await requireContestOrganiser(request, params.contestId ?? "");
  const contest = await prisma.contest.findUniqueOrThrow({
    where: { id: contestId },
    select: { id: true, title: true, kind: true },
  });
  const ideas = await prisma.entry.findMany({
    where: { contestId, status: ACTIVE_ENTRY },
    select: {
      id: true,
      title: true,
      category: true,
      status: true,
      problem: true,
      solution: true,
      benefit: true,
      estimatedSaving: true,
      supportCount: true,
      realisedSaving: true,
      rewardAmount: true,
      rewardPoints: true,
      decisionReason: true,
      submittedBy: { select: { name: true } },
      enterprise: { select: { name: true } },
    },
    orderBy: [{ supportCount: "desc" }, { submittedAt: "asc" }],
  });
  return { contest, ideas: ideas.map((i) => ({ ...i, actions: nextActions(i.status) })) };
}

const NUMBER_FIELDS = ["realisedSaving", "rewardAmount", "rewardPoints"] as const;
// Built in the action: IDEA_TRANSITIONS comes from a .server module, which the browser bundle leaves empty.
const ideaSchema = () =>
  z.object({
    action: z.enum(Object.keys(IDEA_TRANSITIONS) as [IdeaAction, ...IdeaAction[]]),
    entryId: idField,
    reason: z.string().optional(),
    realisedSaving: wholeNumberField(MAX_YUAN),
    rewardAmount: wholeNumberField(MAX_YUAN),
    rewardPoints: wholeNumberField(MAX_YUAN),
  });

export async function action({ request, params }: ActionFunctionArgs) {
  const { contestId, user } = await requireContestOrganiser(request, params.contestId ?? "");
  const submission = parseWithZod(await request.formData(), { schema: ideaSchema() });
  if (submission.status !== "success") {
    const field = NUMBER_FIELDS.find((k) => submission.error?.[k]);
    if (!field) badRequest();
    return data({ error: { key: "validation.invalidNumber", params: { field } } }, { status: 400 });
  }
  const { realisedSaving = null, rewardAmount = null, rewardPoints = null, reason = "", ...rest } = submission.value;
  const r = await ruleResult(() =>
    transitionIdea({ ...rest, contestId, actorId: user.id, reason, realisedSaving, rewardAmount, rewardPoints }),
  );
  if (!r.ok) return r.response;
  return { error: null, updated: true };
}

export default function IdeasPage() {
  const { contest, ideas } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t, locale } = useI18n();
  const cat = useCategoryLabel();
  return (
    <div>
      <h1 className="page-title">{contest.title}</h1>
      <OrganiserTabs contestId={contest.id} kind={contest.kind} />
      {actionData && "updated" in actionData ? <FormMessage message={t("contests.idea.updated")} /> : null}
      <ActionError error={actionData?.error} />
      <ul className="space-y-3">
        {ideas.map((i) => (
          <li key={i.id} className="card text-sm">
            <div className="flex flex-wrap items-center gap-2">
              <StatusBadge status={i.status} />
              <span>{cat(i.category)}</span>
              <span className="text-gray-500">{t("contests.supports", { n: i.supportCount })}</span>
            </div>
            <p className="mt-1 font-medium">{i.title}</p>
            <p className="text-gray-600">
              {i.submittedBy.name}
              {i.enterprise ? ` · ${i.enterprise.name}` : ""}
            </p>
            <details className="mt-1">
              <summary className="cursor-pointer text-gray-600">{t("contests.entry.problem")}</summary>
              <p className="whitespace-pre-line">{i.problem}</p>
              <p className="mt-1 whitespace-pre-line">{i.solution}</p>
              <p className="mt-1 whitespace-pre-line">{i.benefit}</p>
              {i.estimatedSaving !== null ? (
                <p>
                  {t("contests.entry.estimatedSaving")}: {formatYuan(i.estimatedSaving, locale)}
                </p>
              ) : null}
            </details>
            {i.decisionReason ? <p>{t("contests.me.reason", { reason: i.decisionReason })}</p> : null}
            {i.realisedSaving !== null ? (
              <p>{t("contests.me.realised", { amount: formatYuan(i.realisedSaving, locale) })}</p>
            ) : null}
            {i.rewardAmount ? <p>{t("contests.me.reward", { amount: formatYuan(i.rewardAmount, locale) })}</p> : null}
            {i.rewardPoints ? <p>{t("contests.me.rewardPoints", { points: i.rewardPoints })}</p> : null}
            <div className="mt-2 flex flex-wrap gap-2">
              {i.actions.map((a) => (
                <Form key={a} method="post" className="flex flex-wrap items-end gap-1">
                  <input type="hidden" name="entryId" value={i.id} />
                  <input type="hidden" name="action" value={a} />
                  {a === "reject" || a === "adopt" ? (
                    <input
                      name="reason"
                      className="input w-40"
                      placeholder={t("contests.idea.reason")}
                      aria-label={t("contests.idea.reason")}
                      required={a === "reject"}
                    />
                  ) : null}
                  {a === "verify" ? (
                    <input
                      name="realisedSaving"
                      className="input w-36"
                      inputMode="numeric"
                      placeholder={t("contests.idea.realisedSaving")}
                      aria-label={t("contests.idea.realisedSaving")}
                    />
                  ) : null}
                  {a === "reward" ? (
                    <>
                      <input
                        name="rewardAmount"
                        className="input w-28"
                        inputMode="numeric"
                        placeholder={t("contests.idea.rewardAmount")}
                        aria-label={t("contests.idea.rewardAmount")}
                      />
                      <input
                        name="rewardPoints"
                        className="input w-24"
                        inputMode="numeric"
                        placeholder={t("contests.idea.rewardPoints")}
                        aria-label={t("contests.idea.rewardPoints")}
                      />
                    </>
                  ) : null}
                  <button type="submit" className={a === "reject" ? "btn-danger" : "btn-secondary"}>
                    {t(`contests.idea.${a}` as MessageKey)}
                  </button>
                </Form>
              ))}
            </div>
          </li>
        ))}
      </ul>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
