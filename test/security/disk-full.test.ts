// Issue 8, item 7 (database part): a full disk or a read-only database must not break the
// server until a restart. Before the fix, one SQLITE_FULL at COMMIT left the driver adapter's
// transaction lock taken, so every later sign-up and log-in hung even with space back; and a
// server started on a read-only file kept refusing writes after the file became writable.
// Both run a real server process: on a small tmpfs filled to the last byte, and as an
// unprivileged user on a write-protected file. Both need root (mount, switching user), as in CI.
import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, expect, test } from "vitest";
import { createUser, DEFAULT_PASSWORD } from "~/seed/factories.server";
import { prisma } from "~/utils/db.server";
import { onPostgres } from "../helpers/postgres";
import { getPage, postForm, sessionCookieFor } from "../helpers/server";
import { makeActivity, makeCenter } from "../activities/helpers";
import { startServerProcess, type ServerProcess } from "./server-processes";

// SQLite only: both cases are about the database file (SQLITE_FULL at commit, a read-only file). On
// PostgreSQL the server owns its files; a lost connection is covered by db-unavailable.test.ts.
const sqliteOnly = !onPostgres();
const isRoot = process.getuid?.() === 0;
const NOBODY = 65534;
// The read-only case runs the server as `nobody`, who must be able to read the checkout and build.
const nobodyCanRunServer =
  isRoot &&
  spawnSync(
    process.execPath,
    [
      "-e",
      `fs.accessSync("app/server/index.js"); fs.readdirSync(${JSON.stringify(process.env.XG_BUILD_DIR ?? "build")})`,
    ],
    {
      uid: NOBODY,
      gid: NOBODY,
    },
  ).status === 0;
const testDb = process.env.DATABASE_URL!.replace(/^file:/, "");
const cleanups: (() => unknown)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

/** The test's data so far, as one file (WAL folded in) at `file`. */
async function copyDatabaseTo(file: string) {
  await prisma.$queryRawUnsafe("PRAGMA wal_checkpoint(TRUNCATE)");
  fs.copyFileSync(testDb, file);
}

async function scenario() {
  const { center } = await makeCenter();
  const activity = await makeActivity(center, { capacity: 10 });
  const [first, second] = [await createUser(), await createUser()];
  const cookies = [await sessionCookieFor(first.id), await sessionCookieFor(second.id)];
  return { activity, first, second, cookies };
}

async function signUpStatus(server: ServerProcess, activityId: string, cookie: string) {
  const response = await postForm(server, `/activities/${activityId}`, {}, { cookie });
  await response.arrayBuffer();
  return response.status;
}

async function logInStatus(server: ServerProcess, phone: string) {
  const response = await postForm(server, "/login", { identifier: phone, password: DEFAULT_PASSWORD });
  await response.arrayBuffer();
  return response.status;
}

function registrationsIn(file: string, activityId: string) {
  const db = new Database(file, { readonly: true });
  try {
    return db.prepare("SELECT userId, status FROM Registration WHERE activityId = ? ORDER BY userId").all(activityId);
  } finally {
    db.close();
  }
}

// Needs root to mount a tmpfs (CI runs as root); elsewhere there is no full disk to make.
test.skipIf(!isRoot || !sqliteOnly)(
  "after SQLITE_FULL at commit, the next sign-up and log-in succeed once space is back",
  async () => {
    const { activity, first, second, cookies } = await scenario();
    const dir = path.join(path.dirname(testDb), `full-${process.pid}-${Date.now()}`);
    fs.mkdirSync(dir);
    cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
    execFileSync("mount", ["-t", "tmpfs", "-o", `size=${fs.statSync(testDb).size + 4 * 1024 * 1024}`, "tmpfs", dir]);
    cleanups.push(() => execFileSync("umount", ["-l", dir]));
    const file = path.join(dir, "full.db");
    await copyDatabaseTo(file);
    const server = await startServerProcess(`file:${file}`);
    cleanups.push(() => server.close());
    // Open the connection (and SQLite's -shm file) while there is room.
    expect((await getPage(server, `/activities/${activity.id}`)).status).toBe(200);

    // Fill the disk to the last byte; the sign-up's COMMIT cannot append to the WAL.
    const filler = path.join(dir, "filler");
    const block = Buffer.alloc(4096);
    const fd = fs.openSync(filler, "w");
    try {
      for (;;) fs.writeSync(fd, block);
    } catch (error) {
      expect((error as NodeJS.ErrnoException).code).toBe("ENOSPC");
    } finally {
      fs.closeSync(fd);
    }
    expect(await signUpStatus(server, activity.id, cookies[0])).toBeGreaterThanOrEqual(500);
    expect(server.output()).toMatch(/SQLITE_FULL|database or disk is full/);
    expect(registrationsIn(file, activity.id)).toEqual([]);

    // Space is back: the same server serves both of them, and a log-in, without a restart.
    fs.rmSync(filler);
    expect(await signUpStatus(server, activity.id, cookies[0])).toBe(302);
    expect(await signUpStatus(server, activity.id, cookies[1])).toBe(302);
    expect(await logInStatus(server, first.phone!)).toBe(302);
    expect(registrationsIn(file, activity.id)).toEqual(
      [first.id, second.id].sort().map((userId) => ({ userId, status: "confirmed" })),
    );
  },
  120_000,
);

// Needs root, to run the server as an unprivileged user (root may write any file), and a
// checkout that user can read.
test.skipIf(!nobodyCanRunServer || !sqliteOnly)(
  "a server started on a read-only database says so, and works once the file is writable",
  async () => {
    const { activity, first, cookies } = await scenario();
    const dir = path.join(path.dirname(testDb), `readonly-${process.pid}-${Date.now()}`);
    fs.mkdirSync(dir, { mode: 0o777 });
    fs.chmodSync(dir, 0o777);
    cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
    const file = path.join(dir, "readonly.db");
    await copyDatabaseTo(file);
    fs.chownSync(file, NOBODY, NOBODY);
    fs.chmodSync(file, 0o444);

    const server = await startServerProcess(`file:${file}`, { uid: NOBODY, gid: NOBODY });
    cleanups.push(() => server.close());
    expect(server.output()).toMatch(/database .*readonly\.db is READ-ONLY/);
    expect(await signUpStatus(server, activity.id, cookies[0])).toBeGreaterThanOrEqual(500);

    // Made writable (the file and the -wal/-shm files SQLite created next to it).
    for (const suffix of ["", "-wal", "-shm"]) if (fs.existsSync(file + suffix)) fs.chmodSync(file + suffix, 0o666);
    expect(await signUpStatus(server, activity.id, cookies[0])).toBe(302);
    expect(await logInStatus(server, first.phone!)).toBe(302);
    expect(registrationsIn(file, activity.id)).toEqual([{ userId: first.id, status: "confirmed" }]);
  },
  120_000,
);
