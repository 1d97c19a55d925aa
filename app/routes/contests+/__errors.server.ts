import { data } from "@remix-run/node";
import { ContestRuleError } from "~/domain/contests/errors";

/** Runs a domain step; a broken rule becomes `{ error }` with its 4xx status, anything else rethrows. */
export async function ruleResult<T>(step: () => Promise<T>) {
  try {
    return { ok: true as const, value: await step() };
  } catch (error) {
    if (error instanceof ContestRuleError) {
      return {
        ok: false as const,
        response: data(
          { error: { key: error.key, params: error.params }, fieldErrors: error.field ? { [error.field]: [error.key] } : {} },
          { status: error.status },
        ),
      };
    }
    throw error;
  }
}
