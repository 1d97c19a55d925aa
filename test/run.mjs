// `npm test`: checks formatting (Prettier) and lint (ESLint), runs the whole Vitest suite (on SQLite, and
// on PostgreSQL too when XG_TEST_PG_URL is set), then prints per-engine figures and the closing line CI
// reads, summed over engines: "N passed, N failed[, N skipped]", with the suite's wall time just before it.
// A formatting or lint failure counts as one failed check each; the suite still runs so its figures are seen.
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const reportFile = path.resolve(`test/.tmp/report-${process.pid}.json`);
fs.mkdirSync(path.dirname(reportFile), { recursive: true });
fs.rmSync(reportFile, { force: true });

const started = performance.now();
// Both checks at once (each is one single-threaded process, ~12 s on 2 cores), with caches under node_modules/.cache
// that make a second run take a second or two (a fresh clone has none).
const checks = [
  [
    "prettier",
    [
      "--check",
      "--log-level",
      "warn",
      "--cache",
      "--cache-strategy",
      "content",
      "--cache-location",
      "node_modules/.cache/prettier/cache.json",
      ".",
    ],
  ],
  [
    "eslint",
    ["--config", ".config/eslint.config.js", "--cache", "--cache-location", "node_modules/.cache/eslint/", "."],
  ],
];
let failedChecks = 0;
const statuses = await Promise.all(
  checks.map(
    ([bin, args]) =>
      new Promise((resolve) =>
        spawn(path.resolve(`node_modules/.bin/${bin}`), args, { stdio: "inherit" }).on("close", resolve),
      ),
  ),
);
for (const [i, [bin]] of checks.entries()) {
  if (statuses[i] !== 0) {
    failedChecks += 1;
    console.error(`\n${bin} failed: run \`npm run ${bin === "prettier" ? "format" : "lint"}\` to see or fix it.\n`);
  }
}
// The suite on SQLite, then (with XG_TEST_PG_URL set, e.g. postgresql://xg:xg@127.0.0.1:5432/postgres)
// the same suite again on PostgreSQL: test/global-setup.ts picks the engine by that variable.
const pgUrl = process.env.XG_TEST_PG_URL;
const engines = pgUrl ? ["sqlite", "postgresql"] : ["sqlite"];
let passed = 0;
let failed = 0;
let skipped = 0;
let allOk = true;
const figures = [];
for (const engine of engines) {
  const engineStarted = performance.now();
  const env = { ...process.env, VITE_CJS_IGNORE_WARNING: "true" };
  delete env.XG_TEST_PG_URL;
  if (engine === "postgresql") env.XG_TEST_PG_URL = pgUrl;
  if (engines.length > 1) console.log(`\n=== the suite on ${engine} ===\n`);
  fs.rmSync(reportFile, { force: true });
  const result = spawnSync(
    path.resolve("node_modules/.bin/vitest"),
    [
      "run",
      "--config",
      "test/vitest.config.ts",
      "--reporter=default",
      "--reporter=json",
      `--outputFile.json=${reportFile}`,
      ...process.argv.slice(2),
    ],
    { stdio: "inherit", env },
  );
  const counts = readReport(result.status);
  if (result.status !== 0 || counts.failed > 0) allOk = false;
  passed += counts.passed;
  failed += counts.failed;
  skipped += counts.skipped;
  figures.push(
    `${engine}: ${counts.passed} passed, ${counts.failed} failed${counts.skipped ? `, ${counts.skipped} skipped` : ""}` +
      ` in ${Math.round((performance.now() - engineStarted) / 1000)} s`,
  );
}

function readReport(status) {
  const counts = { passed: 0, failed: 0, skipped: 0 };
  if (fs.existsSync(reportFile)) {
    const report = JSON.parse(fs.readFileSync(reportFile, "utf8"));
    counts.passed = report.numPassedTests ?? 0;
    counts.failed = (report.numFailedTests ?? 0) + (report.numRuntimeErrorTestSuites ?? 0);
    counts.skipped = (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
    // A test file that failed to load has no tests but is still a failure.
    // (Its tests are then reported as skipped, not failed, e.g. when beforeAll throws.)
    for (const suite of report.testResults ?? [])
      if (suite.status === "failed" && !suite.assertionResults?.some((a) => a.status === "failed")) counts.failed += 1;
  } else if (status !== 0) {
    counts.failed = 1;
  }
  return counts;
}

failed += failedChecks;
if (engines.length > 1) console.log(`\n${figures.join("\n")}`);
console.log(`\nsuite wall time: ${Math.round((performance.now() - started) / 1000)} s`);
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}`);
process.exit(allOk && failed === 0 ? 0 : 1);
