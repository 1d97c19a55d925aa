// Shared by the two-process benchmarks (two-process-pages.bench.ts, two-process-signup.bench.ts):
// the server processes to compare (one process, or a WEB_CONCURRENCY=N cluster as `npm start`
// runs it), figures of a run, and the same bench again on PostgreSQL when XG_BENCH_PG_URL names a
// server where the account may create databases. The pages' load comes from load.ts (wrk).
import { execFileSync, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import path from "node:path";
import { createDatabase, databaseUrlFor, dropDatabase } from "../helpers/postgres";
import { startServerProcess } from "../security/server-processes";

/** One process (WEB_CONCURRENCY unset) or a cluster of `workers` behind one port. */
export function startServers(databaseUrl: string, workers: number) {
  return startServerProcess(databaseUrl, { env: workers > 1 ? { WEB_CONCURRENCY: String(workers) } : {} });
}

/** One driven run (latencies in ms); the page benches' load driver is test/bench/load.ts. */
export type Run = { latencies: number[]; elapsed: number; failures: number };

export function rate(run: Run) {
  return (run.latencies.length / run.elapsed) * 1000;
}

export function percentile(run: Run, p: number) {
  const sorted = [...run.latencies].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

export const engineName = (databaseUrl = process.env.DATABASE_URL ?? "") =>
  /^postgres(ql)?:\/\//.test(databaseUrl) ? "PostgreSQL" : "SQLite";

const RESULT = "BENCH-RESULT ";

/** In the run on PostgreSQL (a child of the SQLite run): hands the figures back to the parent. */
export function reportToParent(result: unknown) {
  if (process.env.XG_BENCH_ENGINE === "postgres") console.log(RESULT + JSON.stringify(result));
}

/**
 * With XG_BENCH_PG_URL set (e.g. postgresql://xg:xg@127.0.0.1:5432/postgres), runs this bench file
 * again in a child process on a fresh PostgreSQL database (C collation, migrated like
 * `npm run db:migrate`), dropped afterwards; returns what the child reported, or null when not set
 * (or when this already is that child). Its own lines are printed as they come.
 */
export async function alsoOnPostgres<T>(benchFile: string): Promise<T | null> {
  const admin = process.env.XG_BENCH_PG_URL;
  if (!admin || process.env.XG_BENCH_ENGINE === "postgres") return null;
  const name = `xg_bench_${path.basename(benchFile, ".bench.ts").replace(/\W/g, "_")}_${process.pid}`;
  await dropDatabase(admin, name);
  await createDatabase(admin, name);
  const databaseUrl = databaseUrlFor(admin, name);
  // A data key of its own: without one, the app would write a development key under ./data.
  const dataKey = process.env.XG_DATA_KEY ?? randomBytes(32).toString("base64");
  const env = { ...process.env, DATABASE_URL: databaseUrl, XG_BENCH_ENGINE: "postgres", XG_DATA_KEY: dataKey };
  try {
    execFileSync(path.resolve("node_modules/.bin/prisma"), ["migrate", "deploy"], { env, stdio: "ignore" });
    console.log(`\n── the same on PostgreSQL (${new URL(admin).host}) ──`);
    const child = spawn(process.execPath, ["--import", "tsx", benchFile], {
      env,
      stdio: ["ignore", "pipe", "inherit"],
    });
    let result: T | null = null;
    let pending = "";
    child.stdout.on("data", (chunk: Buffer) => {
      pending += chunk.toString();
      const lines = pending.split("\n");
      pending = lines.pop()!;
      for (const line of lines)
        if (line.startsWith(RESULT)) result = JSON.parse(line.slice(RESULT.length)) as T;
        else console.log(line);
    });
    const code = await new Promise<number | null>((resolve) => child.on("exit", resolve));
    if (code !== 0) throw new Error(`the PostgreSQL run exited with code ${code}`);
    return result;
  } finally {
    await dropDatabase(admin, name);
  }
}
