// Alibaba Cloud SMS (阿里云短信服务), the public SendSms API: RPC style, version 2017-05-25,
// signed with HMAC-SHA1 (signature version 1.0). Each message kind maps to a template approved
// in the Aliyun console; the template's variables are the message's params (codes: ${code}).
import { createHmac, randomUUID } from "node:crypto";
import { SendError, type SmsMessage, type SmsSender } from "./types";

export type AliyunSettings = {
  accessKeyId: string;
  accessKeySecret: string;
  signName: string;
  /** Message kind → template code (SMS_123456789). */
  templates: Record<string, string>;
  endpoint: string;
  timeoutMs: number;
};

const DEFAULT_ENDPOINT = "https://dysmsapi.aliyuncs.com/";

/** ALIYUN_SMS_TEMPLATE_CODE_LOGIN=SMS_1 names the template of kind "code.login"; so does ALIYUN_SMS_TEMPLATES='{"code.login":"SMS_1"}'. */
export const templateEnvName = (kind: string) => `ALIYUN_SMS_TEMPLATE_${kind.toUpperCase().replace(/[^A-Z0-9]/g, "_")}`;

export function aliyunSettingsFromEnv(env: NodeJS.ProcessEnv): AliyunSettings {
  const required = ["ALIYUN_SMS_ACCESS_KEY_ID", "ALIYUN_SMS_ACCESS_KEY_SECRET", "ALIYUN_SMS_SIGN_NAME"] as const;
  const missing = required.filter((name) => !env[name]);
  if (missing.length) throw new Error(`SMS_PROVIDER=aliyun needs ${missing.join(", ")}`);
  const templates: Record<string, string> = {};
  if (env.ALIYUN_SMS_TEMPLATES) {
    const map = JSON.parse(env.ALIYUN_SMS_TEMPLATES) as unknown;
    if (!map || typeof map !== "object") throw new Error("ALIYUN_SMS_TEMPLATES must be a JSON object");
    for (const [kind, code] of Object.entries(map)) templates[templateEnvName(kind)] = String(code);
  }
  for (const [name, value] of Object.entries(env)) {
    if (name.startsWith("ALIYUN_SMS_TEMPLATE_") && value) templates[name] = value;
  }
  return {
    accessKeyId: env.ALIYUN_SMS_ACCESS_KEY_ID!,
    accessKeySecret: env.ALIYUN_SMS_ACCESS_KEY_SECRET!,
    signName: env.ALIYUN_SMS_SIGN_NAME!,
    templates,
    endpoint: env.ALIYUN_SMS_ENDPOINT || DEFAULT_ENDPOINT,
    timeoutMs: Number(env.ALIYUN_SMS_TIMEOUT_MS) || 10_000,
  };
}

/** Aliyun's percent-encoding (RFC 3986: only A-Z a-z 0-9 - _ . ~ stay as they are). */
export function percentEncode(value: string) {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** The canonical query and its signature: HMAC-SHA1 over "GET&%2F&" + encode(sorted query), key secret + "&". */
export function signQuery(params: Record<string, string>, secret: string) {
  const canonical = Object.keys(params)
    .sort()
    .map((k) => `${percentEncode(k)}=${percentEncode(params[k])}`)
    .join("&");
  const stringToSign = `GET&${percentEncode("/")}&${percentEncode(canonical)}`;
  const signature = createHmac("sha1", `${secret}&`).update(stringToSign).digest("base64");
  return { canonical, signature };
}

// Aliyun error codes that no retry can fix.
const PERMANENT = new Set([
  "isv.MOBILE_NUMBER_ILLEGAL",
  "isv.SMS_TEMPLATE_ILLEGAL",
  "isv.SMS_SIGNATURE_ILLEGAL",
  "isv.TEMPLATE_MISSING_PARAMETERS",
  "isv.INVALID_PARAMETERS",
  "isv.BLACK_KEY_CONTROL_LIMIT",
  "InvalidAccessKeyId.NotFound",
  "SignatureDoesNotMatch",
]);

export function aliyunSender(settings: AliyunSettings): SmsSender {
  return {
    name: "aliyun",
    async send(message: SmsMessage) {
      const template = settings.templates[templateEnvName(message.kind)];
      if (!template)
        throw new SendError(`no Aliyun SMS template for "${message.kind}" (${templateEnvName(message.kind)})`, true);
      // Template variables are strings of limited length (35 characters for notifications).
      const templateParam = Object.fromEntries(
        Object.entries(message.params).map(([k, v]) => [
          k,
          String(v).length > 35 ? `${String(v).slice(0, 34)}…` : String(v),
        ]),
      );
      const params: Record<string, string> = {
        AccessKeyId: settings.accessKeyId,
        Action: "SendSms",
        Format: "JSON",
        OutId: message.id,
        PhoneNumbers: message.to,
        RegionId: "cn-hangzhou",
        SignName: settings.signName,
        SignatureMethod: "HMAC-SHA1",
        SignatureNonce: randomUUID(),
        SignatureVersion: "1.0",
        TemplateCode: template,
        TemplateParam: JSON.stringify(templateParam),
        Timestamp: new Date().toISOString().replace(/\.\d{3}Z$/, "Z"),
        Version: "2017-05-25",
      };
      const { canonical, signature } = signQuery(params, settings.accessKeySecret);
      const url = `${settings.endpoint}?Signature=${percentEncode(signature)}&${canonical}`;
      let response: Response;
      try {
        response = await fetch(url, { signal: AbortSignal.timeout(settings.timeoutMs) });
      } catch (error) {
        const reason = error instanceof Error && error.name === "TimeoutError" ? "timed out" : String(error);
        throw new SendError(`Aliyun SMS: ${reason}`);
      }
      const body = (await response.json().catch(() => null)) as {
        Code?: string;
        Message?: string;
        BizId?: string;
      } | null;
      if (body?.Code === "OK") return { providerRef: body.BizId ?? "" };
      const code = body?.Code ?? `HTTP ${response.status}`;
      throw new SendError(`Aliyun SMS: ${code}${body?.Message ? ` — ${body.Message}` : ""}`, PERMANENT.has(code));
    },
  };
}
