import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ErrorList, FormMessage } from "~/components/forms";
import { EDITABLE, EVALUATION_QUESTIONS } from "~/domain/assessment/constants";
import { evaluationSummary } from "~/domain/assessment/evaluation.server";
import { computeFigures } from "~/domain/assessment/figures.server";
import { autoPoints, effectiveScore, evaluate, parseThresholds } from "~/domain/assessment/grading";
import { coveringGroup, recordVisit } from "~/domain/assessment/inspection.server";
import { requireAssessmentUser, rightsOver } from "~/domain/assessment/scope.server";
import { acceptSubmission, adjustScore, confirmSubmission, loadSubmission, returnSubmission, saveSelfAssessment } from "~/domain/assessment/submissions.server";
import { isMessageKey, type MessageKey } from "~/i18n";
import { prisma } from "~/utils/db.server";
import { forbidden } from "~/utils/http.server";
import { useI18n } from "~/utils/i18n";
import { getT } from "~/utils/i18n.server";
import { formatDate, formatDateTime } from "~/utils/time";
import { checkFiles, filesIn, parseUploadForm, storeFiles } from "~/utils/upload.server";
import { attempt, fieldErrors, ok, refuse, type Reply } from "./__reply.server";

async function access(request: Request, submissionId: string) {
  const { user, scope } = await requireAssessmentUser(request);
  const sub = await loadSubmission(submissionId);
  if (!sub) throw new Response("Not found", { status: 404 });
  const rights = await rightsOver(scope, sub.union, sub.roundId);
  if (!rights.edit && !rights.review && !rights.confirm) forbidden();
  return { user, scope, sub, rights };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { sub, rights } = await access(request, params.submissionId ?? "");
  const editable = rights.edit && EDITABLE.includes(sub.status) && sub.round.status === "open" && sub.round.deadline >= new Date();
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
  const scores = new Map(items.map((i) => [i.id, effectiveScore({ selfScore: i.selfScore, reviewScore: i.reviewScore, confirmedScore: i.confirmedScore })]));
  const provisional = evaluate(sub.scheme.items, scores, parseThresholds(sub.scheme));
  const history = await prisma.auditLog.findMany({
    where: { OR: [{ entity: "AssessmentSubmission", entityId: sub.id }, { entity: "AssessmentScore", entityId: { startsWith: `${sub.id}:` } }] },
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
      visits: sub.visits.map((v) => ({ id: v.id, group: v.group.name, visitedOn: v.visitedOn.toISOString(), findings: v.findings, photos: v.photos.map((p) => p.file) })),
    },
    items,
    provisional,
    rights: { ...rights, editable },
    evaluation: await evaluationSummary(sub.roundId, sub.unionId),
    history: history.map((h) => ({ id: h.id, action: h.action, actor: h.actor?.name ?? "—", at: h.createdAt.toISOString(), reason: (JSON.parse(h.after ?? "{}") as { reason?: string }).reason ?? null })),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, scope, sub, rights } = await access(request, params.submissionId ?? "");
  const t = getT(request);
  const parsed = await parseUploadForm(request, "assessment_evidence");
  if (parsed.error) return refuse(413, t(parsed.error.key, parsed.error.params));
  const form = parsed.formData;
  const intent = String(form.get("intent") ?? "");
  const text = (name: string) => String(form.get(name) ?? "").trim();

  if (intent === "save" || intent === "submit") {
    if (!rights.edit) forbidden();
    const r = await attempt(t, () => saveSelfAssessment(sub.id, user.id, form, intent === "submit"));
    if ("refused" in r) return r.refused;
    if (!r.value.ok) return refuse(400, null, fieldErrors(r.value.errors, t));
    return ok(t(intent === "submit" ? "assessment.sub.submittedMsg" : "assessment.sub.saved"));
  }
  if (intent === "accept" || intent === "return") {
    if (!rights.review) forbidden();
    const note = text("note").slice(0, 1000);
    if (intent === "return" && !note) return refuse(400, null, { note: [t("assessment.error.reasonRequired")] });
    const r = await attempt(t, () => (intent === "accept" ? acceptSubmission(sub.id, user.id) : returnSubmission(sub.id, user.id, note)));
    return "refused" in r ? r.refused : ok(t(intent === "accept" ? "assessment.sub.accepted" : "assessment.sub.returned"));
  }
  if (intent === "adjust") {
    // Inspection groups and the city change scores at confirmation; the county while reviewing.
    const stage = rights.confirm && (sub.status === "reviewed" || sub.status === "confirmed") ? "confirm" : "review";
    if (stage === "review" && !rights.review) forbidden();
    const reason = text("reason").slice(0, 500);
    const raw = text("score");
    if (!reason) return refuse(400, null, { reason: [t("assessment.error.reasonRequired")] });
    if (raw === "" || !Number.isFinite(Number(raw))) return refuse(400, null, { score: [t("assessment.error.scoreNumber")] });
    const r = await attempt(t, () => adjustScore(sub.id, text("itemId"), Number(raw), reason, stage, user.id));
    return "refused" in r ? r.refused : ok(t("assessment.sub.adjusted"));
  }
  if (intent === "confirm") {
    if (!rights.confirm) forbidden();
    const r = await attempt(t, () => confirmSubmission(sub.id, user.id));
    if ("refused" in r) return r.refused;
    return ok(t("assessment.sub.confirmed", { grade: t(`assessment.grade.${r.value.grade}`), level: t(`assessment.level.${r.value.level}`) }));
  }
  if (intent === "visit") {
    const groupId = await coveringGroup(sub.roundId, scope.groupIds, sub.union);
    if (!groupId) return refuse(403, t("assessment.error.notInspector"));
    const visitedOn = text("visitedOn");
    const findings = text("findings").slice(0, 2000);
    const errors: Record<string, string[]> = {};
    if (!/^\d{4}-\d{2}-\d{2}$/.test(visitedOn) || Number.isNaN(Date.parse(`${visitedOn}T00:00:00+08:00`))) errors.visitedOn = [t("assessment.error.date")];
    if (!findings) errors.findings = [t("assessment.error.required")];
    const photos = filesIn(form, "photos");
    const problem = await checkFiles(photos, "assessment_evidence");
    if (problem) errors.photos = [t(problem.key, problem.params)];
    if (Object.keys(errors).length) return refuse(400, null, errors);
    const stored = photos.length ? await storeFiles(photos, "assessment_evidence", user.id) : { ids: [] };
    if ("error" in stored) return refuse(400, null, { photos: [t(stored.error.key, stored.error.params)] });
    await recordVisit({ groupId, submissionId: sub.id, visitedOn: new Date(`${visitedOn}T00:00:00+08:00`), findings, photoIds: stored.ids }, user.id);
    return ok(t("assessment.sub.visitSaved"));
  }
  return refuse(400, t("error.badRequest.title"));
}

