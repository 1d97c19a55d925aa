import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { FormMessage } from "~/components/forms";
import { EDITABLE, EVALUATION_QUESTIONS } from "~/domain/assessment/constants";
import { evaluationSummary } from "~/domain/assessment/evaluation.server";
import { computeFigures } from "~/domain/assessment/figures.server";
import { autoPoints, effectiveScore, evaluate, parseThresholds } from "~/domain/assessment/grading";
import { coveringGroup, recordVisit } from "~/domain/assessment/inspection.server";
import { attempt, fieldErrors, ok, refuse, submissionErrors, type Reply } from "~/domain/assessment/reply.server";
import { requireAssessmentUser, rightsOver } from "~/domain/assessment/scope.server";
import {
  acceptSubmission,
  adjustScore,
  confirmSubmission,
  loadSubmission,
  returnSubmission,
  saveSelfAssessment,
} from "~/domain/assessment/submissions.server";
import type { MessageKey } from "~/i18n";
import { isMessageKey } from "~/i18n/translate";
import { prisma } from "~/utils/db.server";
import { forbidden, notFound } from "~/utils/http.server";
import { useI18n } from "~/utils/i18n";
import { getT } from "~/utils/i18n.server";
import { formatCalendarDate, formatDateTime, parseCalendarDate } from "~/utils/time";
import { keepUploadsIf } from "~/utils/stored-files.server";
import { checkFiles, filesIn, parseUploadForm, storeFiles } from "~/utils/upload.server";
import { AdjustForm, ConfirmForm, ItemCard, ReviewForm, VisitForm } from "./__submission-forms";
import { pageMeta } from "~/utils/meta";
import { localName } from "~/utils/org-name";

export const meta = pageMeta<typeof loader>("page.submission.title", "page.submission.description");

async function access(request: Request, submissionId: string) {
  const { user, scope } = await requireAssessmentUser(request);
  const sub = await loadSubmission(submissionId);
  if (!sub) notFound();
  const rights = await rightsOver(scope, sub.union, sub.roundId);
  if (!rights.edit && !rights.review && !rights.confirm) forbidden();
  return { user, scope, sub, rights };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { sub, rights } = await access(request, params.submissionId ?? "");
  const editable =
    rights.edit && EDITABLE.includes(sub.status) && sub.round.status === "open" && sub.round.deadline >= new Date();
  // While the union may still edit, auto-filled figures are live; once submitted they are frozen.
  const live = editable ? await computeFigures(sub.unionId, sub.roundId, sub.round.year) : null;
  const byItem = new Map(sub.scores.map((s) => [s.itemId, s]));
  const items = sub.scheme.items.map((item) => {
    const s = byItem.get(item.id);
    const figure = item.autoSource ? (live ? live[item.autoSource as keyof typeof live] : (s?.figure ?? null)) : null;
    const self = item.autoSource ? (live ? autoPoints(item, figure) : (s?.selfScore ?? null)) : (s?.selfScore ?? null);
    return {
      id: item.id,
      kind: item.kind,
      scoring: item.scoring,
      name: item.name,
      nameEn: item.nameEn,
      maxPoints: item.maxPoints,
      requiresEvidence: item.requiresEvidence,
      autoSource: item.autoSource,
      figure,
      selfScore: self,
      note: s?.note ?? "",
      reviewScore: s?.reviewScore ?? null,
      reviewReason: s?.reviewReason ?? null,
      confirmedScore: s?.confirmedScore ?? null,
      confirmReason: s?.confirmReason ?? null,
      files: sub.files.filter((f) => f.itemId === item.id).map((f) => f.file),
    };
  });
  const scores = new Map(
    items.map((i) => [
      i.id,
      effectiveScore({ selfScore: i.selfScore, reviewScore: i.reviewScore, confirmedScore: i.confirmedScore }),
    ]),
  );
  const provisional = evaluate(sub.scheme.items, scores, parseThresholds(sub.scheme));
  const history = await prisma.auditLog.findMany({
    where: {
      OR: [
        { entity: "AssessmentSubmission", entityId: sub.id },
        { entity: "AssessmentScore", entityId: { startsWith: `${sub.id}:` } },
      ],
    },
    select: { id: true, action: true, after: true, createdAt: true, actor: { select: { name: true } } },
    orderBy: { id: "desc" },
    take: 30,
  });
  return {
    sub: {
      id: sub.id,
      status: sub.status,
      grade: sub.grade,
      level: sub.level,
      rigidTotal: sub.rigidTotal,
      flexibleTotal: sub.flexibleTotal,
      reviewNote: sub.reviewNote,
      union: sub.union.name,
      round: { name: sub.round.name, deadline: sub.round.deadline.toISOString() },
      scheme: { name: sub.scheme.name, nameEn: sub.scheme.nameEn, version: sub.scheme.version },
      visits: sub.visits.map((v) => ({
        id: v.id,
        group: v.group.name,
        visitedOn: v.visitedOn.toISOString(),
        findings: v.findings,
        photos: v.photos.map((p) => p.file),
      })),
    },
    items,
    provisional,
    rights: { ...rights, editable },
    evaluation: await evaluationSummary(sub.roundId, sub.unionId),
    history: history.map((h) => ({
      id: h.id,
      action: h.action,
      actor: h.actor?.name ?? "—",
      at: h.createdAt.toISOString(),
      reason: (JSON.parse(h.after ?? "{}") as { reason?: string }).reason ?? null,
    })),
  };
}

