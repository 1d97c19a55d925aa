import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData } from "@remix-run/react";
import { z } from "zod";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { FieldFor, FormMessage } from "~/components/forms";
import { CodeField, DefaultSubmit, NewPasswordFields } from "~/domain/account/code-inputs";
import { sendCode, sendLink } from "~/domain/account/codes.server";
import { setPasswordWithCode } from "~/domain/account/passwords.server";
import { logInAndRedirect, senderOf } from "~/domain/account/session.server";
import { requireAnonymous } from "~/utils/auth.server";
import { prisma } from "~/utils/db.server";
import { limitEcho } from "~/utils/form-reply.server";
import { useT } from "~/utils/i18n";
import { hashPassword } from "~/utils/password.server";
import { catchRule, ruleErrors } from "~/utils/rule-error.server";
import { newPasswordField, normaliseIdentifier, smsCodeField, typedPhoneField } from "~/utils/validation";
import { pageMeta } from "~/utils/meta";

export const meta = pageMeta<typeof loader>("account.forgot.title", "page.forgot.description");

// A forgotten password: a phone gets an SMS code (then a new password here); an e-mail gets a
// link to /reset-password/<token>. The answer is the same whether or not an account uses the address.
const ForgotSchema = z
  .discriminatedUnion("intent", [
    z.object({
      intent: z.literal("send"),
      identifier: z
        .string({ required_error: "validation.required" })
        .trim()
        .max(200, "validation.tooLong")
        .refine((v) => normaliseIdentifier(v) !== null, "auth.validation.badIdentifier"),
    }),
    z.object({
      intent: z.literal("reset"),
      identifier: typedPhoneField,
      code: smsCodeField,
      password: newPasswordField,
      confirmPassword: z.string({ required_error: "validation.required" }),
    }),
  ])
  .superRefine((v, ctx) => {
    if (v.intent === "reset" && v.password !== v.confirmPassword)
      ctx.addIssue({ code: "custom", path: ["confirmPassword"], message: "auth.validation.passwordMismatch" });
  });

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAnonymous(request);
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  await requireAnonymous(request);
  const submission = parseWithZod(await request.formData(), { schema: ForgotSchema });
  const reply = (options?: Parameters<typeof submission.reply>[0]) =>
    limitEcho(ForgotSchema, submission.reply({ ...options, hideFields: ["password", "confirmPassword", "code"] }));
  if (submission.status !== "success") return data({ result: reply() }, { status: 400 });
  const input = submission.value;
  const sender = senderOf(request, context);
  if (input.intent === "send") {
    const id = normaliseIdentifier(input.identifier)!;
    if (id.kind === "phone") {
      const sent = await catchRule(() => sendCode("reset", id.value, sender, "identifier"));
      if (!sent.ok) return data({ result: reply(ruleErrors(sent.error)) }, { status: sent.error.status });
      return { result: reply(), sentPhone: id.value };
    }
    const user = await prisma.user.findUnique({ where: { email: id.value }, select: { id: true } });
    const link = { ...sender, userId: user?.id ?? null, path: "/reset-password" };
    const sent = await catchRule(() => sendLink("resetEmail", id.value, user?.id ?? null, link, "identifier"));
    if (!sent.ok) return data({ result: reply(ruleErrors(sent.error)) }, { status: sent.error.status });
    return { result: reply(), sentEmail: true };
  }
  const passwordHash = await hashPassword(input.password);
  const result = await catchRule(() => setPasswordWithCode("reset", input.identifier, input.code, passwordHash));
  if (!result.ok) {
    // The domain names the phone field "phone"; here it is "identifier".
    const { phone, ...others } = result.error.fieldErrors;
    const fieldErrors = phone ? { ...others, identifier: phone } : others;
    return data({ result: reply({ fieldErrors }) }, { status: result.error.status });
  }
  return logInAndRedirect(request, result.value, "/me/security?reset=1");
}

export default function ForgotPasswordPage() {
  const t = useT();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm({
    id: "forgot",
    lastResult: actionData?.result,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ForgotSchema }),
    shouldRevalidate: "onBlur",
  });
  const sentPhone = actionData && "sentPhone" in actionData ? actionData.sentPhone : null;
  const sentEmail = actionData && "sentEmail" in actionData;
  const phoneStep = Boolean(sentPhone || fields.code.errors || fields.password.errors);
  return (
    <div className="mx-auto max-w-sm">
      <h1 className="page-title">{t("account.forgot.title")}</h1>
      <Form method="post" {...getFormProps(form)} className="card">
        <DefaultSubmit intent={phoneStep ? "reset" : "send"} />
        {sentPhone ? <FormMessage message={t("account.code.sent", { phone: sentPhone })} /> : null}
        {sentEmail ? <FormMessage message={t("account.forgot.emailSent")} /> : null}
        {form.errors?.length ? (
          <p role="alert" className="field-error mb-3">
            {form.errors.map((e) => t(e as never)).join(" ")}
          </p>
        ) : null}
        <p className="mb-3 text-sm text-gray-600">{t("account.forgot.intro")}</p>
        <FieldFor meta={fields.identifier} label={t("auth.login.identifier")}>
          <input className="input" autoComplete="username" {...getInputProps(fields.identifier, { type: "text" })} />
        </FieldFor>
        <button type="submit" name="intent" value="send" className="btn-secondary mb-4 w-full" formNoValidate>
          {t("account.forgot.send")}
        </button>
        <CodeField code={fields.code} />
        <NewPasswordFields
          password={fields.password}
          confirmPassword={fields.confirmPassword}
          label={t("account.reset.newPassword")}
        />
        <button type="submit" name="intent" value="reset" className="btn-primary w-full">
          {t("account.forgot.submit")}
        </button>
      </Form>
      <p className="mt-4 text-center text-sm">
        <Link className="link" to="/login">
          {t("auth.register.loginLink")}
        </Link>
      </p>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
