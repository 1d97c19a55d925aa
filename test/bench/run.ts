// `npm run bench`: runs every test/bench/*.bench.ts in turn, each in its own process with its own
// freshly migrated database under test/.tmp, and lets each print its figures.
import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const dir = path.resolve("test/bench");
const only = process.argv[2];
const benches = fs
  .readdirSync(dir)
  .filter((f) => f.endsWith(".bench.ts") && (!only || f.includes(only)))
  .sort();
const tmp = path.resolve("test/.tmp");
fs.mkdirSync(tmp, { recursive: true });
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
  };
  execFileSync(path.resolve("node_modules/.bin/prisma"), ["migrate", "deploy"], { env, stdio: "ignore" });
  console.log(`\n━━ ${file} ━━`);
  const result = spawnSync(process.execPath, ["--import", "tsx", path.join(dir, file)], { env, stdio: "inherit" });
  if (result.status !== 0) failed += 1;
  for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(db + suffix, { force: true });
}
process.exit(failed ? 1 : 0);
