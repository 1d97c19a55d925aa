// The submission page's forms: the self-assessment items, the county's review, score adjustments,
// the city's confirmation and inspection visits. Each posts an `intent` to the route's action.
import { Form, type useLoaderData } from "@remix-run/react";
import { ErrorList } from "~/components/forms";
import type { MessageKey } from "~/i18n";
import { useI18n } from "~/utils/i18n";
import { acceptFor } from "~/utils/upload-rules";
import type { loader } from "./submissions.$submissionId";
import { localName } from "~/utils/org-name";

type Item = ReturnType<typeof useLoaderData<typeof loader>>["items"][number];
type Errors = Record<string, string[]>;

export function ItemCard({
  item,
  editable,
  errors,
}: {
  item: Item;
  editable: boolean;
  errors: Record<string, string[]>;
}) {
  const { t, locale } = useI18n();
  const name = localName(item, locale);
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
          <p data-testid="figure">
            {item.figure === null ? t("assessment.sub.figureNone") : t("assessment.sub.figure", { value: item.figure })}
          </p>
          <p className="text-xs text-gray-500">{t(`assessment.source.${item.autoSource}` as MessageKey)}</p>
          <p>{t("assessment.sub.points", { points: item.selfScore ?? 0 })}</p>
        </div>
      ) : editable ? (
        <div className="space-y-2">
          <label className="label" htmlFor={`score_${item.id}`}>
            {t("assessment.sub.score")}
          </label>
          {item.scoring === "pass_fail" ? (
            <select
              id={`score_${item.id}`}
              name={`score_${item.id}`}
              className="input"
              defaultValue={item.selfScore === null ? "" : String(item.selfScore)}
            >
              <option value="">{t("assessment.sub.choose")}</option>
              <option value={String(item.maxPoints)}>{t("assessment.sub.pass", { max: item.maxPoints })}</option>
              <option value="0">{t("assessment.sub.fail")}</option>
            </select>
          ) : (
            <input
              id={`score_${item.id}`}
              name={`score_${item.id}`}
              type="number"
              inputMode="decimal"
              min={0}
              max={item.maxPoints}
              step="0.1"
              className="input"
              defaultValue={item.selfScore ?? ""}
            />
          )}
          <ErrorList errors={errors[`score_${item.id}`]} />
          <label className="label" htmlFor={`note_${item.id}`}>
            {t("assessment.sub.note")}
          </label>
          <textarea
            id={`note_${item.id}`}
            name={`note_${item.id}`}
            className="input"
            rows={2}
            maxLength={1000}
            defaultValue={item.note}
          />
          <label className="label" htmlFor={`evidence_${item.id}`}>
            {t("assessment.sub.evidence")}
          </label>
          <input
            id={`evidence_${item.id}`}
            name={`evidence_${item.id}`}
            type="file"
            multiple
            accept={acceptFor("assessment_evidence")}
            className="block w-full text-sm"
          />
          <p className="text-xs text-gray-500">{t("assessment.sub.evidenceHint")}</p>
          <ErrorList errors={errors[`evidence_${item.id}`]} />
        </div>
      ) : (
        <div className="text-sm">
          <p>{item.note}</p>
          <p>{t("assessment.sub.selfScore", { score: item.selfScore ?? "—" })}</p>
        </div>
      )}
      {item.reviewScore !== null ? (
        <p className="text-sm text-amber-800">
          {t("assessment.sub.reviewScore", { score: item.reviewScore, reason: item.reviewReason ?? "" })}
        </p>
      ) : null}
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

export function ReviewForm({ status, errors, busy }: { status: string; errors: Errors; busy: boolean }) {
  const { t } = useI18n();
  return (
    <section className="card mb-4 space-y-3">
      <h2 className="text-lg font-semibold">{t("assessment.sub.review")}</h2>
      {status === "submitted" ? (
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
  );
}

export function AdjustForm({ items, errors, busy }: { items: Item[]; errors: Errors; busy: boolean }) {
  const { t, locale } = useI18n();
  return (
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
  );
}

export function ConfirmForm({ busy }: { busy: boolean }) {
  const { t } = useI18n();
  return (
    <Form method="post" className="card mb-4">
      <h2 className="mb-2 text-lg font-semibold">{t("assessment.sub.confirmTitle")}</h2>
      <button type="submit" name="intent" value="confirm" className="btn-primary w-full" disabled={busy}>
        {t("assessment.sub.confirm")}
      </button>
    </Form>
  );
}

export function VisitForm({ errors, busy }: { errors: Errors; busy: boolean }) {
  const { t } = useI18n();
  return (
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
      <input
        id="photos"
        name="photos"
        type="file"
        multiple
        accept="image/jpeg,image/png,image/webp"
        className="block w-full text-sm"
      />
      <ErrorList errors={errors.photos} />
      <button type="submit" name="intent" value="visit" className="btn-secondary w-full" disabled={busy}>
        {t("assessment.sub.recordVisit")}
      </button>
    </Form>
  );
}
