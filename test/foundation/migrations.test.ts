// prisma/schema.prisma is the source of truth: applying every migration must give exactly the
// database the schema declares. One file gets the migrations (`prisma migrate deploy`), another
// the schema's own SQL (`prisma migrate diff --from-empty`); tables, columns, indexes and foreign
// keys must then be identical. On PostgreSQL (the suite run with XG_TEST_PG_URL) the same holds
// for prisma/postgres/migrations and prisma/postgres/schema.prisma (generated from schema.prisma).
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, expect, test } from "vitest";
import { admin, cloneDatabase, databaseUrlFor, dropDatabase, onPostgres, postgresAdminUrl } from "../helpers/postgres";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "xg-migrations-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
const prismaBin = path.resolve("node_modules/.bin/prisma");

function describeDatabase(file: string) {
  const db = new Database(file, { readonly: true });
  try {
    const tables = (
      db
        .prepare(
          "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> '_prisma_migrations' ORDER BY name",
        )
        .all() as {
        name: string;
      }[]
    ).map((t) => t.name);
    return Object.fromEntries(
      tables.map((table) => {
        const q = (sql: string) => db.prepare(sql).all() as Record<string, unknown>[];
        const columns = q(`PRAGMA table_info("${table}")`).map(({ cid: _cid, ...c }) => c);
        const indexes = q(`PRAGMA index_list("${table}")`)
          .map((i) => ({
            name: i.name,
            unique: i.unique,
            origin: i.origin,
            partial: i.partial,
            columns: q(`PRAGMA index_info("${String(i.name)}")`).map((c) => c.name),
          }))
          .sort((a, b) => String(a.name).localeCompare(String(b.name)));
        const foreignKeys = q(`PRAGMA foreign_key_list("${table}")`)
          .map(({ id: _id, seq: _seq, ...fk }) => fk)
          .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
        return [table, { columns, indexes, foreignKeys }];
      }),
    );
  } finally {
    db.close();
  }
}

