import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { FieldFor, FormMessage } from "~/components/forms";
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
import { createSession, sessionCookie } from "~/utils/session.server";
import { normaliseIdentifier } from "~/utils/validation";

const LoginSchema = z.object({
  identifier: z
    .string({ required_error: "validation.required" })
    .trim()
    .refine((v) => normaliseIdentifier(v) !== null, "auth.validation.badIdentifier"),
  password: z.string({ required_error: "validation.required" }).min(1, "validation.required"),
  redirectTo: z.string().optional(),
});

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

export default function LoginPage() {
  const t = useT();
  const { expired } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const [form, fields] = useForm({
    id: "login",
    lastResult: actionData?.result,
    constraint: getZodConstraint(LoginSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: LoginSchema }),
    shouldRevalidate: "onBlur",
  });
  const minutes = actionData && "minutes" in actionData ? actionData.minutes : undefined;
  return (
    <div className="mx-auto max-w-sm">
      <h1 className="page-title">{t("auth.login.title")}</h1>
      {expired ? <FormMessage tone="error" message={t("auth.login.sessionExpired")} /> : null}
      <Form method="post" {...getFormProps(form)} className="card">
        {form.errors?.length ? (
          <p role="alert" className="field-error mb-3">
            {form.errors.map((e) => t(e as never, { minutes: Number(minutes ?? 15) })).join(" ")}
          </p>
        ) : null}
        <input type="hidden" name="redirectTo" value={searchParams.get("redirectTo") ?? "/"} />
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
