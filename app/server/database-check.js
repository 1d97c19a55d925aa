// A startup check: say plainly when the database file cannot be written. The server still starts
// (pages that only read keep working) and recovers by itself once the file is writable again
// (app/utils/sqlite-adapter.server.ts reopens a connection SQLite opened read-only).
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";

/** @returns {boolean | undefined} false when read-only (after printing why), undefined when the file does not exist yet */
export function warnIfDatabaseReadOnly(url = process.env.DATABASE_URL ?? "file:./data/xingguang.db") {
  if (/^postgres(ql)?:\/\//.test(url)) return; // SQLite files only
  const file = path.resolve(url.replace(/^file:/, ""));
  if (!fs.existsSync(file)) return; // created on first use (npm start migrates before serving)
  let problem = null;
  try {
    const db = new Database(file, { timeout: 10_000 });
    try {
      // A write that changes nothing: SQLite refuses it when the file (or its folder, or the
      // file system) is read-only.
      db.prepare(`DELETE FROM "_prisma_migrations" WHERE 0`).run();
    } finally {
      db.close();
    }
  } catch (error) {
    // Anything else (no migrations yet, say) is for `npm start`'s migration step to report.
    if (String(error.code ?? "").startsWith("SQLITE_READONLY") || error.code === "SQLITE_CANTOPEN")
      problem = error.message;
  }
  if (problem)
    console.warn(
      `WARNING: the database ${file} is READ-ONLY (${problem}).\n` +
        "  Pages load, but sign-ups, log-ins and every change will fail until it is writable again\n" +
        "  (fix the file's, its -wal/-shm files' and its folder's permissions or the mount);\n" +
        "  the server then recovers without a restart.",
    );
  return problem === null;
}
