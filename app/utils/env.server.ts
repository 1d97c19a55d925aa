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
  // Secure cookies by default in production; set COOKIE_SECURE=false to serve plain HTTP on a LAN address.
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

export function cookieSecure() {
  const flag = process.env.COOKIE_SECURE ?? env.COOKIE_SECURE;
  if (flag) return flag === "true";
  return (process.env.NODE_ENV ?? env.NODE_ENV) === "production";
}
