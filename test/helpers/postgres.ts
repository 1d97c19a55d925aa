// PostgreSQL for the test suite (issue #13): with XG_TEST_PG_URL set (an account that may create
// databases, e.g. postgresql://xg:xg@127.0.0.1:5432/postgres), the suite runs on PostgreSQL: global
// setup migrates one base database, and every test file gets its own copy (CREATE DATABASE …
// TEMPLATE), as it gets its own copy of the SQLite file otherwise.
import pg from "pg";

export const postgresAdminUrl = () => process.env.XG_TEST_PG_URL || null;

/** True when this test file runs on PostgreSQL (its DATABASE_URL, set by test/setup-db.ts). */
export const onPostgres = () => /^postgres(ql)?:\/\//.test(process.env.DATABASE_URL ?? "");

/** The URL of database `name` on the server of `adminUrl`. */
export function databaseUrlFor(adminUrl: string, name: string) {
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/** The database name in a PostgreSQL URL. */
export const databaseNameOf = (url: string) => decodeURIComponent(new URL(url).pathname.slice(1));

export async function admin<T>(adminUrl: string, work: (client: pg.Client) => Promise<T>) {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** A new empty database with C collation (or the materialised-path index is never used for prefix searches). */
export function createDatabase(adminUrl: string, name: string, template = "template0") {
  return admin(adminUrl, (c) =>
    c.query(
      template === "template0"
        ? `CREATE DATABASE ${ident(name)} TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C'`
        : `CREATE DATABASE ${ident(name)} TEMPLATE ${ident(template)}`,
    ),
  );
}

/**
 * A copy of `template`. PostgreSQL refuses to copy a database someone is connected to (55006), and
 * both test workers copy the base at once: retry for a while rather than fail the file.
 */
export async function cloneDatabase(adminUrl: string, name: string, template: string) {
  for (let attempt = 0; ; attempt++) {
    try {
      return await createDatabase(adminUrl, name, template);
    } catch (error) {
      if ((error as { code?: string }).code !== "55006" || attempt >= 50) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100 + Math.random() * 200));
    }
  }
}

/**
 * Drops database `name`, ending the connections still open to it. WITH (FORCE) refuses a role that
 * is neither superuser nor pg_signal_backend when an autovacuum worker happens to be in the database
 * (PostgreSQL checks its right to signal every backend there, and an autovacuum worker belongs to
 * no role) — as CI's CREATEDB-only role found. Then: end this role's own connections, and a plain
 * DROP, which stops autovacuum by itself; retried while a connection is still closing (55006).
 */
export async function dropDatabase(adminUrl: string, name: string) {
  try {
    await admin(adminUrl, (c) => c.query(`DROP DATABASE IF EXISTS ${ident(name)} WITH (FORCE)`));
    return;
  } catch (error) {
    if ((error as { code?: string }).code !== "42501") throw error;
  }
  for (let attempt = 0; ; attempt++) {
    try {
      await admin(adminUrl, async (c) => {
        await c.query(
          "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND usename = current_user AND pid <> pg_backend_pid()",
          [name],
        );
        await c.query(`DROP DATABASE IF EXISTS ${ident(name)}`);
      });
      return;
    } catch (error) {
      if ((error as { code?: string }).code !== "55006" || attempt >= 50) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100 + Math.random() * 200));
    }
  }
}

/** Drops every database whose name starts with `prefix` (taken literally, not as a LIKE pattern). */
export async function dropDatabasesStartingWith(adminUrl: string, prefix: string) {
  const names = await admin(adminUrl, async (c) =>
    (
      await c.query<{ datname: string }>("SELECT datname FROM pg_database WHERE left(datname, length($1)) = $1", [
        prefix,
      ])
    ).rows.map((r) => r.datname),
  );
  for (const name of names) await dropDatabase(adminUrl, name);
}

/**
 * Drops what killed test runs left (a run drops its own databases at teardown, unless it was killed):
 * xg_test_<pid>_… of processes no longer alive. Only for a server on this machine, where the pids
 * are this machine's.
 */
export async function dropOrphanedTestDatabases(adminUrl: string) {
  if (!["127.0.0.1", "localhost", "[::1]"].includes(new URL(adminUrl).hostname)) return;
  const names = await admin(adminUrl, async (c) =>
    (await c.query<{ datname: string }>("SELECT datname FROM pg_database WHERE datname ~ '^xg_test_[0-9]+_'")).rows.map(
      (r) => r.datname,
    ),
  );
  const alive = (pid: number) => {
    try {
      process.kill(pid, 0);
      return true;
    } catch (error) {
      return (error as { code?: string }).code === "EPERM";
    }
  };
  for (const name of names) if (!alive(Number(name.split("_")[2]))) await dropDatabase(adminUrl, name);
}
