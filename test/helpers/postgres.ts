// PostgreSQL for the test suite (issue #13): with XG_TEST_POSTGRES_URL set (an account that may create
// databases, e.g. postgresql://xg:xg@127.0.0.1/postgres), the suite runs on PostgreSQL: global setup
// migrates one base database, and every test file gets its own copy (CREATE DATABASE … TEMPLATE),
// as it gets its own copy of the SQLite file otherwise.
import pg from "pg";

export const postgresAdminUrl = () => process.env.XG_TEST_POSTGRES_URL || null;

/** The URL of database `name` on the server of `adminUrl`. */
export function databaseUrlFor(adminUrl: string, name: string) {
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

async function admin<T>(adminUrl: string, work: (client: pg.Client) => Promise<T>) {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;

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

export function dropDatabase(adminUrl: string, name: string) {
  return admin(adminUrl, (c) => c.query(`DROP DATABASE IF EXISTS ${ident(name)} WITH (FORCE)`));
}

export async function dropDatabasesLike(adminUrl: string, pattern: string) {
  const names = await admin(adminUrl, async (c) =>
    (await c.query<{ datname: string }>("SELECT datname FROM pg_database WHERE datname LIKE $1", [pattern])).rows.map(
      (r) => r.datname,
    ),
  );
  for (const name of names) await dropDatabase(adminUrl, name);
}
