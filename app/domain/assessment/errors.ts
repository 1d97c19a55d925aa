import type { MessageKey } from "~/i18n";

/** An expected refusal: a catalog key, its parameters and the HTTP status the page answers with. */
export class AssessmentError extends Error {
  constructor(
    public key: MessageKey,
    public status = 400,
    public params: Record<string, string | number> = {},
  ) {
    super(key);
  }
}

export const isUniqueViolation = (error: unknown) => (error as { code?: string } | null)?.code === "P2002";
