import path from "node:path";
import { z } from "zod";

// Environment, validated once. Nothing here reaches the browser.
const EnvSchema = z.object({
  NODE_ENV: z.enum(["production", "development", "test"]).default("production"),
  DATABASE_URL: z.string().default("file:./data/xingguang.db"),
  UPLOAD_DIR: z.string().default("./data/uploads"),
  UPLOADTHING_TOKEN: z.string().optional(),
  UPLOADTHING_API_URL: z.string().url().optional(),
  UPLOADTHING_INGEST_URL: z.string().url().optional(),
  COOKIE_SECURE: z.enum(["true", "false"]).optional(),
  TRUST_PROXY: z.string().optional(),
});

export const env = EnvSchema.parse(process.env);

export function databaseUrl() {
  return process.env.DATABASE_URL ?? env.DATABASE_URL;
}

export function uploadDir() {
  return path.resolve(process.env.UPLOAD_DIR ?? env.UPLOAD_DIR);
}

/**
 * Secure cookies in production when the request came over HTTPS (behind a TLS proxy, set
 * TRUST_PROXY so X-Forwarded-Proto counts). Plain-HTTP demos on a LAN address still work.
 * COOKIE_SECURE=true|false overrides.
 */
export function cookieSecure(request?: Request) {
  const flag = process.env.COOKIE_SECURE ?? env.COOKIE_SECURE;
  if (flag) return flag === "true";
  if ((process.env.NODE_ENV ?? env.NODE_ENV) !== "production") return false;
  return request ? new URL(request.url).protocol === "https:" : true;
}
