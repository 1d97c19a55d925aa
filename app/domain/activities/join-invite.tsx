// The door to the union, shown to workers who are not members: on the sign-up confirmation, in
// "my activities" after attending. Always through /join/go so the click is counted with its source.
import { useT } from "~/utils/i18n";

export function JoinInvite({ activityId, attended = false }: { activityId: string; attended?: boolean }) {
  const t = useT();
  return (
    <div className="card border-brand-100 bg-brand-50" data-testid="join-invite">
      <p className="font-medium text-brand-700">
        {t(attended ? "activities.invite.afterAttendTitle" : "activities.invite.title")}
      </p>
      <p className="mt-1 text-sm text-gray-700">{t("activities.invite.body")}</p>
      <a href={`/join/go?from=activity:${activityId}`} className="btn-primary mt-3">
        {t("activities.invite.cta")}
      </a>
    </div>
  );
}
