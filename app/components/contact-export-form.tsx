import { useId } from "react";
import { useI18n } from "~/utils/i18n";

/**
 * A download with whole phone numbers: a plain GET form (works without JavaScript) that sends
 * contact=1 and the stated purpose, which the export writes to the audit log. Plain downloads
 * mask phones (app/domain/privacy/contact-export.server.ts).
 */
export function ContactExportForm({ action, params = {} }: { action: string; params?: Record<string, string> }) {
  const { t } = useI18n();
  const id = useId();
  return (
    <details className="mt-2 text-sm" data-testid="contact-export">
      <summary className="link cursor-pointer">{t("privacy.export.contactTitle")}</summary>
      <p className="mt-1 text-xs text-gray-500">{t("privacy.export.masked")}</p>
      <form method="get" action={action} className="mt-2 flex flex-wrap items-end gap-2">
        {Object.entries(params).map(([k, v]) => (
          <input key={k} type="hidden" name={k} value={v} />
        ))}
        <input type="hidden" name="contact" value="1" />
        <label className="min-w-0 flex-1" htmlFor={`${id}-purpose`}>
          <span className="label">{t("privacy.export.purpose")}</span>
          <input id={`${id}-purpose`} name="purpose" className="input" required minLength={4} maxLength={200} />
        </label>
        <select name="format" className="input w-auto" aria-label="CSV / XLSX" defaultValue="xlsx">
          <option value="xlsx">XLSX</option>
          <option value="csv">CSV</option>
        </select>
        <button type="submit" className="btn-secondary">
          {t("privacy.export.contactSubmit")}
        </button>
      </form>
    </details>
  );
}
