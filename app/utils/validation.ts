// Field formats shared by forms on both sides. Messages are catalog keys, translated when shown.
import { z } from "zod";

export const PHONE_RE = /^1[3-9]\d{9}$/;
export const EMAIL_RE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export const phoneField = z
  .string({ required_error: "validation.required" })
  .trim()
  .regex(PHONE_RE, "auth.validation.badPhone");

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

export const requiredText = (max = 200) =>
  z.string({ required_error: "validation.required" }).trim().min(1, "validation.required").max(max, "validation.tooLong");
