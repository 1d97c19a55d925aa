import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { FormMessage } from "~/components/forms";
import { findLink } from "~/domain/account/codes.server";
import { applyEmailLink } from "~/domain/account/contact.server";
import { useT } from "~/utils/i18n";
import { catchRule } from "~/utils/rule-error.server";
import { pageMeta } from "~/utils/meta";

export const meta = pageMeta<typeof loader>("account.verifyEmail.title", "page.verifyEmail.description");

// The link sent to a new log-in e-mail. Opening it only asks; the change is a POST, so a mail
// scanner that follows links cannot make it.
export async function loader({ params }: LoaderFunctionArgs) {
  const link = await findLink("verifyEmail", params.token ?? "");
  // 200 either way: after the POST succeeds the link is used, and the page shows the outcome.
  return { email: link?.target ?? null };
}

export async function action({ params }: ActionFunctionArgs) {
  const link = await findLink("verifyEmail", params.token ?? "");
  const result = await catchRule(() => applyEmailLink(params.token ?? ""));
  if (!result.ok) return data({ error: result.error.key, email: null }, { status: result.error.status });
  return { error: null, email: link?.target ?? null };
}

export default function VerifyEmailPage() {
  const t = useT();
  const { email } = useLoaderData<typeof loader>();
  const done = useActionData<typeof action>();
  return (
    <div className="mx-auto max-w-sm">
      <h1 className="page-title">{t("account.verifyEmail.title")}</h1>
      <div className="card">
        {done?.error ? <FormMessage tone="error" message={t(done.error)} /> : null}
        {done?.email ? (
          <FormMessage message={t("account.verifyEmail.done", { email: done.email })} />
        ) : email ? (
          <Form method="post">
            <p className="mb-3">{t("account.verifyEmail.body", { email })}</p>
            <button type="submit" className="btn-primary w-full">
              {t("account.verifyEmail.confirm")}
            </button>
          </Form>
        ) : done ? null : (
          <FormMessage tone="error" message={t("account.link.invalid")} />
        )}
        <p className="mt-3 text-sm">
          <Link className="link" to="/me/security">
            {t("account.security.title")}
          </Link>
        </p>
      </div>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
