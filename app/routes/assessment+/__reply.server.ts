// Actions reply with one shape: a translated message (and field errors) and a 4xx on refusal.
import { data } from "@remix-run/node";
import { AssessmentError } from "~/domain/assessment/errors";
import type { FieldError } from "~/domain/assessment/submissions.server";
import { isMessageKey, type TFunction } from "~/i18n";

export type Reply = { ok: boolean; message: string | null; errors: Record<string, string[]> };

export function ok(message: string): Reply {
  return { ok: true, message, errors: {} };
}

export function refuse(status: number, message: string | null, errors: Record<string, string[]> = {}) {
  return data<Reply>({ ok: false, message, errors }, { status });
}

export function fieldErrors(errors: Record<string, FieldError>, t: TFunction) {
  return Object.fromEntries(Object.entries(errors).map(([k, e]) => [k, [isMessageKey(e.key) ? t(e.key, e.params) : e.key]]));
}

/** Runs an action step; an AssessmentError becomes its translated message and status. */
export async function attempt<T>(t: TFunction, step: () => Promise<T>) {
  try {
    return { value: await step() };
  } catch (error) {
    if (error instanceof AssessmentError) return { refused: refuse(error.status, t(error.key, error.params)) };
    throw error;
  }
}

/** In a loader: an AssessmentError becomes a plain error response (rendered by the error boundary). */
export async function orResponse<T>(step: () => Promise<T>) {
  try {
    return await step();
  } catch (error) {
    if (error instanceof AssessmentError) throw new Response(error.key, { status: error.status });
    throw error;
  }
}
