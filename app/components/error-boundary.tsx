import { isRouteErrorResponse, Link, useRouteError } from "@remix-run/react";
import type { MessageKey } from "~/i18n";
import { REFUSAL_MESSAGES } from "~/utils/error-messages";
import { useT } from "~/utils/i18n";

type StatusHandler = (error: { status: number; data: unknown }) => React.ReactNode;

/** The one error boundary every route uses: friendly pages for 404/403/400/413/415, a generic 500. */
export function GeneralErrorBoundary({ statusHandlers }: { statusHandlers?: Record<number, StatusHandler> }) {
  const error = useRouteError();
  const t = useT();
  if (typeof document !== "undefined" && !isRouteErrorResponse(error)) console.error(error);
  let title: MessageKey = "error.server.title";
  let body: MessageKey = "error.server.body";
  if (isRouteErrorResponse(error)) {
    const custom = statusHandlers?.[error.status];
    if (custom) return <>{custom(error)}</>;
    if (error.status === 404) [title, body] = ["error.notFound.title", "error.notFound.body"];
    else if (error.status === 403)
      [title, body] = [
        "error.forbidden.title",
        error.data === "origin" ? "error.forbiddenOrigin.body" : "error.forbidden.body",
      ];
    else if (REFUSAL_MESSAGES[error.status]) [title, body] = REFUSAL_MESSAGES[error.status];
  }
  return (
    <div className="card mx-auto max-w-lg text-center" role="alert">
      <h1 className="page-title">{t(title)}</h1>
      <p className="mb-4 text-gray-700">{t(body)}</p>
      <Link to="/" className="btn-primary">
        {t("error.goHome")}
      </Link>
    </div>
  );
}
