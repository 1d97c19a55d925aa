// Turns a RuleError thrown by a domain step into what the action answers; anything else rethrows.
// Pages with a Conform form reply with `submission.reply(ruleErrors(error))` and `error.status`;
// the contest pages (ActionError) with `ruleResult`'s ready response.
import { data } from "@remix-run/node";
import { RuleError } from "./rule-error";

/** Runs a domain step: `{ ok: true, value }`, or `{ ok: false, error }` for a broken rule. */
export async function catchRule<T>(step: () => Promise<T>) {
  try {
    return { ok: true as const, value: await step() };
  } catch (error) {
    if (error instanceof RuleError) return { ok: false as const, error };
    throw error;
  }
}

/** Conform's field errors (or form error) for a broken rule, for `submission.reply(...)`; messages are catalog keys. */
export function ruleErrors(error: RuleError) {
  return Object.keys(error.fieldErrors).length ? { fieldErrors: error.fieldErrors } : { formErrors: [error.key] };
}

/** A broken rule as `{ error: { key, params }, fieldErrors }` with its status. */
export function replyToRule(error: RuleError) {
  return data(
    { error: { key: error.key as string, params: error.params }, fieldErrors: error.fieldErrors },
    { status: error.status },
  );
}

/** `catchRule` whose refusal comes back ready as `response` (`replyToRule`). */
export async function ruleResult<T>(step: () => Promise<T>) {
  const result = await catchRule(step);
  return result.ok ? result : { ok: false as const, response: replyToRule(result.error) };
}
