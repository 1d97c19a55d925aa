// Field formats shared by forms on both sides (the one place a field's rule and message live).
// Messages are catalog keys, translated when shown.
import { z } from "zod";
import { isValidCreditCode } from "~/domain/membership/validators";

export const PHONE_RE = /^1[3-9]\d{9}$/;
export const EMAIL_RE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** A mainland mobile number: 11 digits starting 13–19. One message wherever a phone is asked for. */
export const phoneField = z
  .string({ required_error: "validation.required" })
  .trim()
  .regex(PHONE_RE, "auth.validation.badPhone");

/** A mobile number as people type it: spaces, dashes and a +86 prefix are dropped first. */
export const typedPhoneField = z.preprocess(
  (v) => (typeof v === "string" ? v.replace(/[\s-]/g, "").replace(/^\+?86/, "") : v),
  phoneField,
);

export const emailField = z
  .string()
  .trim()
  .toLowerCase()
  .max(200, "validation.tooLong")
  .regex(EMAIL_RE, "auth.validation.badEmail");

/** A phone number or an email, normalised (digits only for phones, lower case for emails). */
export function normaliseIdentifier(raw: string) {
  const value = raw.trim();
  const digits = value.replace(/[\s-]/g, "").replace(/^\+?86/, "");
  if (PHONE_RE.test(digits)) return { kind: "phone" as const, value: digits };
  if (EMAIL_RE.test(value)) return { kind: "email" as const, value: value.toLowerCase() };
  return null;
}

/** Text that must be filled in (at least `min` characters once trimmed), up to `max`. */
export const requiredText = (max = 200, min = 1) =>
  z
    .string({ required_error: "validation.required" })
    .trim()
    .min(min, "validation.required")
    .max(max, "validation.tooLong");

/** A unified social credit code, upper-cased, with its check character verified. */
export const creditCodeField = z
  .string()
  .trim()
  .toUpperCase()
  .refine((v) => isValidCreditCode(v), "membership.validation.badCreditCode");

/** A record id posted by a form (hidden input); an unknown id is the domain's to refuse. */
export const idField = z.string({ required_error: "validation.required" }).trim().max(100, "validation.tooLong");

/** A whole number from 0 to `max`, or undefined when left empty. */
export const wholeNumberField = (max: number) =>
  z.coerce
    .number({ invalid_type_error: "validation.invalidNumber" })
    .int("validation.invalidNumber")
    .min(0, "validation.invalidNumber")
    .max(max, "validation.invalidNumber")
    .optional();

/** A new password: at least 8 characters with letters and digits (the server re-checks with isStrongPassword). */
export const newPasswordField = z
  .string({ required_error: "validation.required" })
  .max(200, "validation.tooLong")
  .refine((p) => p.length >= 8 && /[A-Za-z]/.test(p) && /\d/.test(p), "auth.validation.weakPassword");

/** A 6-digit code received by SMS (spaces ignored). */
export const smsCodeField = z.preprocess(
  (v) => (typeof v === "string" ? v.replace(/\s/g, "") : v),
  z.string({ required_error: "account.code.format" }).regex(/^\d{6}$/, "account.code.format"),
);
