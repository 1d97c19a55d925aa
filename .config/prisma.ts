// Prisma CLI configuration. It lives in .config/ because the design card fixes the top level.
// engine "js" + a driver adapter makes Prisma use its WebAssembly schema engine, so
// `prisma migrate deploy`, `migrate diff` and `generate` work with no binary download.
// DATABASE_URL chooses the engine: file:… → SQLite (prisma/schema.prisma, prisma/migrations);
// postgres(ql)://… → PostgreSQL (prisma/postgres/schema.prisma, generated from the SQLite one, and
// prisma/postgres/migrations).
import path from "node:path";
import { defineConfig } from "prisma/config";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";

const url = process.env.DATABASE_URL ?? "file:./data/xingguang.db";
const postgres = /^postgres(ql)?:\/\//.test(url);

// prisma/orm#27403: the pg adapter cannot read columns of PostgreSQL's internal types "char" (OID 18)
// and name (OID 19), which the schema engine's catalogue queries return, so `migrate deploy` and
// `db pull` fail. The CLI's connections report them as text (OID 25); the app never selects them.
const INTERNAL_TEXT_TYPES = new Set([18, 19]);
type Field = { dataTypeID: number };
function retype<T>(result: T): T {
  const fields = (result as { fields?: Field[] } | undefined)?.fields;
  for (const field of fields ?? []) if (INTERNAL_TEXT_TYPES.has(field.dataTypeID)) field.dataTypeID = 25;
  return result;
}
class CliClient extends pg.Client {
  // pg calls query with a callback (from Pool.query) or without (adapter transactions); both are retyped.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  query(...args: any[]): any {
    const last = args[args.length - 1];
    if (typeof last === "function") {
      args[args.length - 1] = (error: unknown, result: unknown) => last(error, retype(result));
      return super.query(...(args as [string]));
    }
    const answer = super.query(...(args as [string]));
    return answer && typeof answer.then === "function" ? answer.then(retype) : answer;
  }
}

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  // Paths here are relative to this file.
  schema: postgres
    ? path.join("..", "prisma", "postgres", "schema.prisma")
    : path.join("..", "prisma", "schema.prisma"),
  migrations: {
    path: postgres ? path.join("..", "prisma", "postgres", "migrations") : path.join("..", "prisma", "migrations"),
  },
  async adapter() {
    if (postgres) return new PrismaPg(new pg.Pool({ connectionString: url, Client: CliClient }));
    return new PrismaBetterSQLite3({ url });
  },
});