const reasonText = (max: number) =>
  z
    .string({ required_error: "assessment.error.reasonRequired" })
    .trim()
    .min(1, "assessment.error.reasonRequired")
    .transform((v) => v.slice(0, max));
// The self-assessment's own fields (score_<item>, evidence_<item>) are read by saveSelfAssessment.
const SubmissionIntent = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("save") }),
  z.object({ intent: z.literal("submit") }),
  z.object({ intent: z.literal("accept") }),
  z.object({ intent: z.literal("return"), note: reasonText(1000) }),
  z.object({
    intent: z.literal("adjust"),
    itemId: z.string().trim().default(""),
    reason: reasonText(500),
    score: z.coerce
      .number({ required_error: "assessment.error.scoreNumber", invalid_type_error: "assessment.error.scoreNumber" })
      .finite("assessment.error.scoreNumber"),
  }),
  z.object({ intent: z.literal("confirm") }),
  z.object({
    intent: z.literal("visit"),
    visitedOn: z
      .string({ required_error: "assessment.error.date" })
      .trim()
      .regex(/^\d{4}-\d{2}-\d{2}$/, "assessment.error.date")
      .refine((v) => parseCalendarDate(v) !== null, "assessment.error.date")
      .transform((v) => parseCalendarDate(v)!),
    findings: z
      .string({ required_error: "assessment.error.required" })
      .trim()
      .min(1, "assessment.error.required")
      .transform((v) => v.slice(0, 2000)),
  }),
]);

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, scope, sub, rights } = await access(request, params.submissionId ?? "");
  const t = getT(request);
  const parsed = await parseUploadForm(request, "assessment_evidence");
  if (parsed.error) return refuse(413, t(parsed.error.key, parsed.error.params));
  const form = parsed.formData;
  const submission = parseWithZod(form, { schema: SubmissionIntent });
  // Who may do what is settled before what they sent is judged.
  const asked = submission.payload.intent;
  // Inspection groups and the city change scores at confirmation; the county while reviewing.
  const stage = rights.confirm && (sub.status === "reviewed" || sub.status === "confirmed") ? "confirm" : "review";
  if ((asked === "save" || asked === "submit") && !rights.edit) forbidden();
  if ((asked === "accept" || asked === "return" || (asked === "adjust" && stage === "review")) && !rights.review)
    forbidden();
  if (asked === "confirm" && !rights.confirm) forbidden();
  const groupId = asked === "visit" ? await coveringGroup(sub.roundId, scope.groupIds, sub.union) : null;
  if (asked === "visit" && !groupId) return refuse(403, t("assessment.error.notInspector"));
  // A visit's photos are checked with its fields, so every problem shows at once.
  const photos = asked === "visit" ? filesIn(form, "photos") : [];
  const problem = asked === "visit" ? await checkFiles(photos, "assessment_evidence") : null;
  const photoErrors: Record<string, string[]> = problem ? { photos: [t(problem.key, problem.params)] } : {};
  if (submission.status !== "success") {
    if (submission.error?.intent) return refuse(400, t("error.badRequest.title"));
    return refuse(400, null, { ...submissionErrors(submission.error, t), ...photoErrors });
  }
  if (problem) return refuse(400, null, photoErrors);
  const input = submission.value;

  if (input.intent === "save" || input.intent === "submit") {
    const submit = input.intent === "submit";
    const r = await attempt(t, () => saveSelfAssessment(sub.id, user.id, form, submit));
    if ("refused" in r) return r.refused;
    if (!r.value.ok) return refuse(400, null, fieldErrors(r.value.errors, t));
    return ok(t(submit ? "assessment.sub.submittedMsg" : "assessment.sub.saved"));
  }
  if (input.intent === "accept") {
    const r = await attempt(t, () => acceptSubmission(sub.id, user.id));
    return "refused" in r ? r.refused : ok(t("assessment.sub.accepted"));
  }
  if (input.intent === "return") {
    const { note } = input;
    const r = await attempt(t, () => returnSubmission(sub.id, user.id, note));
    return "refused" in r ? r.refused : ok(t("assessment.sub.returned"));
  }
  if (input.intent === "adjust") {
    const { itemId, score, reason } = input;
    const r = await attempt(t, () => adjustScore(sub.id, itemId, score, reason, stage, user.id));
    return "refused" in r ? r.refused : ok(t("assessment.sub.adjusted"));
  }
  if (input.intent === "confirm") {
    const r = await attempt(t, () => confirmSubmission(sub.id, user.id));
    if ("refused" in r) return r.refused;
    return ok(
      t("assessment.sub.confirmed", {
        grade: t(`assessment.grade.${r.value.grade}`),
        level: t(`assessment.level.${r.value.level}`),
      }),
    );
  }
  const { visitedOn, findings } = input;
  const stored = photos.length ? await storeFiles(photos, "assessment_evidence", user.id) : { ids: [] };
  if ("error" in stored) return refuse(400, null, { photos: [t(stored.error.key, stored.error.params)] });
  await keepUploadsIf(stored.ids, () =>
    recordVisit({ groupId: groupId!, submissionId: sub.id, visitedOn, findings, photoIds: stored.ids }, user.id),
  );
  return ok(t("assessment.sub.visitSaved"));
}

