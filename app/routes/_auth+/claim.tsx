import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { FormMessage } from "~/components/forms";
import { DefaultSubmit, PhoneAndCode, NewPasswordFields } from "~/domain/account/code-inputs";
import { sendCode } from "~/domain/account/codes.server";
import { setPasswordWithCode } from "~/domain/account/passwords.server";
import { logInAndRedirect, senderOf } from "~/domain/account/session.server";
import { getUserId } from "~/utils/auth.server";
import { limitEcho } from "~/utils/form-reply.server";
import { useT } from "~/utils/i18n";
import { hashPassword } from "~/utils/password.server";
import { catchRule, ruleErrors } from "~/utils/rule-error.server";
import { newPasswordField, PHONE_RE, smsCodeField, typedPhoneField } from "~/utils/validation";
import { pageMeta } from "~/utils/meta";

export const meta = pageMeta<typeof loader>("account.claim.title", "page.claim.description");

// /claim?phone=…&from=activity:<id> — where the door's join invitation leads a walk-in: prove the
// phone, set a password, and go on to the union application with the activity as its source.
// The page says the same for any number; a claimed account's holder who proves the number simply
// sets a new password (the same proof as a forgotten password).
const SOURCE_RE = /^(activity|contest|center):[\w-]{1,64}$/;

const ClaimSchema = z
  .discriminatedUnion("intent", [
    z.object({ intent: z.literal("sendCode"), phone: typedPhoneField, from: z.string().optional() }),
    z.object({
      intent: z.literal("claim"),
      phone: typedPhoneField,
      code: smsCodeField,
      password: newPasswordField,
      confirmPassword: z.string({ required_error: "validation.required" }),
      from: z.string().optional(),
    }),
  ])
  .superRefine((v, ctx) => {
    if (v.intent === "claim" && v.password !== v.confirmPassword)
      ctx.addIssue({ code: "custom", path: ["confirmPassword"], message: "auth.validation.passwordMismatch" });
  });

/** The join page for this source (through /join/go, which counts the click). */
const joinPath = (from: string | null | undefined) =>
  from && SOURCE_RE.test(from) ? `/join/go?from=${encodeURIComponent(from)}` : "/join";

export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const from = url.searchParams.get("from");
  if (await getUserId(request)) throw redirect(joinPath(from));
  const phone = url.searchParams.get("phone") ?? "";
  return { phone: PHONE_RE.test(phone) ? phone : "", from: from && SOURCE_RE.test(from) ? from : "" };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const submission = parseWithZod(await request.formData(), { schema: ClaimSchema });
  const reply = (options?: Parameters<typeof submission.reply>[0]) =>
    limitEcho(ClaimSchema, submission.reply({ ...options, hideFields: ["password", "confirmPassword", "code"] }));
  if (submission.status !== "success") return data({ result: reply() }, { status: 400 });
  const input = submission.value;
  if (input.intent === "sendCode") {
    const sent = await catchRule(() => sendCode("claim", input.phone, senderOf(request, context)));
    if (!sent.ok) return data({ result: reply(ruleErrors(sent.error)) }, { status: sent.error.status });
    return { result: reply(), sentTo: input.phone };
  }
  const passwordHash = await hashPassword(input.password);
  const result = await catchRule(() => setPasswordWithCode("claim", input.phone, input.code, passwordHash));
  if (!result.ok) return data({ result: reply(ruleErrors(result.error)) }, { status: result.error.status });
  return logInAndRedirect(request, result.value, joinPath(input.from));
}

export default function ClaimPage() {
  const t = useT();
  const { phone, from } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm({
    id: "claim",
    lastResult: actionData?.result,
    defaultValue: { phone },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ClaimSchema }),
    shouldRevalidate: "onBlur",
  });
  const sentTo = actionData && "sentTo" in actionData ? actionData.sentTo : null;
  return (
    <div className="mx-auto max-w-sm">
      <h1 className="page-title">{t("account.claim.title")}</h1>
      <Form method="post" {...getFormProps(form)} className="card">
        <DefaultSubmit intent="claim" />
        <p className="mb-3 text-sm text-gray-600">{t("account.claim.intro")}</p>
        {sentTo ? <FormMessage message={t("account.code.sent", { phone: sentTo })} /> : null}
        {form.errors?.length ? (
          <p role="alert" className="field-error mb-3">
            {form.errors.map((e) => t(e as never)).join(" ")}
          </p>
        ) : null}
        <input type="hidden" name="from" value={from} />
        <PhoneAndCode phone={fields.phone} code={fields.code} sendIntent="sendCode" />
        <NewPasswordFields password={fields.password} confirmPassword={fields.confirmPassword} />
        <button type="submit" name="intent" value="claim" className="btn-primary w-full">
          {t("account.claim.submit")}
        </button>
      </Form>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
