import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { FieldFor, FormMessage } from "~/components/forms";
import { DefaultSubmit, PhoneAndCode, NewPasswordFields } from "~/domain/account/code-inputs";
import { sendCode } from "~/domain/account/codes.server";
import { logInAndRedirect, senderOf } from "~/domain/account/session.server";
import { registerWithCode } from "~/domain/account/signup.server";
import { requireAnonymous } from "~/utils/auth.server";
import { limitEcho } from "~/utils/form-reply.server";
import { safeRedirectPath } from "~/utils/http.server";
import { useT } from "~/utils/i18n";
import { hashPassword, isStrongPassword } from "~/utils/password.server";
import {
  clientAddress,
  consume,
  MAX_REGISTRATIONS_PER_IP,
  passRetryAfter,
  REGISTER_WINDOW_MS,
  retryAfter,
} from "~/utils/rate-limit.server";
import { catchRule, ruleErrors } from "~/utils/rule-error.server";
import { newPasswordField, requiredText, smsCodeField, typedPhoneField } from "~/utils/validation";
import { pageMeta } from "~/utils/meta";

export const meta = pageMeta<typeof loader>("auth.register.title", "page.register.description");

// Registration proves the phone with an SMS code (issue #10): every phone on an account is its
// holder's. An e-mail is added afterwards on /me/security, where it is verified too.
const RegisterSchema = z
  .discriminatedUnion("intent", [
    z.object({
      intent: z.literal("sendCode"),
      name: z.string().optional(),
      phone: typedPhoneField,
      redirectTo: z.string().optional(),
    }),
    z.object({
      intent: z.literal("register"),
      name: requiredText(50),
      phone: typedPhoneField,
      code: smsCodeField,
      password: newPasswordField,
      confirmPassword: z.string({ required_error: "validation.required" }),
      redirectTo: z.string().optional(),
    }),
  ])
  .superRefine((v, ctx) => {
    if (v.intent === "register" && v.password !== v.confirmPassword)
      ctx.addIssue({ code: "custom", path: ["confirmPassword"], message: "auth.validation.passwordMismatch" });
  });

// A 429's Retry-After reaches the browser too.
export const headers = passRetryAfter;

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAnonymous(request);
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  await requireAnonymous(request);
  const formData = await request.formData();
  if (!formData.has("intent")) formData.set("intent", "register");
  const submission = parseWithZod(formData, { schema: RegisterSchema });
  const reply = (options?: Parameters<typeof submission.reply>[0]) =>
    limitEcho(RegisterSchema, submission.reply({ ...options, hideFields: ["password", "confirmPassword", "code"] }));
  if (submission.status !== "success") return data({ result: reply() }, { status: 400 });
  const input = submission.value;
  if (input.intent === "sendCode") {
    const sent = await catchRule(() => sendCode("register", input.phone, senderOf(request, context)));
    if (!sent.ok) return data({ result: reply(ruleErrors(sent.error)) }, { status: sent.error.status });
    return { result: reply(), sentTo: input.phone };
  }
  // Every well-formed registration counts against the address, reserved before the code is checked.
  const throttle = await consume(`register:ip:${clientAddress(context)}`, MAX_REGISTRATIONS_PER_IP, REGISTER_WINDOW_MS);
  if (!throttle.allowed) {
    return data(
      { result: reply({ formErrors: ["auth.throttle.tooMany"] }), minutes: throttle.minutes },
      { status: 429, headers: retryAfter(throttle) },
    );
  }
  if (!isStrongPassword(input.password)) throw new Response("weak password", { status: 400 });
  const passwordHash = await hashPassword(input.password);
  const result = await catchRule(() => registerWithCode({ ...input, passwordHash }));
  if (!result.ok) return data({ result: reply(ruleErrors(result.error)) }, { status: result.error.status });
  return logInAndRedirect(request, result.value.userId, safeRedirectPath(input.redirectTo, "/me/profile?welcome=1"));
}

export default function RegisterPage() {
  const t = useT();
  const actionData = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const [form, fields] = useForm({
    id: "register",
    lastResult: actionData?.result,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: RegisterSchema }),
    shouldRevalidate: "onBlur",
  });
  const sentTo = actionData && "sentTo" in actionData ? actionData.sentTo : null;
  const minutes = actionData && "minutes" in actionData ? actionData.minutes : undefined;
  return (
    <div className="mx-auto max-w-sm">
      <h1 className="page-title">{t("auth.register.title")}</h1>
      <Form method="post" {...getFormProps(form)} className="card">
        <DefaultSubmit intent="register" />
        {sentTo ? <FormMessage message={t("account.code.sent", { phone: sentTo })} /> : null}
        {form.errors?.length ? (
          <p role="alert" className="field-error mb-3">
            {form.errors.map((e) => t(e as never, { minutes: Number(minutes ?? 60) })).join(" ")}
          </p>
        ) : null}
        <input type="hidden" name="redirectTo" value={searchParams.get("redirectTo") ?? ""} />
        <FieldFor meta={fields.name} label={t("auth.register.name")}>
          <input className="input" autoComplete="name" {...getInputProps(fields.name, { type: "text" })} />
        </FieldFor>
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
