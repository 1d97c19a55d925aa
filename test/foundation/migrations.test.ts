// prisma/schema.prisma is the source of truth: applying every migration must give exactly the
// database the schema declares. One file gets the migrations (`prisma migrate deploy`), another
// the schema's own SQL (`prisma migrate diff --from-empty`); tables, columns, indexes and foreign
// keys must then be identical.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, expect, test } from "vitest";

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

test("applying all migrations yields exactly the tables, columns, indexes and foreign keys schema.prisma declares", () => {
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
});

test("migration folders follow Prisma's layout: <timestamp>_<name>/migration.sql, in order", () => {
  const folders = fs
    .readdirSync("prisma/migrations", { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name);
  expect(folders.length).toBeGreaterThan(0);
  for (const folder of folders) {
    expect(folder).toMatch(/^\d{14}_[a-z0-9_]+$/);
    expect(fs.existsSync(path.join("prisma/migrations", folder, "migration.sql"))).toBe(true);
  }
  expect(fs.readFileSync("prisma/migrations/migration_lock.toml", "utf8")).toMatch(/provider\s*=\s*"sqlite"/);
});
