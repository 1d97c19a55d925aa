// A rule broken by the user's request: `key` is a catalog key shown next to `field` (or the form).
export class ContestRuleError extends Error {
  constructor(
    public key: string,
    public field: string | null = null,
    public status = 400,
    public params: Record<string, string | number> = {},
  ) {
    super(key);
  }
}

/** Conform-style field errors from a rule error, for `submission.reply({ fieldErrors })`. */
export function ruleErrorFields(error: ContestRuleError) {
  return error.field ? { fieldErrors: { [error.field]: [error.key] } } : { formErrors: [error.key] };
}
