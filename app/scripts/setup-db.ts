// Run by `npm start` before serving: create data/, apply migrations, seed the demo when empty.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { warnIfDatabaseReadOnly } from "../server/database-check.js";

const url = process.env.DATABASE_URL ?? "file:./data/xingguang.db";
process.env.DATABASE_URL = url;
// SQLite's file is created with its folder; a PostgreSQL URL is not a path (and holds a password).
const isPostgres = /^postgres(ql)?:\/\//.test(url);
if (!isPostgres) fs.mkdirSync(path.dirname(path.resolve(url.replace(/^file:/, ""))), { recursive: true });

// A read-only database cannot be migrated or seeded: say so (database-check.js) and let the
// server start anyway; it serves pages and recovers once the file is writable.
const writable = warnIfDatabaseReadOnly(url) !== false;
if (writable)
  execFileSync(path.resolve("node_modules/.bin/prisma"), ["migrate", "deploy"], {
    stdio: ["ignore", "ignore", "inherit"],
    env: process.env,
  });

const { seedDemoIfEmpty } = await import("../seed/index.server");
const { DEMO_ACCOUNTS, DEFAULT_PASSWORD } = await import("../seed/foundation.server");
const { prisma } = await import("../utils/db.server");
const seeded = writable && (await seedDemoIfEmpty());
// ID numbers stored before encryption (the migration renamed the column; SQL cannot encrypt).
const { encryptPlainIdNumbers } = await import("../domain/privacy/id-numbers.server");
const encrypted = writable ? await encryptPlainIdNumbers() : 0;
if (encrypted) console.log(`Encrypted ${encrypted} ID numbers stored before encryption.`);
console.log(
  seeded
    ? "Seeded the Linfen demo."
    : writable
      ? "Database ready."
      : "Database READ-ONLY: migrations and the demo seed were skipped.",
);
console.log(`\nDemo accounts (log in with the mobile number; password ${DEFAULT_PASSWORD}):`);
for (const [role, phone] of DEMO_ACCOUNTS) console.log(`  ${phone}  ${role}`);
console.log("");
await prisma.$disconnect();