type Data = ReturnType<typeof useLoaderData<typeof loader>>;
type Item = Data["items"][number];

function ItemCard({ item, editable, errors }: { item: Item; editable: boolean; errors: Record<string, string[]> }) {
  const { t, locale } = useI18n();
  const name = locale === "en" && item.nameEn ? item.nameEn : item.name;
  return (
    <li className="card mb-3" data-testid={`item-${item.id}`}>
      <p className="font-medium break-words">{name}</p>
      <p className="mb-2 flex flex-wrap gap-2 text-xs text-gray-600">
        <span>{t("assessment.sub.max", { max: item.maxPoints })}</span>
        {item.scoring === "pass_fail" ? <span>{t("assessment.sub.passFail")}</span> : null}
        {item.requiresEvidence ? <span className="badge">{t("assessment.sub.evidenceRequired")}</span> : null}
        {item.autoSource ? <span className="badge bg-blue-100 text-blue-800">{t("assessment.sub.auto")}</span> : null}
      </p>
      {item.autoSource ? (
        <div className="text-sm">
          <p data-testid="figure">{item.figure === null ? t("assessment.sub.figureNone") : t("assessment.sub.figure", { value: item.figure })}</p>
          <p className="text-xs text-gray-500">{t(`assessment.source.${item.autoSource}` as MessageKey)}</p>
          <p>{t("assessment.sub.points", { points: item.selfScore ?? 0 })}</p>
        </div>
      ) : editable ? (
        <div className="space-y-2">
          <label className="label" htmlFor={`score_${item.id}`}>
            {t("assessment.sub.score")}
          </label>
          {item.scoring === "pass_fail" ? (
            <select id={`score_${item.id}`} name={`score_${item.id}`} className="input" defaultValue={item.selfScore === null ? "" : String(item.selfScore)}>
              <option value="">{t("assessment.sub.choose")}</option>
              <option value={String(item.maxPoints)}>{t("assessment.sub.pass", { max: item.maxPoints })}</option>
              <option value="0">{t("assessment.sub.fail")}</option>
            </select>
          ) : (
            <input id={`score_${item.id}`} name={`score_${item.id}`} type="number" inputMode="decimal" min={0} max={item.maxPoints} step="0.1" className="input" defaultValue={item.selfScore ?? ""} />
          )}
          <ErrorList errors={errors[`score_${item.id}`]} />
          <label className="label" htmlFor={`note_${item.id}`}>
            {t("assessment.sub.note")}
          </label>
          <textarea id={`note_${item.id}`} name={`note_${item.id}`} className="input" rows={2} maxLength={1000} defaultValue={item.note} />
          <label className="label" htmlFor={`evidence_${item.id}`}>
            {t("assessment.sub.evidence")}
          </label>
          <input id={`evidence_${item.id}`} name={`evidence_${item.id}`} type="file" multiple accept="image/jpeg,image/png,image/webp,application/pdf" className="block w-full text-sm" />
          <p className="text-xs text-gray-500">{t("assessment.sub.evidenceHint")}</p>
          <ErrorList errors={errors[`evidence_${item.id}`]} />
        </div>
      ) : (
        <div className="text-sm">
          <p>{item.note}</p>
          <p>{t("assessment.sub.selfScore", { score: item.selfScore ?? "—" })}</p>
        </div>
      )}
      {item.reviewScore !== null ? <p className="text-sm text-amber-800">{t("assessment.sub.reviewScore", { score: item.reviewScore, reason: item.reviewReason ?? "" })}</p> : null}
      {item.confirmedScore !== null ? (
        <p className="text-sm text-green-800">
          {t("assessment.sub.confirmedScore", { score: item.confirmedScore })}
          {item.confirmReason ? ` · ${t("assessment.sub.confirmReason", { reason: item.confirmReason })}` : null}
        </p>
      ) : null}
      {item.files.length ? (
        <ul className="mt-1 text-sm">
          {item.files.map((f) => (
            <li key={f.id} className="break-all">
              <a className="link" href={`/assessment/files/${f.id}`}>
                {f.name}
              </a>
            </li>
          ))}
        </ul>
      ) : null}
    </li>
  );
}