export default function SubmissionPage() {
  const { sub, items, provisional, rights, evaluation, history } = useLoaderData<typeof loader>();
  const reply = useActionData<Reply>();
  const busy = useNavigation().state !== "idle";
  const { t, locale } = useI18n();
  const errors = reply?.errors ?? {};
  const gradeText = (g: string | null, l: string | null) => ({
    grade: t(`assessment.grade.${g ?? "fail"}` as MessageKey),
    level: t(`assessment.level.${l ?? "none"}` as MessageKey),
  });
  const section = (kind: string, title: MessageKey) => (
    <section className="mb-4">
      <h2 className="mb-2 text-lg font-semibold">{t(title)}</h2>
      <ul>
        {items
          .filter((i) => i.kind === kind)
          .map((i) => (
            <ItemCard key={i.id} item={i} editable={rights.editable} errors={errors} />
          ))}
      </ul>
    </section>
  );
  return (
    <div className="mx-auto max-w-3xl">
      <p className="mb-2 text-sm">
        <Link to="/assessment" className="link">
          ← {t("assessment.title")}
        </Link>
      </p>
      <h1 className="page-title break-words">
        {t("assessment.sub.title", { union: sub.union, round: sub.round.name })}
      </h1>
      <p className="mb-1 text-sm text-gray-600">
        {t("assessment.sub.scheme", {
          name: localName(sub.scheme, locale),
          version: sub.scheme.version,
        })}
      </p>
      <p className="mb-3 flex flex-wrap items-center gap-2 text-sm">
        <span className="badge" data-testid="submission-status">
          {t(`assessment.status.${sub.status}` as MessageKey)}
        </span>
        <span>{t("assessment.deadline", { date: formatDateTime(sub.round.deadline, locale) })}</span>
      </p>
      {reply?.message ? <FormMessage message={reply.message} tone={reply.ok ? "success" : "error"} /> : null}
      {sub.status === "returned" && sub.reviewNote ? (
        <FormMessage tone="error" message={t("assessment.sub.returnedNote", { note: sub.reviewNote })} />
      ) : null}
      <div className="card mb-4 text-sm" data-testid="result">
        <p>{t("assessment.sub.totals", { rigid: provisional.rigidTotal, flexible: provisional.flexibleTotal })}</p>
        {sub.status === "confirmed" ? (
          <p className="font-semibold">{t("assessment.sub.result", gradeText(sub.grade, sub.level))}</p>
        ) : (
          <p>{t("assessment.sub.provisional", gradeText(provisional.grade, provisional.level))}</p>
        )}
      </div>

      {rights.editable ? (
        <Form method="post" encType="multipart/form-data">
          {section("rigid", "assessment.sub.rigid")}
          {section("flexible", "assessment.sub.flexible")}
          <div className="sticky bottom-0 flex flex-wrap gap-2 bg-white/90 py-2">
            <button type="submit" name="intent" value="save" className="btn-secondary" disabled={busy}>
              {t("assessment.sub.saveDraft")}
            </button>
            <button type="submit" name="intent" value="submit" className="btn-primary" disabled={busy}>
              {t("assessment.sub.submit")}
            </button>
          </div>
        </Form>
      ) : (
        <>
          {!rights.review && !rights.confirm ? (
            <p className="mb-2 text-sm text-gray-600">{t("assessment.sub.readOnly")}</p>
          ) : null}
          {section("rigid", "assessment.sub.rigid")}
          {section("flexible", "assessment.sub.flexible")}
        </>
      )}

      {rights.review && (sub.status === "submitted" || sub.status === "reviewed") ? (
        <ReviewForm status={sub.status} errors={errors} busy={busy} />
      ) : null}

      {(rights.review && (sub.status === "submitted" || sub.status === "reviewed")) ||
      (rights.confirm && (sub.status === "reviewed" || sub.status === "confirmed")) ? (
        <AdjustForm items={items} errors={errors} busy={busy} />
      ) : null}

      {rights.confirm && sub.status === "reviewed" ? <ConfirmForm busy={busy} /> : null}

      <section className="card mb-4">
        <h2 className="mb-2 text-lg font-semibold">{t("assessment.sub.visits")}</h2>
        {sub.visits.length === 0 ? <p className="text-sm text-gray-600">{t("assessment.sub.noVisits")}</p> : null}
        <ul className="space-y-2 text-sm">
          {sub.visits.map((v) => (
            <li key={v.id}>
              <p className="font-medium">
                {formatCalendarDate(v.visitedOn, locale)} · {v.group}
              </p>
              <p className="break-words whitespace-pre-line">{v.findings}</p>
              {v.photos.map((p) => (
                <a key={p.id} className="link mr-2 break-all" href={`/assessment/files/${p.id}`}>
                  {p.name}
                </a>
              ))}
            </li>
          ))}
        </ul>
        {rights.inspect ? <VisitForm errors={errors} busy={busy} /> : null}
      </section>

      <section className="card mb-4 text-sm" data-testid="evaluation">
        <h2 className="mb-2 text-lg font-semibold">{t("assessment.sub.evaluation")}</h2>
        {evaluation.hidden ? (
          <p>{t("assessment.sub.evaluationHidden", { count: evaluation.answers })}</p>
        ) : (
          <>
            <p>{t("assessment.sub.evaluationSummary", { count: evaluation.answers, rate: evaluation.rate })}</p>
            <ul>
              {EVALUATION_QUESTIONS.map((q, i) => (
                <li key={q}>
                  {t(`assessment.eval.q.${q}`)}: {evaluation.averages[i]}
                </li>
              ))}
            </ul>
            {rights.answers ? (
              <Link className="link" to={`/assessment/submissions/${sub.id}/answers`}>
                {t("assessment.sub.answersLink")}
              </Link>
            ) : null}
          </>
        )}
      </section>

      {history.length ? (
        <section className="card mb-4 text-sm">
          <h2 className="mb-2 text-lg font-semibold">{t("assessment.sub.history")}</h2>
          <ul className="space-y-1">
            {history.map((h) => (
              <li key={h.id} className="break-words">
                {formatDateTime(h.at, locale)} · {h.actor} ·{" "}
                {isMessageKey(`assessment.history.${h.action}`)
                  ? t(`assessment.history.${h.action}` as MessageKey)
                  : h.action}
                {h.reason ? ` · ${h.reason}` : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
