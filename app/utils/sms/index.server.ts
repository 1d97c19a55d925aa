// SMS: one interface, chosen by environment (README "Messages: SMS and e-mail").
//   SMS_PROVIDER unset or "outbox" → outbox.server.ts (default; messages stay in the admin outbox)
//   SMS_PROVIDER=aliyun            → aliyun.server.ts (Alibaba Cloud SMS, SendSms)
// Read at each call, so a process started with other settings (tests) picks them up.
import { aliyunSender, aliyunSettingsFromEnv } from "./aliyun.server";
import { outboxSender } from "./outbox.server";
import type { SmsSender } from "./types";

export { SendError, type SmsMessage, type SmsSender } from "./types";

export function getSmsSender(env: NodeJS.ProcessEnv = process.env): SmsSender {
  const provider = env.SMS_PROVIDER ?? "outbox";
  if (provider === "outbox") return outboxSender;
  if (provider === "aliyun") return aliyunSender(aliyunSettingsFromEnv(env));
  throw new Error(`SMS_PROVIDER must be "outbox" or "aliyun", not "${provider}"`);
}
