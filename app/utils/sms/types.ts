// The one SMS interface (like storage: one interface, an adapter per provider).

export type SmsMessage = {
  /** The outbox row's id: sent along as the provider's trace id. */
  id: string;
  to: string; // mainland mobile, 11 digits
  kind: string; // catalog key: picks the provider's template
  params: Record<string, string | number>;
  /** The full text in the recipient's language, for adapters that send text, not templates. */
  text: string;
};

export type SmsSender = {
  name: "outbox" | "aliyun";
  /** Resolves with the provider's reference; throws SendError when not sent. */
  send(message: SmsMessage): Promise<{ providerRef: string }>;
};

/** A send that failed. `permanent`: retrying cannot help (no template, an invalid number). */
export class SendError extends Error {
  constructor(
    message: string,
    readonly permanent = false,
  ) {
    super(message);
    this.name = "SendError";
  }
}
