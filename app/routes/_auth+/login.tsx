import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { FieldFor, FormMessage } from "~/components/forms";
import { DefaultSubmit, PhoneAndCode } from "~/domain/account/code-inputs";
import { sendCode } from "~/domain/account/codes.server";
import { logInAndRedirect, senderOf } from "~/domain/account/session.server";
import { loginWithCode } from "~/domain/account/signup.server";
import { requireAnonymous } from "~/utils/auth.server";
import { prisma } from "~/utils/db.server";
import { limitEcho } from "~/utils/form-reply.server";
import { safeRedirectPath } from "~/utils/http.server";
import { useT } from "~/utils/i18n";
import { verifyAccountPassword } from "~/utils/password.server";
import {
  clientAddress,
  loginAccountKey,
  loginSucceeded,
  passRetryAfter,
  reserveLogin,
  retryAfter,
} from "~/utils/rate-limit.server";
import { catchRule, ruleErrors } from "~/utils/rule-error.server";
import { createSession, sessionCookie } from "~/utils/session.server";
import { normaliseIdentifier, smsCodeField, typedPhoneField } from "~/utils/validation";
import { pageMeta } from "~/utils/meta";

export const meta = pageMeta<typeof loader>("auth.login.title", "page.login.description");

const LoginSchema = z.object({
  identifier: z
    .string({ required_error: "validation.required" })
    .trim()
    .refine((v) => normaliseIdentifier(v) !== null, "auth.validation.badIdentifier"),
  password: z.string({ required_error: "validation.required" }).min(1, "validation.required"),
  redirectTo: z.string().optional(),
});

// Phone + SMS code: one form, "send code" first, then log in with it.
const CodeLoginSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("sendCode"), phone: typedPhoneField, redirectTo: z.string().optional() }),
  z.object({
    intent: z.literal("codeLogin"),
    phone: typedPhoneField,
    code: smsCodeField,
    redirectTo: z.string().optional(),
  }),
]);

// A 429's Retry-After reaches the browser too.
export const headers = passRetryAfter;

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAnonymous(request);
  const expired = new URL(request.url).searchParams.get("expired") === "1";
  return { expired };
}

export async function action({ request, context }: ActionFunctionArgs) {
  await requireAnonymous(request);
  const formData = await request.formData();
  const intent = formData.get("intent");
  if (intent === "sendCode" || intent === "codeLogin") return codeLogin(request, context, formData);
  const submission = parseWithZod(formData, { schema: LoginSchema });
  if (submission.status !== "success") {
    return data({ result: limitEcho(LoginSchema, submission.reply({ hideFields: ["password"] })) }, { status: 400 });
  }
  const id = normaliseIdentifier(submission.value.identifier)!;
  const user = await prisma.user.findUnique({
    where: id.kind === "phone" ? { phone: id.value } : { email: id.value },
    select: { id: true, passwordHash: true },
  });
  // The try is reserved before the password is checked (see rate-limit.server.ts).
  const accountKey = loginAccountKey(user?.id ?? null, id.value);
  const reserved = await reserveLogin(accountKey, clientAddress(context));
  if (!reserved.allowed) {
    const key = reserved.key === accountKey ? "auth.login.rateLimitedAccount" : "auth.login.rateLimitedIp";
    return data(
      {
        result: limitEcho(LoginSchema, submission.reply({ formErrors: [key], hideFields: ["password"] })),
        minutes: reserved.minutes,
      },
      { status: 429, headers: retryAfter(reserved) },
    );
  }
  // An unknown account and a wrong password get the same answer after the same work.
  const valid = await verifyAccountPassword(user?.passwordHash, submission.value.password);
  if (!user || !valid) {
    return data(
      {
        result: limitEcho(
          LoginSchema,
          submission.reply({ formErrors: ["auth.login.wrongCredentials"], hideFields: ["password"] }),
        ),
      },
      { status: 401 },
    );
  }
  await loginSucceeded(accountKey, reserved.ids);
  const session = await createSession(user.id, request.headers.get("User-Agent"));
  return redirect(safeRedirectPath(submission.value.redirectTo), {
    headers: { "Set-Cookie": sessionCookie(session.token, session.expiresAt, request) },
  });
}

async function codeLogin(request: Request, context: unknown, formData: FormData) {
  const submission = parseWithZod(formData, { schema: CodeLoginSchema });
  const reply = (options?: Parameters<typeof submission.reply>[0]) =>
    limitEcho(CodeLoginSchema, submission.reply({ ...options, hideFields: ["code"] }));
  if (submission.status !== "success") return data({ form: "code" as const, result: reply() }, { status: 400 });
  const input = submission.value;
  if (input.intent === "sendCode") {
    const sent = await catchRule(() => sendCode("login", input.phone, senderOf(request, context)));
    if (!sent.ok)
      return data({ form: "code" as const, result: reply(ruleErrors(sent.error)) }, { status: sent.error.status });
    return { form: "code" as const, result: reply(), sentTo: input.phone };
  }
  const result = await catchRule(() => loginWithCode(input.phone, input.code));
  if (!result.ok)
    return data({ form: "code" as const, result: reply(ruleErrors(result.error)) }, { status: result.error.status });
  return logInAndRedirect(request, result.value, safeRedirectPath(input.redirectTo));
}

export default function LoginPage() {
  const t = useT();
  const { expired } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const isCode = actionData && "form" in actionData;
  const [form, fields] = useForm({
    id: "login",
    lastResult: isCode ? undefined : actionData?.result,
    constraint: getZodConstraint(LoginSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: LoginSchema }),
    shouldRevalidate: "onBlur",
  });
  const [codeForm, codeFields] = useForm({
    id: "login-code",
    lastResult: isCode ? actionData.result : undefined,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: CodeLoginSchema }),
    shouldRevalidate: "onBlur",
  });
  const sentTo = actionData && "sentTo" in actionData ? actionData.sentTo : null;
  const minutes = actionData && "minutes" in actionData ? actionData.minutes : undefined;
  const redirectTo = searchParams.get("redirectTo") ?? "/";
  return (
    <div className="mx-auto max-w-sm">
      <h1 className="page-title">{t("auth.login.title")}</h1>
      {expired ? <FormMessage tone="error" message={t("auth.login.sessionExpired")} /> : null}
      <h2 className="mb-2 font-semibold">{t("account.login.withPassword")}</h2>
      <Form method="post" {...getFormProps(form)} className="card">
        {form.errors?.length ? (
          <p role="alert" className="field-error mb-3">
            {form.errors.map((e) => t(e as never, { minutes: Number(minutes ?? 15) })).join(" ")}
          </p>
        ) : null}
        <input type="hidden" name="redirectTo" value={redirectTo} />
        <FieldFor meta={fields.identifier} label={t("auth.login.identifier")}>
          <input
            className="input"
            autoComplete="username"
            inputMode="email"
            {...getInputProps(fields.identifier, { type: "text" })}
          />
        </FieldFor>
        <FieldFor meta={fields.password} label={t("auth.login.password")}>
          <input
            className="input"
            autoComplete="current-password"
            {...getInputProps(fields.password, { type: "password" })}
          />
        </FieldFor>
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
      <Form method="post" {...getFormProps(codeForm)} className="card">
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
