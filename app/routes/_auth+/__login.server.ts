// The log-in page's server side: its schemas, loader and action. Kept out of the route module so
// that the page's JavaScript carries neither Zod nor the server modules' stubs (issue #12 item 15):
// the form is checked here only, and the page renders the reply (app/components/server-form.tsx).
import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { z } from "zod";
import { sendCode } from "~/domain/account/codes.server";
import { logInAndRedirect, senderOf } from "~/domain/account/session.server";
import { loginWithCode } from "~/domain/account/signup.server";
import { requireAnonymous } from "~/utils/auth.server";
import { prisma } from "~/utils/db.server";
import { limitEcho } from "~/utils/form-reply.server";
import { safeRedirectPath } from "~/utils/http.server";
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
