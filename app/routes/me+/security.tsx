import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { FieldFor, FormMessage } from "~/components/forms";
import { DefaultSubmit, PhoneAndCode, NewPasswordFields } from "~/domain/account/code-inputs";
import { sendCode, sendLink } from "~/domain/account/codes.server";
import { changePhone } from "~/domain/account/contact.server";
import { changePassword } from "~/domain/account/passwords.server";
import { senderOf } from "~/domain/account/session.server";
import type { MessageKey } from "~/i18n";
import { requireUser } from "~/utils/auth.server";
import { prisma } from "~/utils/db.server";
import { limitEcho } from "~/utils/form-reply.server";
import { useT } from "~/utils/i18n";
import { hashPassword } from "~/utils/password.server";
import { clientAddress } from "~/utils/rate-limit.server";
import { RuleError } from "~/utils/rule-error";
import { catchRule, ruleErrors } from "~/utils/rule-error.server";
import { emailField, newPasswordField, smsCodeField, typedPhoneField } from "~/utils/validation";
import { pageMeta } from "~/utils/meta";

export const meta = pageMeta<typeof loader>("account.security.title", "page.security.description");

// Account security: a new password (proven by the current one or a code to the account's phone;
// other sessions end), a new log-in phone (proven by a code sent to it) and a new log-in e-mail
// (proven by opening a link sent to it, /verify-email/<token>).
const SecuritySchema = z
  .discriminatedUnion("intent", [
    z.object({ intent: z.literal("sendPasswordCode") }),
    z.object({
      intent: z.literal("changePassword"),
      currentPassword: z.string().max(200, "validation.tooLong").optional(),
      code: smsCodeField.optional(),
      password: newPasswordField,
      confirmPassword: z.string({ required_error: "validation.required" }),
    }),
    z.object({ intent: z.literal("sendPhoneCode"), phone: typedPhoneField }),
    z.object({ intent: z.literal("changePhone"), phone: typedPhoneField, code: smsCodeField }),
    z.object({ intent: z.literal("sendEmailLink"), email: emailField }),
  ])
  .superRefine((v, ctx) => {
    if (v.intent !== "changePassword") return;
    if (!v.currentPassword && !v.code)
      ctx.addIssue({ code: "custom", path: ["currentPassword"], message: "account.security.proofRequired" });
    if (v.password !== v.confirmPassword)
      ctx.addIssue({ code: "custom", path: ["confirmPassword"], message: "auth.validation.passwordMismatch" });
  });

const FORM_OF = {
  sendPasswordCode: "password",
  changePassword: "password",
  sendPhoneCode: "phone",
  changePhone: "phone",
  sendEmailLink: "email",
} as const;
type FormName = (typeof FORM_OF)[keyof typeof FORM_OF];

export async function loader({ request }: LoaderFunctionArgs) {
  const sessionUser = await requireUser(request);
  const user = await prisma.user.findUniqueOrThrow({
    where: { id: sessionUser.id },
    select: { phone: true, email: true },
  });
  const reset = new URL(request.url).searchParams.get("reset") === "1";
  return { user, reset };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const formData = await request.formData();
  const intent = String(formData.get("intent") ?? "");
  const form: FormName = FORM_OF[intent as keyof typeof FORM_OF] ?? "password";
  const submission = parseWithZod(formData, { schema: SecuritySchema });
  const reply = (options?: Parameters<typeof submission.reply>[0]) =>
    limitEcho(
      SecuritySchema,
      submission.reply({ ...options, hideFields: ["currentPassword", "password", "confirmPassword", "code"] }),
    );
  const answer = (done: MessageKey | null, params: Record<string, string> = {}) => ({
    form,
    result: reply(done ? { resetForm: !done.startsWith("account.code") } : undefined),
    done,
    params,
  });
  if (submission.status !== "success") return data({ ...answer(null), result: reply() }, { status: 400 });
  const input = submission.value;
  const sender = senderOf(request, context, user.id);
  const step = await catchRule(async (): Promise<[MessageKey, Record<string, string>]> => {
    switch (input.intent) {
      case "sendPasswordCode": {
        const { phone } = await prisma.user.findUniqueOrThrow({ where: { id: user.id }, select: { phone: true } });
        if (!phone) throw new RuleError("account.security.noPhone", "code");
        await sendCode("reset", phone, sender, "code");
        return ["account.code.sent", { phone }];
      }
      case "changePassword": {
        const passwordHash = await hashPassword(input.password);
        await changePassword(user, input, passwordHash, clientAddress(context));
        return ["account.security.passwordChanged", {}];
      }
      case "sendPhoneCode":
        await sendCode("changePhone", input.phone, sender);
        return ["account.code.sent", { phone: input.phone }];
      case "changePhone":
        await changePhone(user.id, input.phone, input.code);
        return ["account.security.phoneChanged", {}];
      case "sendEmailLink":
        await sendLink("verifyEmail", input.email, user.id, { ...sender, path: "/verify-email" });
        return ["account.security.emailSent", { email: input.email }];
    }
  });
  if (!step.ok) return data({ ...answer(null), result: reply(ruleErrors(step.error)) }, { status: step.error.status });
  return answer(...step.value);
}

