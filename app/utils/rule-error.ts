// The one way a domain module refuses a request that breaks a rule: it throws a RuleError carrying a
// catalog key (translated where it is shown), the form field it belongs to (or none: the whole form),
// the HTTP status the page answers with, and the key's parameters. Actions turn it into a reply with
// app/utils/rule-error.server.ts; anything else thrown is a bug and stays a 500.
// Plain module (no server imports) so shared code may name the class.
import type { MessageKey } from "~/i18n";

export type RuleParams = Record<string, string | number>;

export class RuleError extends Error {
  constructor(
    public key: MessageKey,
    public field: string | null = null,
    /** 400 for bad input, 403 when not allowed now, 404 when the thing is gone, 409 when its state moved on. */
    public status = 400,
    public params: RuleParams = {},
    /** Several fields at once (each with its catalog keys), when one check covers a whole form. */
    public fieldErrors: Record<string, string[]> = field ? { [field]: [key] } : {},
  ) {
    super(key);
    this.name = "RuleError";
  }

  /** A form whose fields were checked together: `fieldErrors` under the general "check the form" message. */
  static forFields(fieldErrors: Record<string, string[]>) {
    return new RuleError("validation.formErrors", null, 400, {}, fieldErrors);
  }
}
