// `npm test`: checks formatting (Prettier) and lint (ESLint), runs the whole Vitest suite, then prints the
// closing line CI reads: "N passed, N failed[, N skipped]", with the suite's wall time on the line just before it.
// A formatting or lint failure counts as one failed check each; the suite still runs so its figures are seen.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const reportFile = path.resolve(`test/.tmp/report-${process.pid}.json`);
fs.mkdirSync(path.dirname(reportFile), { recursive: true });
fs.rmSync(reportFile, { force: true });

const started = performance.now();
const checks = [
  ["prettier", ["--check", "--log-level", "warn", "."]],
  ["eslint", ["--config", ".config/eslint.config.js", "."]],
];
let failedChecks = 0;
for (const [bin, args] of checks) {
  const check = spawnSync(path.resolve(`node_modules/.bin/${bin}`), args, { stdio: "inherit" });
  if (check.status !== 0) {
    failedChecks += 1;
    console.error(`\n${bin} failed: run \`npm run ${bin === "prettier" ? "format" : "lint"}\` to see or fix it.\n`);
  }
}
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
  { stdio: "inherit", env: { ...process.env, VITE_CJS_IGNORE_WARNING: "true" } },
);

let passed = 0;
let failed = 0;
let skipped = 0;
if (fs.existsSync(reportFile)) {
  const report = JSON.parse(fs.readFileSync(reportFile, "utf8"));
  passed = report.numPassedTests ?? 0;
  failed = (report.numFailedTests ?? 0) + (report.numRuntimeErrorTestSuites ?? 0);
  skipped = (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
  // A test file that failed to load has no tests but is still a failure.
  // (Its tests are then reported as skipped, not failed, e.g. when beforeAll throws.)
  for (const suite of report.testResults ?? [])
    if (suite.status === "failed" && !suite.assertionResults?.some((a) => a.status === "failed")) failed += 1;
} else if (result.status !== 0) {
  failed = 1;
}
failed += failedChecks;
console.log(`\nsuite wall time: ${Math.round((performance.now() - started) / 1000)} s`);
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}`);
process.exit(result.status === 0 && failed === 0 ? 0 : 1);
