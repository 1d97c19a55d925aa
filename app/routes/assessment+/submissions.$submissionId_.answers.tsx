import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { EVALUATION_QUESTIONS } from "~/domain/assessment/constants";
import { evaluationAnswers } from "~/domain/assessment/evaluation.server";
import { requireAssessmentUser, rightsOver } from "~/domain/assessment/scope.server";
import { prisma } from "~/utils/db.server";
import { useI18n } from "~/utils/i18n";
import { getT } from "~/utils/i18n.server";
import { forbidden, notFound } from "~/utils/http.server";
import { pageMeta } from "~/utils/meta";

export const meta = pageMeta<typeof loader>("assessment.answers.title", "page.answers.description");

// Individual answers, anonymous, for county and city staff only: a union's own staff get a 403
// with the reason (they see the summary on the submission page, from 5 answers on).
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { scope } = await requireAssessmentUser(request);
  const sub = await prisma.assessmentSubmission.findUnique({
    where: { id: params.submissionId ?? "" },
    select: {
      id: true,
      roundId: true,
      unionId: true,
      union: { select: { id: true, name: true, path: true, countyId: true } },
    },
  });
  if (!sub) notFound();
  const rights = await rightsOver(scope, sub.union, sub.roundId);
  if (!rights.answers) forbidden(getT(request)("assessment.error.answersHidden"));
  return { id: sub.id, union: sub.union.name, answers: await evaluationAnswers(sub.roundId, sub.unionId) };
}

export default function Answers() {
  const { id, union, answers } = useLoaderData<typeof loader>();
  const { t } = useI18n();
  return (
    <div className="mx-auto max-w-2xl">
      <p className="mb-2 text-sm">
        <Link className="link" to={`/assessment/submissions/${id}`}>
          ← {union}
        </Link>
      </p>
      <h1 className="page-title">{t("assessment.answers.title")}</h1>
      {answers === null ? (
        <p className="card">{t("assessment.answers.hidden")}</p>
      ) : (
        <ul className="space-y-2">
          {answers.map((a) => (
            <li key={a.id} className="card text-sm">
              <p>
                {EVALUATION_QUESTIONS.map((q, i) => `${t(`assessment.eval.q.${q}`)} ${a.ratings[i]}`).join(
                  t("common.listSeparator"),
                )}
              </p>
              {a.comment ? (
                <p className="mt-1 break-words">
                  {t("assessment.answers.comment")}: {a.comment}
                </p>
              ) : null}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

export function ErrorBoundary() {
  return (
    <GeneralErrorBoundary
      statusHandlers={{
        403: ({ data }) => (
          <div className="card mx-auto max-w-lg text-center" role="alert">
            <p>{String(data)}</p>
          </div>
        ),
      }}
    />
  );
}