// SQLite files only: on the PostgreSQL run the engine-independent check was done by the SQLite run.
test.skipIf(onPostgres())(
  "applying all migrations yields exactly the tables, columns, indexes and foreign keys schema.prisma declares",
  () => {
    const migrated = path.join(dir, "migrated.db");
    execFileSync(prismaBin, ["migrate", "deploy"], {
      env: { ...process.env, DATABASE_URL: `file:${migrated}` },
      stdio: "pipe",
    });

    const fromSchema = path.join(dir, "from-schema.db");
    const sql = execFileSync(
      prismaBin,
      ["migrate", "diff", "--from-empty", "--to-schema-datamodel", "prisma/schema.prisma", "--script"],
      {
        env: { ...process.env, DATABASE_URL: `file:${path.join(dir, "unused.db")}` },
        encoding: "utf8",
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    expect(sql).toContain("CREATE TABLE");
    const db = new Database(fromSchema);
    db.exec(sql);
    db.close();

    const expected = describeDatabase(fromSchema);
    const actual = describeDatabase(migrated);
    expect(Object.keys(actual)).toEqual(Object.keys(expected));
    expect(Object.keys(expected)).toEqual(
      expect.arrayContaining(["User", "Session", "LoginAttempt", "Organisation", "RoleGrant", "StoredFile"]),
    );
    for (const table of Object.keys(expected)) expect(actual[table], table).toEqual(expected[table]);

    // Migrations are recorded, so a second deploy has nothing to do.
    const again = execFileSync(prismaBin, ["migrate", "deploy"], {
      env: { ...process.env, DATABASE_URL: `file:${migrated}` },
      encoding: "utf8",
      stdio: "pipe",
    });
    expect(again).toMatch(/No pending migrations/i);
  },
);

test("migration folders of both engines follow Prisma's layout: <timestamp>_<name>/migration.sql, in order", () => {
  for (const [root, provider] of [
    ["prisma/migrations", "sqlite"],
    ["prisma/postgres/migrations", "postgresql"],
  ]) {
    const folders = fs
      .readdirSync(root, { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .map((d) => d.name);
    expect(folders.length).toBeGreaterThan(0);
    for (const folder of folders) {
      expect(folder).toMatch(/^\d{14}_[a-z0-9_]+$/);
      expect(fs.existsSync(path.join(root, folder, "migration.sql")), `${root}/${folder}`).toBe(true);
    }
    // Prisma refuses to apply a folder whose lock names the other engine (P3019): the folders cannot be mixed up.
    expect(fs.readFileSync(path.join(root, "migration_lock.toml"), "utf8")).toMatch(
      new RegExp(`provider\\s*=\\s*"${provider}"`),
    );
  }
});

/** Tables, columns, indexes and constraints of a PostgreSQL database's public schema, in a stable order. */
async function describePostgres(url: string) {
  return admin(url, async (c) => {
    const rows = async (sql: string) => (await c.query(sql)).rows as Record<string, unknown>[];
    const tables = (
      await rows(
        `SELECT table_name AS name FROM information_schema.tables
         WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> '_prisma_migrations'
         ORDER BY table_name`,
      )
    ).map((t) => String(t.name));
    const columns = await rows(
      `SELECT table_name, column_name, data_type, udt_name, character_maximum_length, numeric_precision,
              datetime_precision, is_nullable, column_default
       FROM information_schema.columns WHERE table_schema = 'public' ORDER BY table_name, ordinal_position`,
    );
    const indexes = await rows(
      `SELECT tablename AS table_name, indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' ORDER BY indexname`,
    );
    const constraints = await rows(
      `SELECT cl.relname AS table_name, co.conname, co.contype, pg_get_constraintdef(co.oid) AS def
       FROM pg_constraint co JOIN pg_class cl ON cl.oid = co.conrelid JOIN pg_namespace n ON n.oid = cl.relnamespace
       WHERE n.nspname = 'public' ORDER BY co.conname`,
    );
    const of = (list: Record<string, unknown>[], table: string) =>
      list.filter((r) => r.table_name === table).map(({ table_name: _t, ...r }) => r);
    return Object.fromEntries(
      tables.map((t) => [t, { columns: of(columns, t), indexes: of(indexes, t), constraints: of(constraints, t) }]),
    );
  });
}

test.runIf(onPostgres())(
  "PostgreSQL: applying prisma/postgres/migrations yields exactly what prisma/postgres/schema.prisma declares",
  async () => {
    const adminUrl = postgresAdminUrl()!;
    // This file's own database was made from the migrated base (test/global-setup.ts).
    const migratedUrl = process.env.DATABASE_URL!;
    const scratch = `${process.env.XG_TEST_PG_PREFIX ?? "xg_test_"}schema_${Math.random().toString(36).slice(2, 8)}`;
    await cloneDatabase(adminUrl, scratch, "template0");
    try {
      const scratchUrl = databaseUrlFor(adminUrl, scratch);
      const sql = execFileSync(
        prismaBin,
        ["migrate", "diff", "--from-empty", "--to-schema-datamodel", "prisma/postgres/schema.prisma", "--script"],
        { env: { ...process.env, DATABASE_URL: scratchUrl }, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] },
      );
      expect(sql).toContain("CREATE TABLE");
      await admin(scratchUrl, (c) => c.query(sql));

      const expected = await describePostgres(scratchUrl);
      const actual = await describePostgres(migratedUrl);
      expect(Object.keys(actual)).toEqual(Object.keys(expected));
      expect(Object.keys(expected)).toEqual(
        expect.arrayContaining(["User", "Session", "LoginAttempt", "Organisation", "RoleGrant", "StoredFile"]),
      );
      for (const table of Object.keys(expected)) expect(actual[table], table).toEqual(expected[table]);

      // Migrations are recorded, so a second deploy has nothing to do.
      const again = execFileSync(prismaBin, ["migrate", "deploy"], {
        env: { ...process.env, DATABASE_URL: migratedUrl },
        encoding: "utf8",
        stdio: "pipe",
      });
      expect(again).toMatch(/No pending migrations/i);
    } finally {
      await dropDatabase(adminUrl, scratch);
    }
  },
);
