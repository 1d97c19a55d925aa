import { Form, Link, useActionData, useSearchParams } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { FormMessage } from "~/components/form-parts";
import { plainInputProps, PlainFieldFor, serverForm } from "~/components/server-form";
import { DefaultSubmit, NewPasswordFields, PhoneAndCode } from "~/domain/account/code-inputs";
import { useT } from "~/utils/i18n";
import { pageMeta } from "~/utils/meta";
import type * as Server from "./__register.server";

// Loader and action live in ./__register.server.ts (the page's JavaScript stays within its budget).
export { action, headers, loader } from "./__register.server";

export const meta = pageMeta<typeof Server.loader>("auth.register.title", "page.register.description");

export default function RegisterPage() {
  const t = useT();
  const actionData = useActionData<typeof Server.action>();
  const [searchParams] = useSearchParams();
  const { form, fields } = serverForm("register", actionData?.result, [
    "name",
    "phone",
    "code",
    "password",
    "confirmPassword",
  ]);
  const sentTo = actionData && "sentTo" in actionData ? actionData.sentTo : null;
  const minutes = actionData && "minutes" in actionData ? actionData.minutes : undefined;
  return (
    <div className="mx-auto max-w-sm">
      <h1 className="page-title">{t("auth.register.title")}</h1>
      <Form method="post" {...form.props} className="card">
        <DefaultSubmit intent="register" />
        {sentTo ? <FormMessage message={t("account.code.sent", { phone: sentTo })} /> : null}
        {form.errors?.length ? (
          <p role="alert" className="field-error mb-3">
            {form.errors.map((e) => t(e as never, { minutes: Number(minutes ?? 60) })).join(" ")}
          </p>
        ) : null}
        <input type="hidden" name="redirectTo" value={searchParams.get("redirectTo") ?? ""} />
        <PlainFieldFor meta={fields.name} label={t("auth.register.name")}>
          <input className="input" autoComplete="name" {...plainInputProps(fields.name, "text")} />
        </PlainFieldFor>
        <p className="mb-3 text-xs text-gray-500">{t("account.register.codeHint")}</p>
        <PhoneAndCode phone={fields.phone} code={fields.code} sendIntent="sendCode" />
        <NewPasswordFields password={fields.password} confirmPassword={fields.confirmPassword} />
        <p className="mb-3 text-sm text-gray-600" data-testid="privacy-notice">
          <Link className="link" to="/privacy" target="_blank">
            {t("privacy.register.notice")}
          </Link>
        </p>
        <button type="submit" name="intent" value="register" className="btn-primary w-full">
          {t("auth.register.submit")}
        </button>
      </Form>
      <p className="mt-4 text-center text-sm">
        {t("auth.register.haveAccount")}{" "}
        <Link className="link" to={`/login${searchParams.size ? `?${searchParams}` : ""}`}>
          {t("auth.register.loginLink")}
        </Link>
      </p>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
