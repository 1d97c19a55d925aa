// `npm run db:new-migration -- <name>`: writes the SQL that takes a database built from the existing
// migrations to prisma/schema.prisma, for both engines, under one timestamp:
//   prisma/migrations/<timestamp>_<name>/migration.sql           (SQLite)
//   prisma/postgres/migrations/<timestamp>_<name>/migration.sql  (PostgreSQL)
// It first regenerates prisma/postgres/schema.prisma from prisma/schema.prisma (postgres-schema.mjs).
//
// Why not `prisma migrate dev`: it replays migrations into a shadow database, which fails with
// the better-sqlite3 driver adapter (multi-statement migration.sql), and with the pg adapter it
// replays into the main database instead (the adapters are what let Prisma run offline here).
// So, per engine: apply the migrations to a throwaway database (`migrate deploy`), introspect it
// (`db pull --print`), and diff that against the schema (`migrate diff`).
// The PostgreSQL half needs a server where it may create a database: XG_MIGRATE_PG_URL or
// XG_TEST_PG_URL (e.g. postgresql://xg:xg@127.0.0.1:5432/postgres). Without one it is skipped, said so.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { TARGET as PG_SCHEMA, writePostgresSchema } from "./postgres-schema.mjs";

const name = (process.argv[2] ?? "").replace(/[^a-z0-9_]/gi, "_").toLowerCase();
if (!name) {
  console.error("usage: npm run db:new-migration -- <name>");
  process.exit(2);
}
const prisma = path.resolve("node_modules/.bin/prisma");
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "xg-migrate-"));
const prismaWith = (databaseUrl) => (args) =>
  execFileSync(prisma, args, {
    env: { ...process.env, DATABASE_URL: databaseUrl },
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
  });

/** The SQL from (migrations applied to databaseUrl) to `schema`; .config/prisma.ts picks the folder by the URL. */
function pendingSql(databaseUrl, schema, label) {
  const run = prismaWith(databaseUrl);
  run(["migrate", "deploy"]);
  const current = path.join(tmp, `${label}.prisma`);
  fs.copyFileSync(schema, current);
  const pulled = run(["db", "pull", "--print", "--schema", current]);
  // `db pull --print` may print a warning about the datasource url before the schema itself.
  fs.writeFileSync(current, pulled.slice(pulled.search(/^(generator|datasource)\b/m)));
  const sql = run(["migrate", "diff", "--from-schema-datamodel", current, "--to-schema-datamodel", schema, "--script"]);
  return /^\s*(CREATE|ALTER|DROP|INSERT|PRAGMA)/im.test(sql) ? sql : null;
}

const quoted = (id) => `"${id.replace(/"/g, '""')}"`;
async function onAdmin(adminUrl, work) {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

async function postgresSql(adminUrl) {
  const db = `xg_migrate_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  // C collation, as production databases are created (README "Scaling out").
  await onAdmin(adminUrl, (c) =>
    c.query(`CREATE DATABASE ${quoted(db)} TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C'`),
  );
  try {
    const url = new URL(adminUrl);
    url.pathname = `/${db}`;
    return pendingSql(url.toString(), PG_SCHEMA, "postgres");
  } finally {
    // Prisma's CLI has exited, so nothing is connected but perhaps autovacuum, which a plain DROP
    // stops by itself (WITH (FORCE) would refuse a role without pg_signal_backend over it).
    await onAdmin(adminUrl, (c) => c.query(`DROP DATABASE IF EXISTS ${quoted(db)}`));
  }
}

let sqliteSql;
let postgres;
try {
  writePostgresSchema();
  sqliteSql = pendingSql(`file:${path.join(tmp, "current.db")}`, "prisma/schema.prisma", "sqlite");
  const adminUrl = process.env.XG_MIGRATE_PG_URL || process.env.XG_TEST_PG_URL;
  postgres = adminUrl ? { sql: await postgresSql(adminUrl) } : null;
} catch (error) {
  console.error(error.stderr || error.stdout || error.message || error);
  process.exitCode = 1;
} finally {
  fs.rmSync(tmp, { recursive: true, force: true });
}
if (process.exitCode) process.exit();

if (!sqliteSql && !postgres?.sql) {
  console.log(`No schema changes: nothing to migrate${postgres ? "" : " (PostgreSQL not checked, see below)"}.`);
} else {
  const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
  for (const [folder, sql] of [
    [path.join("prisma", "migrations"), sqliteSql],
    [path.join("prisma", "postgres", "migrations"), postgres?.sql],
  ]) {
    if (!sql) continue;
    const dir = path.join(folder, `${stamp}_${name}`);
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, "migration.sql"), sql);
    console.log(`Wrote ${dir}/migration.sql`);
  }
  console.log("Review them, then `npm run db:migrate` (DATABASE_URL chooses the engine).");
}
if (!postgres)
  console.warn(
    [
      "",
      "The PostgreSQL half was SKIPPED: no XG_MIGRATE_PG_URL or XG_TEST_PG_URL. Run it again with one set to a",
      "PostgreSQL server where this account may create databases, e.g.",
      `  XG_MIGRATE_PG_URL=postgresql://xg:xg@127.0.0.1:5432/postgres npm run db:new-migration -- ${name}`,
      "The SQLite half is then up to date, so only prisma/postgres/migrations/<timestamp>_" + name + " is written.",
    ].join("\n"),
  );