export default function SubmissionPage() {
  const { sub, items, provisional, rights, evaluation, history } = useLoaderData<typeof loader>();
  const reply = useActionData<Reply>();
  const busy = useNavigation().state !== "idle";
  const { t, locale } = useI18n();
  const errors = reply?.errors ?? {};
  const gradeText = (g: string | null, l: string | null) => ({ grade: t(`assessment.grade.${g ?? "fail"}` as MessageKey), level: t(`assessment.level.${l ?? "none"}` as MessageKey) });
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
      <h1 className="page-title break-words">{t("assessment.sub.title", { union: sub.union, round: sub.round.name })}</h1>
      <p className="mb-1 text-sm text-gray-600">{t("assessment.sub.scheme", { name: locale === "en" && sub.scheme.nameEn ? sub.scheme.nameEn : sub.scheme.name, version: sub.scheme.version })}</p>
      <p className="mb-3 flex flex-wrap items-center gap-2 text-sm">
        <span className="badge" data-testid="submission-status">
          {t(`assessment.status.${sub.status}` as MessageKey)}
        </span>
        <span>{t("assessment.deadline", { date: formatDateTime(sub.round.deadline, locale) })}</span>
      </p>
      {reply?.message ? <FormMessage message={reply.message} tone={reply.ok ? "success" : "error"} /> : null}
      {sub.status === "returned" && sub.reviewNote ? <FormMessage tone="error" message={t("assessment.sub.returnedNote", { note: sub.reviewNote })} /> : null}
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
          {!rights.review && !rights.confirm ? <p className="mb-2 text-sm text-gray-600">{t("assessment.sub.readOnly")}</p> : null}
          {section("rigid", "assessment.sub.rigid")}
          {section("flexible", "assessment.sub.flexible")}
        </>
      )}

      {rights.review && (sub.status === "submitted" || sub.status === "reviewed") ? (
        <section className="card mb-4 space-y-3">
          <h2 className="text-lg font-semibold">{t("assessment.sub.review")}</h2>
          {sub.status === "submitted" ? (
            <Form method="post">
              <button type="submit" name="intent" value="accept" className="btn-primary w-full" disabled={busy}>
                {t("assessment.sub.accept")}
              </button>
            </Form>
          ) : null}
          <Form method="post">
            <label className="label" htmlFor="note">
              {t("assessment.sub.returnLabel")}
            </label>
            <textarea id="note" name="note" className="input mb-2" rows={2} maxLength={1000} />
            <ErrorList errors={errors.note} />
            <button type="submit" name="intent" value="return" className="btn-secondary w-full" disabled={busy}>
              {t("assessment.sub.return")}
            </button>
          </Form>
        </section>
      ) : null}

      {(rights.review && (sub.status === "submitted" || sub.status === "reviewed")) || (rights.confirm && (sub.status === "reviewed" || sub.status === "confirmed")) ? (
        <Form method="post" className="card mb-4 space-y-2">
          <h2 className="text-lg font-semibold">{t("assessment.sub.adjust")}</h2>
          <label className="label" htmlFor="itemId">
            {t("assessment.sub.adjustItem")}
          </label>
          <select id="itemId" name="itemId" className="input">
            {items.map((i) => (
              <option key={i.id} value={i.id}>
                {locale === "en" && i.nameEn ? i.nameEn : i.name}
              </option>
            ))}
          </select>
          <label className="label" htmlFor="adjust-score">
            {t("assessment.sub.adjustScore")}
          </label>
          <input id="adjust-score" name="score" type="number" step="0.1" min={0} className="input" />
          <ErrorList errors={errors.score} />
          <label className="label" htmlFor="reason">
            {t("assessment.sub.adjustReason")}
          </label>
          <input id="reason" name="reason" className="input" maxLength={500} />
          <ErrorList errors={errors.reason} />
          <button type="submit" name="intent" value="adjust" className="btn-secondary w-full" disabled={busy}>
            {t("assessment.sub.adjust")}
          </button>
        </Form>
      ) : null}

      {rights.confirm && sub.status === "reviewed" ? (
        <Form method="post" className="card mb-4">
          <h2 className="mb-2 text-lg font-semibold">{t("assessment.sub.confirmTitle")}</h2>
          <button type="submit" name="intent" value="confirm" className="btn-primary w-full" disabled={busy}>
            {t("assessment.sub.confirm")}
          </button>
        </Form>
      ) : null}

      <section className="card mb-4">
        <h2 className="mb-2 text-lg font-semibold">{t("assessment.sub.visits")}</h2>
        {sub.visits.length === 0 ? <p className="text-sm text-gray-600">{t("assessment.sub.noVisits")}</p> : null}
        <ul className="space-y-2 text-sm">
          {sub.visits.map((v) => (
            <li key={v.id}>
              <p className="font-medium">
                {formatDate(v.visitedOn, locale)} · {v.group}
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
        {rights.inspect ? (
          <Form method="post" encType="multipart/form-data" className="mt-3 space-y-2">
            <label className="label" htmlFor="visitedOn">
              {t("assessment.sub.visitDate")}
            </label>
            <input id="visitedOn" name="visitedOn" type="date" className="input" />
            <ErrorList errors={errors.visitedOn} />
            <label className="label" htmlFor="findings">
              {t("assessment.sub.findings")}
            </label>
            <textarea id="findings" name="findings" className="input" rows={3} maxLength={2000} />
            <ErrorList errors={errors.findings} />
            <label className="label" htmlFor="photos">
              {t("assessment.sub.photos")}
            </label>
            <input id="photos" name="photos" type="file" multiple accept="image/jpeg,image/png,image/webp" className="block w-full text-sm" />
            <ErrorList errors={errors.photos} />
            <button type="submit" name="intent" value="visit" className="btn-secondary w-full" disabled={busy}>
              {t("assessment.sub.recordVisit")}
            </button>
          </Form>
        ) : null}
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
                {formatDateTime(h.at, locale)} · {h.actor} · {isMessageKey(`assessment.history.${h.action}`) ? t(`assessment.history.${h.action}` as MessageKey) : h.action}
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
