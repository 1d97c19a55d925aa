// Prisma CLI configuration. It lives in .config/ because the design card fixes the top level.
// engine "js" + a driver adapter makes Prisma use its WebAssembly schema engine, so
// `prisma migrate deploy`, `migrate diff` and `generate` work with no binary download.
import path from "node:path";
import { defineConfig } from "prisma/config";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  // Paths here are relative to this file.
  schema: path.join("..", "prisma", "schema.prisma"),
  async adapter() {
    return new PrismaBetterSQLite3({ url: process.env.DATABASE_URL ?? "file:./data/xingguang.db" });
  },
});
