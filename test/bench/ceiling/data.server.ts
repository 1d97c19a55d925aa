// The ceiling routes' data (test/bench/pages.bench.ts): the real loaders' answers, captured once by
// the bench into the JSON file XG_BENCH_CEILING_DATA names, held in memory from the first request.
import fs from "node:fs";

const DATE_KEYS = new Set(["startsAt", "endsAt", "submissionClosesAt"]);
let loaded: Record<string, unknown> | null = null;

/** The captured loader data of `page`, with its dates as Date objects again (as Prisma returns them). */
export function ceilingData<T>(page: "activities" | "home"): T {
  loaded ??= JSON.parse(fs.readFileSync(process.env.XG_BENCH_CEILING_DATA!, "utf8"), (key, value) =>
    DATE_KEYS.has(key) && typeof value === "string" ? new Date(value) : value,
  ) as Record<string, unknown>;
  return loaded[page] as T;
}
