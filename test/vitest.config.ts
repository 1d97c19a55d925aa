import path from "node:path";
import { configDefaults, defineConfig } from "vitest/config";
import { BaseSequencer, type TestSpecification } from "vitest/node";

const root = path.resolve(import.meta.dirname, "..");

// The longest files first, so the two workers finish together: Vitest orders files it has no timings for
// (a fresh clone, CI) by size, largest first, which put these short files with long sweeps last, one worker
// running them alone at the end. Most expensive first; everything else keeps Vitest's own order.
const LONG_FILES = [
  /\/browser\/every-page\./,
  /\/foundation\/no-500-/,
  /\/security\/two-processes\./,
  /\/browser\//,
  /\/security\/cluster/,
];
class LongFilesFirst extends BaseSequencer {
  async sort(files: TestSpecification[]) {
    const rank = (file: TestSpecification) => {
      const i = LONG_FILES.findIndex((re) => re.test(file.moduleId));
      return i < 0 ? LONG_FILES.length : i;
    };
    const sorted = await super.sort(files);
    return sorted
      .map((file, i) => ({ file, i }))
      .sort((a, b) => rank(a.file) - rank(b.file) || a.i - b.i)
      .map(({ file }) => file);
  }
}

export default defineConfig({
  root,
  resolve: { alias: { "~": path.join(root, "app") } },
  test: {
    include: ["test/**/*.test.{ts,tsx}"],
    // test/.tmp is the git-ignored scratch space (databases, reports, anyone's experiments): never part of the suite.
    exclude: [...configDefaults.exclude, "test/.tmp/**"],
    globalSetup: ["test/global-setup.ts"],
    // setup-console.ts: any console.error during a test fails it.
    setupFiles: ["test/setup-db.ts", "test/setup-console.ts"],
    pool: "forks",
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Each test file gets its own module graph and its own SQLite file (see setup-db.ts).
    isolate: true,
    sequence: { sequencer: LongFilesFirst },
  },
});
