// Builds one base database from the real migrations (prisma migrate deploy); every test file
// then copies it (setup-db.ts), so tests never share or mutate each other's data.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

export const TMP_DIR = path.resolve("test/.tmp");

export default function setup() {
  fs.mkdirSync(TMP_DIR, { recursive: true });
  const base = path.join(TMP_DIR, `base-${process.pid}.db`);
  fs.rmSync(base, { force: true });
  execFileSync(path.resolve("node_modules/.bin/prisma"), ["migrate", "deploy"], {
    env: { ...process.env, DATABASE_URL: `file:${base}` },
    stdio: ["ignore", "ignore", "inherit"],
  });
  process.env.XG_TEST_BASE_DB = base;
  return () => {
    for (const file of fs.readdirSync(TMP_DIR)) {
      if (file.includes(`-${process.pid}`)) fs.rmSync(path.join(TMP_DIR, file), { force: true });
    }
  };
}
