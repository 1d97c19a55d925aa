// Figures a benchmark wants in `npm run bench`'s closing table (test/bench/run.ts), where each
// engine's value is printed beside the other's: appended as JSON lines to XG_BENCH_RESULTS.
import fs from "node:fs";
import os from "node:os";

export const engine = () => (/^postgres(ql)?:\/\//.test(process.env.DATABASE_URL ?? "") ? "postgresql" : "sqlite");

export type Figure = { metric: string; value: string; target?: string; ok?: boolean };

export function record(figure: Figure) {
  const file = process.env.XG_BENCH_RESULTS;
  if (file) fs.appendFileSync(file, `${JSON.stringify({ ...figure, engine: engine() })}\n`);
}

/** "load 1.23 0.98 0.75": the machine's load average, printed beside every figure it affects. */
export const loadAverage = () =>
  `load ${os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(" ")}`;
