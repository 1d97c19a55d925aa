import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { FieldFor } from "~/components/forms";
import { requireAnonymous } from "~/utils/auth.server";
import { isUniqueViolation, prisma } from "~/utils/db.server";
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
import { createSession, sessionCookie } from "~/utils/session.server";
import { EMAIL_RE, phoneField, requiredText } from "~/utils/validation";

const RegisterSchema = z
  .object({
    name: requiredText(50),
    phone: phoneField.optional(),
    email: z
      .string()
      .trim()
      .toLowerCase()
      .max(200, "validation.tooLong")
      .regex(EMAIL_RE, "auth.validation.badEmail")
      .optional(),
    password: z
      .string({ required_error: "validation.required" })
      .max(200, "validation.tooLong")
      .refine((p) => p.length >= 8 && /[A-Za-z]/.test(p) && /\d/.test(p), "auth.validation.weakPassword"),
    confirmPassword: z.string({ required_error: "validation.required" }),
    redirectTo: z.string().optional(),
  })
  .superRefine((value, ctx) => {
    if (!value.phone && !value.email)
      ctx.addIssue({ code: "custom", path: ["phone"], message: "auth.validation.phoneOrEmail" });
    if (value.password !== value.confirmPassword)
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
  const submission = parseWithZod(formData, { schema: RegisterSchema });
  const reply = (formErrors?: string[]) =>
    limitEcho(RegisterSchema, submission.reply({ formErrors, hideFields: ["password", "confirmPassword"] }));
  if (submission.status !== "success") return data({ result: reply() }, { status: 400 });
  // Every well-formed registration counts against the address (it creates an account or reveals
  // that a number is taken), reserved before the look-up.
  const throttle = await consume(`register:ip:${clientAddress(context)}`, MAX_REGISTRATIONS_PER_IP, REGISTER_WINDOW_MS);
  if (!throttle.allowed) {
    return data(
      { result: reply(["auth.throttle.tooMany"]), minutes: throttle.minutes },
      { status: 429, headers: retryAfter(throttle) },
    );
  }
  const { name, phone, email, password } = submission.value;
  if (!isStrongPassword(password)) throw new Response("weak password", { status: 400 });
  // A taken phone or email gets one answer that names neither (the unique index also decides races).
  const unavailable = () => data({ result: reply(["auth.register.unavailable"]) }, { status: 400 });
  const taken = await prisma.user.findFirst({
    where: { OR: [...(phone ? [{ phone }] : []), ...(email ? [{ email }] : [])] },
    select: { id: true },
  });
  if (taken) return unavailable();
  let user;
  try {
    user = await prisma.user.create({
      data: { name, phone: phone ?? null, email: email ?? null, passwordHash: await hashPassword(password) },
      select: { id: true },
    });
  } catch (error) {
    if (isUniqueViolation(error)) return unavailable();
    throw error;
  }
  const session = await createSession(user.id, request.headers.get("User-Agent"));
  return redirect(safeRedirectPath(submission.value.redirectTo, "/me/profile?welcome=1"), {
    headers: { "Set-Cookie": sessionCookie(session.token, session.expiresAt, request) },
  });
}

export default function RegisterPage() {
  const t = useT();
  const actionData = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const [form, fields] = useForm({
    id: "register",
    lastResult: actionData?.result,
    constraint: getZodConstraint(RegisterSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: RegisterSchema }),
    shouldRevalidate: "onBlur",
  });
  const minutes = actionData && "minutes" in actionData ? actionData.minutes : undefined;
  return (
    <div className="mx-auto max-w-sm">
      <h1 className="page-title">{t("auth.register.title")}</h1>
      <Form method="post" {...getFormProps(form)} className="card">
        {form.errors?.length ? (
          <p role="alert" className="field-error mb-3">
            {form.errors.map((e) => t(e as never, { minutes: Number(minutes ?? 60) })).join(" ")}
          </p>
        ) : null}
        <input type="hidden" name="redirectTo" value={searchParams.get("redirectTo") ?? ""} />
        <FieldFor meta={fields.name} label={t("auth.register.name")}>
          <input className="input" autoComplete="name" {...getInputProps(fields.name, { type: "text" })} />
        </FieldFor>
        <p className="mb-3 text-xs text-gray-500">{t("auth.register.phoneOrEmailHint")}</p>
        <FieldFor meta={fields.phone} label={t("auth.register.phone")}>
          <input
            className="input"
            autoComplete="tel"
            inputMode="tel"
            {...getInputProps(fields.phone, { type: "tel" })}
          />
        </FieldFor>
        <FieldFor meta={fields.email} label={t("auth.register.email")}>
          <input className="input" autoComplete="email" {...getInputProps(fields.email, { type: "email" })} />
        </FieldFor>
        <FieldFor meta={fields.password} label={t("auth.register.password")} hint={t("auth.register.passwordHint")}>
          <input
            className="input"
            autoComplete="new-password"
            {...getInputProps(fields.password, { type: "password" })}
          />
        </FieldFor>
        <FieldFor meta={fields.confirmPassword} label={t("auth.register.confirmPassword")}>
          <input
            className="input"
            autoComplete="new-password"
            {...getInputProps(fields.confirmPassword, { type: "password" })}
          />
        </FieldFor>
        <button type="submit" className="btn-primary w-full">
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
