// `npm run bench`: runs every test/bench/*.bench.ts in turn, each in its own process with its own
// freshly migrated database under test/.tmp, and lets each print its figures. With XG_BENCH_PG_URL
// set (an account that may create databases, e.g. postgresql://xg:xg@127.0.0.1:5432/postgres), the
// files marked "bench-engines: … postgresql" run again on a fresh PostgreSQL database, and a closing
// table prints each engine's figures side by side (test/bench/report.ts).
import { execFileSync, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { createDatabase, databaseUrlFor, dropDatabase } from "../helpers/postgres";

const dir = path.resolve("test/bench");
const only = process.argv[2];
const all = fs
  .readdirSync(dir)
  .filter((f) => f.endsWith(".bench.ts"))
  .sort();
// `npm run bench -- pages` runs pages.bench.ts alone when it exists, else every name containing it.
const exact = all.filter((f) => f === `${only}.bench.ts`);
const benches = exact.length ? exact : all.filter((f) => !only || f.includes(only));
const tmp = path.resolve("test/.tmp");
fs.mkdirSync(tmp, { recursive: true });
const results = path.join(tmp, `bench-results-${process.pid}.jsonl`);
// A key for the encrypted ID numbers, so no bench writes one into data/ (data-keys.server.ts).
const dataKey = randomBytes(32).toString("base64");
fs.rmSync(results, { force: true });
let failed = 0;
for (const file of benches) {
  const db = path.join(tmp, `bench-${path.basename(file, ".bench.ts")}-${process.pid}.db`);
  for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(db + suffix, { force: true });
  const env = {
    ...process.env,
    DATABASE_URL: `file:${db}`,
    NODE_ENV: "production" as const,
    COOKIE_SECURE: "false",
    UPLOAD_DIR: `${db}-uploads`,
    XG_BENCH_RESULTS: results,
    XG_DATA_KEY: dataKey,
  };
  execFileSync(path.resolve("node_modules/.bin/prisma"), ["migrate", "deploy"], { env, stdio: "ignore" });
  console.log(`\n━━ ${file} ━━`);
  const result = spawnSync(process.execPath, ["--import", "tsx", path.join(dir, file)], { env, stdio: "inherit" });
  if (result.status !== 0) failed += 1;
  for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(db + suffix, { force: true });
}

const pgAdmin = process.env.XG_BENCH_PG_URL;
if (pgAdmin)
  for (const file of benches.filter((f) =>
    /bench-engines:.*postgresql/.test(fs.readFileSync(path.join(dir, f), "utf8")),
  )) {
    const name = `xg_bench_${path.basename(file, ".bench.ts").replace(/\W/g, "_")}_${process.pid}`;
    await createDatabase(pgAdmin, name);
    const env = {
      ...process.env,
      DATABASE_URL: databaseUrlFor(pgAdmin, name),
      NODE_ENV: "production" as const,
      COOKIE_SECURE: "false",
      UPLOAD_DIR: path.join(tmp, `${name}-uploads`),
      XG_BENCH_RESULTS: results,
      XG_DATA_KEY: dataKey,
    };
    try {
      execFileSync(path.resolve("node_modules/.bin/prisma"), ["migrate", "deploy"], { env, stdio: "ignore" });
      console.log(`\n━━ ${file} on PostgreSQL ━━`);
      const result = spawnSync(process.execPath, ["--import", "tsx", path.join(dir, file)], { env, stdio: "inherit" });
      if (result.status !== 0) failed += 1;
    } finally {
      await dropDatabase(pgAdmin, name);
    }
  }

// The closing table: every recorded figure, SQLite's and PostgreSQL's side by side.
if (fs.existsSync(results)) {
  type Row = { metric: string; value: string; target?: string; ok?: boolean; engine: string };
  const rows = fs
    .readFileSync(results, "utf8")
    .split("\n")
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Row);
  const engines = [...new Set(rows.map((r) => r.engine))];
  const metrics = [...new Set(rows.map((r) => r.metric))];
  const cell = (r?: Row) => (r ? `${r.value}${r.ok === false ? " ✗" : r.ok ? " ✓" : ""}` : "—");
  console.log(`\n━━ Summary ━━\n${"".padEnd(40)}${engines.map((e) => e.padEnd(22)).join("")}target`);
  for (const metric of metrics) {
    const of = (e: string) => rows.find((r) => r.metric === metric && r.engine === e);
    const target = rows.find((r) => r.metric === metric && r.target)?.target ?? "";
    console.log(`${metric.padEnd(40)}${engines.map((e) => cell(of(e)).padEnd(22)).join("")}${target}`);
  }
  fs.rmSync(results, { force: true });
}
process.exit(failed ? 1 : 0);
