// A local stand-in for Alibaba Cloud SMS's SendSms endpoint on 127.0.0.1. It recomputes the
// request's signature the way Aliyun documents it (its own code, not the adapter's) and answers
// like Aliyun: {"Code":"OK","BizId":…}, an error code, or — in "hang" mode — nothing at all.
import { createHmac } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";

export type FakeMode = "ok" | "throttled" | "hang";
export type ReceivedSms = { query: Record<string, string>; signatureValid: boolean };

// RFC 3986 encoding as Aliyun's POP signature specifies (Java URLEncoder, then + * %7E fixed up).
const encode = (s: string) =>
  encodeURIComponent(s)
    .replace(/[!'()*]/g, (c) => "%" + c.charCodeAt(0).toString(16).toUpperCase())
    .replace(/%7E/g, "~");

export async function startFakeAliyun(accessKeyId: string, secret: string) {
  const received: ReceivedSms[] = [];
  let mode: FakeMode = "ok";
  let bizId = 0;
  const hanging = new Set<http.ServerResponse>();
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const query = Object.fromEntries(url.searchParams);
    const { Signature: signature, ...rest } = query;
    const canonical = Object.keys(rest)
      .sort()
      .map((k) => `${encode(k)}=${encode(rest[k])}`)
      .join("&");
    const expected = createHmac("sha1", `${secret}&`)
      .update(`${req.method}&${encode("/")}&${encode(canonical)}`)
      .digest("base64");
    const signatureValid = signature === expected && query.AccessKeyId === accessKeyId;
    received.push({ query, signatureValid });
    const reply = (body: object) => {
      res.writeHead(200, { "Content-Type": "application/json" });
      res.end(JSON.stringify(body));
    };
    if (!signatureValid) return reply({ Code: "SignatureDoesNotMatch", Message: "Specified signature is not matched" });
    if (mode === "hang") return void hanging.add(res);
    if (mode === "throttled") return reply({ Code: "isv.BUSINESS_LIMIT_CONTROL", Message: "触发分钟级流控" });
    reply({ Code: "OK", Message: "OK", RequestId: `req-${bizId}`, BizId: `biz-${++bizId}` });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    received,
    setMode: (m: FakeMode) => (mode = m),
    close: async () => {
      for (const res of hanging) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