export default function SecurityPage() {
  const t = useT();
  const { user, reset } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const resultFor = (name: FormName) => (actionData?.form === name ? actionData.result : undefined);
  const doneFor = (name: FormName) =>
    actionData?.form === name && actionData.done ? (
      <FormMessage message={t(actionData.done, actionData.params)} />
    ) : null;
  const options = {
    onValidate: ({ formData }: { formData: FormData }) => parseWithZod(formData, { schema: SecuritySchema }),
  };
  const [passwordForm, passwordFields] = useForm({ id: "password", lastResult: resultFor("password"), ...options });
  const [phoneForm, phoneFields] = useForm({ id: "phone", lastResult: resultFor("phone"), ...options });
  const [emailForm, emailFields] = useForm({ id: "email", lastResult: resultFor("email"), ...options });
  const current = (value: string | null) =>
    t("account.security.current", { value: value ?? t("account.security.none") });
  return (
    <div className="mx-auto max-w-xl space-y-4">
      <h1 className="page-title">{t("account.security.title")}</h1>
      {reset ? <FormMessage message={t("account.reset.done")} /> : null}

      <Form method="post" {...getFormProps(passwordForm)} className="card" aria-labelledby="password-title">
        <DefaultSubmit intent="changePassword" />
        <h2 id="password-title" className="mb-2 font-semibold">
          {t("account.security.passwordTitle")}
        </h2>
        {doneFor("password")}
        <p className="mb-3 text-sm text-gray-600">{t("account.security.proofHint")}</p>
        <FieldFor meta={passwordFields.currentPassword} label={t("account.security.currentPassword")}>
          <input
            className="input"
            autoComplete="current-password"
            {...getInputProps(passwordFields.currentPassword, { type: "password" })}
          />
        </FieldFor>
        <FieldFor meta={passwordFields.code} label={t("account.code.label")}>
          <div className="flex gap-2">
            <input
              className="input"
              autoComplete="one-time-code"
              inputMode="numeric"
              maxLength={6}
              {...getInputProps(passwordFields.code, { type: "text" })}
            />
            <button
              type="submit"
              name="intent"
              value="sendPasswordCode"
              className="btn-secondary shrink-0"
              formNoValidate
              disabled={!user.phone}
            >
              {t("account.code.send")}
            </button>
          </div>
        </FieldFor>
        <NewPasswordFields
          password={passwordFields.password}
          confirmPassword={passwordFields.confirmPassword}
          label={t("account.reset.newPassword")}
        />
        <button type="submit" name="intent" value="changePassword" className="btn-primary w-full sm:w-auto">
          {t("account.security.passwordSubmit")}
        </button>
      </Form>

      <Form method="post" {...getFormProps(phoneForm)} className="card" aria-labelledby="phone-title">
        <DefaultSubmit intent="changePhone" />
        <h2 id="phone-title" className="mb-1 font-semibold">
          {t("account.security.phoneTitle")}
        </h2>
        <p className="mb-3 text-sm text-gray-600" data-testid="current-phone">
          {current(user.phone)}
        </p>
        {doneFor("phone")}
        <PhoneAndCode
          phone={phoneFields.phone}
          code={phoneFields.code}
          phoneLabel={t("account.security.newPhone")}
          sendIntent="sendPhoneCode"
        />
        <button type="submit" name="intent" value="changePhone" className="btn-primary w-full sm:w-auto">
          {t("account.security.phoneSubmit")}
        </button>
      </Form>

      <Form method="post" {...getFormProps(emailForm)} className="card" aria-labelledby="email-title">
        <h2 id="email-title" className="mb-1 font-semibold">
          {t("account.security.emailTitle")}
        </h2>
        <p className="mb-3 text-sm text-gray-600" data-testid="current-email">
          {current(user.email)}
        </p>
        {doneFor("email")}
        <FieldFor meta={emailFields.email} label={t("account.security.newEmail")}>
          <input className="input" autoComplete="email" {...getInputProps(emailFields.email, { type: "email" })} />
        </FieldFor>
        <button type="submit" name="intent" value="sendEmailLink" className="btn-primary w-full sm:w-auto">
          {t("account.security.sendLink")}
        </button>
      </Form>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
