// The registration page's server side: its schema, loader and action, out of the route module so
// that the page's JavaScript carries neither Zod nor the server modules' stubs (issue #12 item 15).
import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data } from "@remix-run/node";
import { z } from "zod";
import { sendCode } from "~/domain/account/codes.server";
import { logInAndRedirect, senderOf } from "~/domain/account/session.server";
import { registerWithCode } from "~/domain/account/signup.server";
import { requireAnonymous } from "~/utils/auth.server";
import { limitEcho } from "~/utils/form-reply.server";
import { safeRedirectPath } from "~/utils/http.server";
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
