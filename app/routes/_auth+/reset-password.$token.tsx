import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { NewPasswordFields } from "~/domain/account/code-inputs";
import { FormMessage } from "~/components/forms";
import { findLink } from "~/domain/account/codes.server";
import { setPasswordWithLink } from "~/domain/account/passwords.server";
import { logInAndRedirect } from "~/domain/account/session.server";
import { limitEcho } from "~/utils/form-reply.server";
import { useT } from "~/utils/i18n";
import { hashPassword } from "~/utils/password.server";
import { catchRule, ruleErrors } from "~/utils/rule-error.server";
import { newPasswordField } from "~/utils/validation";
import { pageMeta } from "~/utils/meta";

export const meta = pageMeta<typeof loader>("account.reset.title", "page.reset.description");

// The e-mailed link of a forgotten password: a new password, then every session ends and this
// browser is logged in afresh.
const ResetSchema = z
  .object({ password: newPasswordField, confirmPassword: z.string({ required_error: "validation.required" }) })
  .refine((v) => v.password === v.confirmPassword, {
    path: ["confirmPassword"],
    message: "auth.validation.passwordMismatch",
  });

export async function loader({ params }: LoaderFunctionArgs) {
  const link = await findLink("resetEmail", params.token ?? "");
  // An unknown, used or expired link is a page saying so, not an error.
  return { valid: Boolean(link) };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const submission = parseWithZod(await request.formData(), { schema: ResetSchema });
  const reply = (options?: Parameters<typeof submission.reply>[0]) =>
    limitEcho(ResetSchema, submission.reply({ ...options, hideFields: ["password", "confirmPassword"] }));
  if (submission.status !== "success") return data({ result: reply() }, { status: 400 });
  const passwordHash = await hashPassword(submission.value.password);
  const result = await catchRule(() => setPasswordWithLink(params.token ?? "", passwordHash));
  if (!result.ok) return data({ result: reply(ruleErrors(result.error)) }, { status: result.error.status });
  return logInAndRedirect(request, result.value, "/me/security?reset=1");
}

export default function ResetPasswordPage() {
  const t = useT();
  const { valid } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm({
    id: "reset",
    lastResult: actionData?.result,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ResetSchema }),
    shouldRevalidate: "onBlur",
  });
  return (
    <div className="mx-auto max-w-sm">
      <h1 className="page-title">{t("account.reset.title")}</h1>
      {valid ? (
        <Form method="post" {...getFormProps(form)} className="card">
          {form.errors?.length ? (
            <p role="alert" className="field-error mb-3">
              {form.errors.map((e) => t(e as never)).join(" ")}
            </p>
          ) : null}
          <NewPasswordFields
            password={fields.password}
            confirmPassword={fields.confirmPassword}
            label={t("account.reset.newPassword")}
          />
          <button type="submit" className="btn-primary w-full">
            {t("account.forgot.submit")}
          </button>
        </Form>
      ) : (
        <div className="card">
          <FormMessage tone="error" message={t("account.link.invalid")} />
          <Link className="link" to="/forgot-password">
            {t("account.login.forgot")}
          </Link>
        </div>
      )}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
