import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { FieldFor } from "~/components/forms";
import { requireAnonymous } from "~/utils/auth.server";
import { prisma } from "~/utils/db.server";
import { safeRedirectPath } from "~/utils/http.server";
import { useT } from "~/utils/i18n";
import { hashPassword, isStrongPassword } from "~/utils/password.server";
import { createSession, sessionCookie } from "~/utils/session.server";
import { EMAIL_RE, PHONE_RE, requiredText } from "~/utils/validation";

const RegisterSchema = z
  .object({
    name: requiredText(50),
    phone: z.string().trim().regex(PHONE_RE, "auth.validation.badPhone").optional(),
    email: z.string().trim().toLowerCase().max(200, "validation.tooLong").regex(EMAIL_RE, "auth.validation.badEmail").optional(),
    password: z
      .string({ required_error: "validation.required" })
      .max(200, "validation.tooLong")
      .refine((p) => p.length >= 8 && /[A-Za-z]/.test(p) && /\d/.test(p), "auth.validation.weakPassword"),
    confirmPassword: z.string({ required_error: "validation.required" }),
    redirectTo: z.string().optional(),
  })
  .superRefine((value, ctx) => {
    if (!value.phone && !value.email) ctx.addIssue({ code: "custom", path: ["phone"], message: "auth.validation.phoneOrEmail" });
    if (value.password !== value.confirmPassword)
      ctx.addIssue({ code: "custom", path: ["confirmPassword"], message: "auth.validation.passwordMismatch" });
  });

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAnonymous(request);
  return null;
}

export async function action({ request }: ActionFunctionArgs) {
  await requireAnonymous(request);
  const formData = await request.formData();
  const submission = await parseWithZod(formData, {
    async: true,
    schema: RegisterSchema.superRefine(async (value, ctx) => {
      if (value.phone && (await prisma.user.findUnique({ where: { phone: value.phone }, select: { id: true } })))
        ctx.addIssue({ code: "custom", path: ["phone"], message: "auth.validation.phoneTaken" });
      if (value.email && (await prisma.user.findUnique({ where: { email: value.email }, select: { id: true } })))
        ctx.addIssue({ code: "custom", path: ["email"], message: "auth.validation.emailTaken" });
    }),
  });
  if (submission.status !== "success") {
    return data({ result: submission.reply({ hideFields: ["password", "confirmPassword"] }) }, { status: 400 });
  }
  const { name, phone, email, password } = submission.value;
  if (!isStrongPassword(password)) throw new Response("weak password", { status: 400 });
  let user;
  try {
    user = await prisma.user.create({
      data: { name, phone: phone ?? null, email: email ?? null, passwordHash: await hashPassword(password) },
      select: { id: true },
    });
  } catch (error) {
    // Two registrations raced for the same phone/email: the unique index decided.
    if ((error as { code?: string }).code === "P2002") {
      const field = String((error as { meta?: { target?: unknown } }).meta?.target ?? "").includes("email") ? "email" : "phone";
      const message = field === "email" ? "auth.validation.emailTaken" : "auth.validation.phoneTaken";
      return data({ result: submission.reply({ fieldErrors: { [field]: [message] }, hideFields: ["password", "confirmPassword"] }) }, { status: 400 });
    }
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
  return (
    <div className="mx-auto max-w-sm">
      <h1 className="page-title">{t("auth.register.title")}</h1>
      <Form method="post" {...getFormProps(form)} className="card">
        <input type="hidden" name="redirectTo" value={searchParams.get("redirectTo") ?? ""} />
        <FieldFor meta={fields.name} label={t("auth.register.name")}>
          <input className="input" autoComplete="name" {...getInputProps(fields.name, { type: "text" })} />
        </FieldFor>
        <p className="mb-3 text-xs text-gray-500">{t("auth.register.phoneOrEmailHint")}</p>
        <FieldFor meta={fields.phone} label={t("auth.register.phone")}>
          <input className="input" autoComplete="tel" inputMode="tel" {...getInputProps(fields.phone, { type: "tel" })} />
        </FieldFor>
        <FieldFor meta={fields.email} label={t("auth.register.email")}>
          <input className="input" autoComplete="email" {...getInputProps(fields.email, { type: "email" })} />
        </FieldFor>
        <FieldFor meta={fields.password} label={t("auth.register.password")} hint={t("auth.register.passwordHint")}>
          <input className="input" autoComplete="new-password" {...getInputProps(fields.password, { type: "password" })} />
        </FieldFor>
        <FieldFor meta={fields.confirmPassword} label={t("auth.register.confirmPassword")}>
          <input className="input" autoComplete="new-password" {...getInputProps(fields.confirmPassword, { type: "password" })} />
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
