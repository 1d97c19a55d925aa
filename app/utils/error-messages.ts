// The title and text shown for each refusal status, by the error boundary and by the server's
// own refusal page (app/utils/refusal-page.server.ts).
import type { MessageKey } from "~/i18n";

export const REFUSAL_MESSAGES: Record<number, [title: MessageKey, body: MessageKey]> = {
  400: ["error.badRequest.title", "error.badRequest.body"],
  413: ["error.tooLarge.title", "error.tooLarge.body"],
  415: ["error.unsupportedType.title", "error.unsupportedType.body"],
  503: ["error.unavailable.title", "error.unavailable.body"],
};
