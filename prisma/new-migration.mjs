// `npm run db:new-migration -- <name>`: writes prisma/migrations/<timestamp>_<name>/migration.sql
// with the SQL that takes a database built from the existing migrations to schema.prisma.
//
// Why not `prisma migrate dev`: it replays migrations into a shadow database, which fails with
// the better-sqlite3 driver adapter (multi-statement migration.sql), and the adapter is what lets
// Prisma run offline here. So: apply the migrations to a temporary file (`migrate deploy`),
// introspect it (`db pull --print`), and diff that against the schema (`migrate diff`).
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

const name = (process.argv[2] ?? "").replace(/[^a-z0-9_]/gi, "_").toLowerCase();
if (!name) {
  console.error("usage: npm run db:new-migration -- <name>");
  process.exit(2);
}
const prisma = path.resolve("node_modules/.bin/prisma");
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "xg-migrate-"));
const env = { ...process.env, DATABASE_URL: `file:${path.join(tmp, "current.db")}` };
const run = (args) => execFileSync(prisma, args, { env, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });

run(["migrate", "deploy"]);
const current = path.join(tmp, "current.prisma");
fs.copyFileSync("prisma/schema.prisma", current);
const pulled = run(["db", "pull", "--print", "--schema", current]);
// `db pull --print` may print a warning about the datasource url before the schema itself.
fs.writeFileSync(current, pulled.slice(pulled.search(/^(generator|datasource)\b/m)));
const sql = run([
  "migrate",
  "diff",
  "--from-schema-datamodel",
  current,
  "--to-schema-datamodel",
  "prisma/schema.prisma",
  "--script",
]);
fs.rmSync(tmp, { recursive: true, force: true });

if (!/^\s*(CREATE|ALTER|DROP|INSERT|PRAGMA)/im.test(sql)) {
  console.log("No schema changes: nothing to migrate.");
  process.exit(0);
}
const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
const dir = path.join("prisma", "migrations", `${stamp}_${name}`);
fs.mkdirSync(dir, { recursive: true });
fs.writeFileSync(path.join(dir, "migration.sql"), sql);
console.log(`Wrote ${dir}/migration.sql — review it, then \`npm run db:migrate\`.`);
