// Small pieces shared by the contest, organiser, judging and "my entries" pages.
import { Link, NavLink } from "@remix-run/react";
import type { MessageKey } from "~/i18n";
import { isMessageKey } from "~/i18n/translate";
import { useI18n } from "~/utils/i18n";

export function useCategoryLabel() {
  const { t } = useI18n();
  return (c: string) => (isMessageKey(`contests.category.${c}`) ? t(`contests.category.${c}` as MessageKey) : c);
}

export function StatusBadge({ status }: { status: string }) {
  const { t } = useI18n();
  const tone =
    status === "withdrawn" || status === "not_adopted"
      ? "bg-gray-100 text-gray-600"
      : status === "draft"
        ? "bg-yellow-50 text-yellow-800"
        : "bg-green-50 text-green-800";
  return <span className={`badge ${tone}`}>{t(`contests.status.${status}` as MessageKey)}</span>;
}

/** A rule error from an action: `{ error: { key, params } }`, shown as an alert. */
export function ActionError({ error }: { error?: { key: string; params?: Record<string, string | number> } | null }) {
  const { t } = useI18n();
  if (!error) return null;
  return (
    <p role="alert" className="mb-4 rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
      {isMessageKey(error.key) ? t(error.key, error.params) : error.key}
    </p>
  );
}

export function OrganiserTabs({ contestId, kind }: { contestId: string; kind: string }) {
  const { t } = useI18n();
  const cls = ({ isActive }: { isActive: boolean }) =>
    `whitespace-nowrap rounded px-3 py-1.5 text-sm ${isActive ? "bg-brand-50 font-semibold text-brand-700" : "text-gray-700 hover:bg-gray-100"}`;
  return (
    <nav className="mb-4 flex gap-1 overflow-x-auto border-b border-gray-200 pb-2">
      <NavLink end to={`/organise/${contestId}`} className={cls}>
        {t("contests.org.dashboard")}
      </NavLink>
      {kind === "golden_idea" ? (
        <NavLink to={`/organise/${contestId}/ideas`} className={cls}>
          {t("contests.org.ideasTab")}
        </NavLink>
      ) : null}
      <NavLink to={`/organise/${contestId}/judges`} className={cls}>
        {t("contests.org.judges")}
      </NavLink>
      <NavLink to={`/organise/${contestId}/results`} className={cls}>
        {t("contests.org.resultsTab")}
      </NavLink>
      <NavLink to={`/organise/${contestId}/edit`} className={cls}>
        {t("contests.org.settings")}
      </NavLink>
      <Link
        to={`/contests/${contestId}`}
        className="whitespace-nowrap px-3 py-1.5 text-sm text-gray-500 hover:underline"
      >
        {t("contests.org.publicPage")} ↗
      </Link>
    </nav>
  );
}
