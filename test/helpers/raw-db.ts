// A second connection to this test file's database, outside the app's Prisma client: what another
// process (or a restarted server, or someone reading the raw tables) would see. SQLite: the file,
// read-only; PostgreSQL: a new pg connection. SQL is written once for both engines: quoted
// "Identifiers" and $1, $2… placeholders (rewritten to ? for SQLite), booleans as parameters.
import Database from "better-sqlite3";
import pg from "pg";
import { onPostgres } from "./postgres";

export async function rawQuery<T = Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<T[]> {
  const url = process.env.DATABASE_URL!;
  if (onPostgres()) {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      return (await client.query(sql, params)).rows as T[];
    } finally {
      await client.end();
    }
  }
  const order: unknown[] = [];
  const sqliteSql = sql.replace(/\$(\d+)/g, (_, n: string) => {
    const value = params[Number(n) - 1];
    order.push(typeof value === "boolean" ? Number(value) : value);
    return "?";
  });
  const db = new Database(url.replace(/^file:/, ""), { readonly: true });
  try {
    return db.prepare(sqliteSql).all(...order) as T[];
  } finally {
    db.close();
  }
}

/** The app's tables (Prisma's own bookkeeping table included). */
export async function tableNames() {
  const rows = await rawQuery<{ name: string }>(
    onPostgres()
      ? "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'"
      : "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'",
  );
  return rows.map((r) => r.name);
}
