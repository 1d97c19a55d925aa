import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ErrorList, FormMessage } from "~/components/forms";
import { EVALUATION_QUESTIONS } from "~/domain/assessment/constants";
import { evaluationContext, submitEvaluation } from "~/domain/assessment/evaluation.server";
import { attempt, ok, orResponse, refuse, type Reply } from "~/domain/assessment/reply.server";
import { requireUser } from "~/utils/auth.server";
import { useI18n } from "~/utils/i18n";
import { getT } from "~/utils/i18n.server";
import { pageMeta } from "~/utils/meta";

export const meta = pageMeta<typeof loader>("page.evaluation.title", "page.evaluation.description");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const ctx = await orResponse(() => evaluationContext(params.roundId ?? "", user.id));
  return { round: ctx.round, union: ctx.union.name, answered: ctx.answered };
}

const rating = z.coerce.number().int().min(1).max(5);
const EvaluationSchema = z.object({
  ...(Object.fromEntries(EVALUATION_QUESTIONS.map((q) => [q, rating])) as Record<
    (typeof EVALUATION_QUESTIONS)[number],
    typeof rating
  >),
  comment: z.string().trim().max(500).optional(),
});

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const t = getT(request);
  const submission = parseWithZod(await request.formData(), { schema: EvaluationSchema });
  if (submission.status !== "success") {
    const error = submission.error ?? {};
    if (EVALUATION_QUESTIONS.some((q) => error[q]))
      return refuse(400, null, { ratings: [t("assessment.error.rating")] });
    return refuse(400, null, { comment: [t("validation.tooLong")] });
  }
  const ratings = EVALUATION_QUESTIONS.map((q) => submission.value[q]);
  const comment = submission.value.comment ?? "";
  const r = await attempt(t, () => submitEvaluation(params.roundId ?? "", user.id, ratings, comment));
  return "refused" in r ? r.refused : ok(t("assessment.eval.thanks"));
}

export default function Evaluation() {
  const { round, union, answered } = useLoaderData<typeof loader>();
  const reply = useActionData<Reply>();
  const busy = useNavigation().state !== "idle";
  const { t } = useI18n();
  const errors = reply?.errors ?? {};
  return (
    <div className="mx-auto max-w-xl">
      <h1 className="page-title">{t("assessment.eval.title", { round: round.name })}</h1>
      {reply?.message ? <FormMessage tone={reply.ok ? "success" : "error"} message={reply.message} /> : null}
      {answered ? (
        reply?.ok ? null : (
          <p className="card">{t("assessment.eval.thanks")}</p>
        )
      ) : round.status !== "open" ? (
        <p className="card">{t("assessment.eval.closed")}</p>
      ) : (
        <Form method="post" className="card space-y-4">
          <p className="text-sm">{t("assessment.eval.intro", { union })}</p>
          {EVALUATION_QUESTIONS.map((q) => (
            <fieldset key={q}>
              <legend className="label">{t(`assessment.eval.q.${q}`)}</legend>
              <div className="flex flex-wrap gap-3">
                {[1, 2, 3, 4, 5].map((v) => (
                  <label key={v} className="flex items-center gap-1 text-sm">
                    <input type="radio" name={q} value={v} required />
                    {t("assessment.eval.rating", { value: v })}
                  </label>
                ))}
              </div>
            </fieldset>
          ))}
          <ErrorList errors={errors.ratings} />
          <div>
            <label className="label" htmlFor="comment">
              {t("assessment.eval.comment")}
            </label>
            <textarea id="comment" name="comment" className="input" rows={3} maxLength={500} />
            <ErrorList errors={errors.comment} />
          </div>
          <button type="submit" className="btn-primary w-full" disabled={busy}>
            {t("assessment.eval.submit")}
          </button>
        </Form>
      )}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
