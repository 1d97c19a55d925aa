import { GeneralErrorBoundary } from "~/components/error-boundary";
import { useT } from "~/utils/i18n";

// Placeholder until the membership application lands.
export default function JoinPage() {
  const t = useT();
  return <h1 className="page-title">{t("nav.join")}</h1>;
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
