import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { FormMessage } from "~/components/form-parts";
import { plainInputProps, PlainFieldFor, serverForm } from "~/components/server-form";
import { DefaultSubmit, PhoneAndCode } from "~/domain/account/code-inputs";
import { useT } from "~/utils/i18n";
import { pageMeta } from "~/utils/meta";
import type * as Server from "./__login.server";

// Loader and action live in ./__login.server.ts (the page's JavaScript stays within its budget).
export { action, headers, loader } from "./__login.server";

export const meta = pageMeta<typeof Server.loader>("auth.login.title", "page.login.description");

export default function LoginPage() {
  const t = useT();
  const { expired } = useLoaderData<typeof Server.loader>();
  const actionData = useActionData<typeof Server.action>();
  const [searchParams] = useSearchParams();
  const isCode = actionData && "form" in actionData;
  const { form, fields } = serverForm("login", isCode ? undefined : actionData?.result, ["identifier", "password"]);
  const { form: codeForm, fields: codeFields } = serverForm("login-code", isCode ? actionData.result : undefined, [
    "phone",
    "code",
  ]);
  fields.identifier.required = fields.password.required = true;
  const sentTo = actionData && "sentTo" in actionData ? actionData.sentTo : null;
  const minutes = actionData && "minutes" in actionData ? actionData.minutes : undefined;
  const redirectTo = searchParams.get("redirectTo") ?? "/";
  return (
    <div className="mx-auto max-w-sm">
      <h1 className="page-title">{t("auth.login.title")}</h1>
      {expired ? <FormMessage tone="error" message={t("auth.login.sessionExpired")} /> : null}
      <h2 className="mb-2 font-semibold">{t("account.login.withPassword")}</h2>
      <Form method="post" {...form.props} className="card">
        {form.errors?.length ? (
          <p role="alert" className="field-error mb-3">
            {form.errors.map((e) => t(e as never, { minutes: Number(minutes ?? 15) })).join(" ")}
          </p>
        ) : null}
        <input type="hidden" name="redirectTo" value={redirectTo} />
        <PlainFieldFor meta={fields.identifier} label={t("auth.login.identifier")}>
          <input
            className="input"
            autoComplete="username"
            inputMode="email"
            {...plainInputProps(fields.identifier, "text")}
          />
        </PlainFieldFor>
        <PlainFieldFor meta={fields.password} label={t("auth.login.password")}>
          <input className="input" autoComplete="current-password" {...plainInputProps(fields.password, "password")} />
        </PlainFieldFor>
        <button type="submit" className="btn-primary w-full">
          {t("auth.login.submit")}
        </button>
        <p className="mt-3 text-center text-sm">
          <Link className="link" to="/forgot-password">
            {t("account.login.forgot")}
          </Link>
        </p>
      </Form>
      <h2 className="mb-2 mt-6 font-semibold">{t("account.login.withCode")}</h2>
      <Form method="post" {...codeForm.props} className="card">
        <DefaultSubmit intent="codeLogin" />
        {sentTo ? <FormMessage message={t("account.code.sent", { phone: sentTo })} /> : null}
        {codeForm.errors?.length ? (
          <p role="alert" className="field-error mb-3">
            {codeForm.errors.map((e) => t(e as never)).join(" ")}
          </p>
        ) : null}
        <input type="hidden" name="redirectTo" value={redirectTo} />
        <PhoneAndCode phone={codeFields.phone} code={codeFields.code} sendIntent="sendCode" />
        <button type="submit" name="intent" value="codeLogin" className="btn-primary w-full">
          {t("account.login.codeSubmit")}
        </button>
      </Form>
      <p className="mt-4 text-center text-sm">
        {t("auth.login.noAccount")}{" "}
        <Link className="link" to={`/register${searchParams.size ? `?${searchParams}` : ""}`}>
          {t("auth.login.registerLink")}
        </Link>
      </p>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
