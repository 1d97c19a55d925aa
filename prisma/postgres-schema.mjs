// Writes prisma/postgres/schema.prisma from prisma/schema.prisma, the single source of truth.
// Only the header differs: the PostgreSQL datasource, and a second generated client (in
// node_modules/.prisma-pg) so one install can talk to either engine, chosen at runtime by
// DATABASE_URL (app/utils/db.server.ts). `npm install` runs it; test/foundation/postgres-schema.test.ts
// keeps the committed file equal to what this writes.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
export const SOURCE = path.join(here, "schema.prisma");
export const TARGET = path.join(here, "postgres", "schema.prisma");

export function postgresSchema(source) {
  const header = /generator client \{[\s\S]*?\n\}\n\ndatasource db \{[\s\S]*?\n\}\n/;
  if (!header.test(source)) throw new Error("prisma/schema.prisma: generator/datasource header not found");
  return [
    "// GENERATED from prisma/schema.prisma by prisma/postgres-schema.mjs — do not edit; edit that file and",
    "// run `npm run db:new-migration -- <name>`, which regenerates this file and writes both engines' migrations.",
    "",
    source.replace(
      header,
      [
        "generator client {",
        '  provider   = "prisma-client-js"',
        '  engineType = "client"',
        '  output     = "../../node_modules/.prisma-pg/client"',
        "}",
        "",
        "datasource db {",
        '  provider = "postgresql"',
        "  // The app and the CLI connect through the pg driver adapter with DATABASE_URL.",
        '  url      = env("DATABASE_URL")',
        "}",
        "",
      ].join("\n"),
    ),
  ].join("\n");
}

export function writePostgresSchema() {
  fs.mkdirSync(path.dirname(TARGET), { recursive: true });
  const text = postgresSchema(fs.readFileSync(SOURCE, "utf8"));
  if (!fs.existsSync(TARGET) || fs.readFileSync(TARGET, "utf8") !== text) fs.writeFileSync(TARGET, text);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) writePostgresSchema();
