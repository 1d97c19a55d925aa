// The assessment and evaluation actions reply with one shape: a translated message (and field errors) and a 4xx on refusal.
import { data } from "@remix-run/node";
import { isMessageKey, type MessageKey, type TFunction } from "~/i18n";
import { RuleError } from "~/utils/rule-error";
import { catchRule } from "~/utils/rule-error.server";
import type { FieldError } from "./submissions.server";

export type Reply = { ok: boolean; message: string | null; errors: Record<string, string[]> };

export function ok(message: string): Reply {
  return { ok: true, message, errors: {} };
}

export function refuse(status: number, message: string | null, errors: Record<string, string[]> = {}) {
  return data<Reply>({ ok: false, message, errors }, { status });
}

export function fieldErrors(errors: Record<string, FieldError>, t: TFunction) {
  return Object.fromEntries(
    Object.entries(errors).map(([k, e]) => [k, [isMessageKey(e.key) ? t(e.key, e.params) : e.key]]),
  );
}

/** A failed Conform submission's field errors (catalog keys), translated; `fallback` for a message that is not a key. */
export function submissionErrors(
  error: Record<string, string[] | null> | null | undefined,
  t: TFunction,
  fallback: MessageKey = "error.badRequest.title",
) {
  return Object.fromEntries(
    Object.entries(error ?? {}).map(([k, messages]) => [
      k,
      [t(isMessageKey(messages?.[0] ?? "") ? (messages![0] as MessageKey) : fallback)],
    ]),
  );
}

/** Runs an action step; a RuleError becomes its translated message and status. */
export async function attempt<T>(t: TFunction, step: () => Promise<T>) {
  const result = await catchRule(step);
  return result.ok
    ? { value: result.value }
    : { refused: refuse(result.error.status, t(result.error.key, result.error.params)) };
}

/** In a loader: a RuleError becomes a plain error response (rendered by the error boundary). */
export async function orResponse<T>(step: () => Promise<T>) {
  try {
    return await step();
  } catch (error) {
    if (error instanceof RuleError) throw new Response(error.key, { status: error.status });
    throw error;
  }
}
