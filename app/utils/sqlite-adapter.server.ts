// Prisma's better-sqlite3 driver adapter (6.19), wrapped to fix three things it gets wrong:
//
// 1. It opens every transaction with a plain deferred `BEGIN`. A transaction that reads and then
//    writes fails at once with SQLITE_BUSY_SNAPSHOT when another process committed in between
//    (SQLite's busy timeout cannot help: the snapshot is already stale). Two server processes on
//    one file lost 27–32 % of sign-ups that way. Here every transaction starts with
//    `BEGIN IMMEDIATE`, which waits (busy timeout) for the write lock before reading anything.
//    Prisma sends every transaction through startTransaction: interactive `$transaction(fn)`,
//    the batch form `$transaction([...])` and the internal ones around nested writes.
// 2. Its transaction lock is released only by commit()/rollback(), which Prisma calls only after
//    its own `COMMIT`/`ROLLBACK` statement succeeded. One SQLITE_FULL at COMMIT left the lock taken
//    for good, and every later transaction (sign-up, log-in) waited forever. Here a failed
//    COMMIT/ROLLBACK rolls back what is left and releases the lock before the error goes on.
// 3. A connection SQLite opened read-only (the file was not writable at start) stays read-only.
//    Here a write refused with SQLITE_READONLY, when no transaction is open, reopens the
//    connection once and tries again, so the server recovers when the file becomes writable.
//
// Queries outside a transaction go straight to the connection, as in Prisma's adapter.
import { setTimeout as sleep } from "node:timers/promises";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import type {
  IsolationLevel,
  SqlDriverAdapter,
  SqlDriverAdapterFactory,
  SqlQuery,
  Transaction,
} from "@prisma/driver-adapter-utils";

const BEGIN_ATTEMPTS = 4;

/** The SQLite result code behind an error from better-sqlite3, the adapter or the Prisma client. */
function sqliteErrorCode(error: unknown): string | undefined {
  let e = error as
    { code?: unknown; originalCode?: unknown; cause?: unknown; meta?: { driverAdapterError?: unknown } } | undefined;
  for (let depth = 0; e && typeof e === "object" && depth < 6; depth++) {
    if (typeof e.originalCode === "string") return e.originalCode;
    if (typeof e.code === "string" && e.code.startsWith("SQLITE_")) return e.code;
    e = (e.cause ?? e.meta?.driverAdapterError) as typeof e;
  }
  return undefined;
}

const isBusy = (error: unknown) => sqliteErrorCode(error)?.startsWith("SQLITE_BUSY") ?? false;
const isReadOnly = (error: unknown) => sqliteErrorCode(error)?.startsWith("SQLITE_READONLY") ?? false;

const statement = (sql: string): SqlQuery => ({ sql, args: [], argTypes: [] });

/** One transaction at a time on the one connection, first come first served. */
class Lock {
  #tail = Promise.resolve();
  #held = false;
  get held() {
    return this.#held;
  }
  async acquire() {
    let free!: () => void;
    const previous = this.#tail;
    this.#tail = new Promise<void>((resolve) => (free = resolve));
    await previous;
    this.#held = true;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.#held = false;
      free();
    };
  }
}

class ImmediateTransaction implements Transaction {
  readonly provider = "sqlite" as const;
  readonly adapterName: string;
  // Prisma sends COMMIT/ROLLBACK itself (through executeRaw), then calls commit()/rollback().
  readonly options = { usePhantomQuery: false };
  #connection: SqlDriverAdapter;
  #release: () => void;

  constructor(connection: SqlDriverAdapter, release: () => void) {
    this.#connection = connection;
    this.adapterName = connection.adapterName;
    this.#release = release;
  }
  queryRaw(query: SqlQuery) {
    return this.#connection.queryRaw(query);
  }
  async executeRaw(query: SqlQuery) {
    try {
      return await this.#connection.executeRaw(query);
    } catch (error) {
      const verb = query.sql.trim().toUpperCase();
      if (verb === "COMMIT" || verb === "ROLLBACK") {
        // Prisma will not call commit()/rollback() now. SQLite may already have rolled back
        // (it does after SQLITE_FULL), in which case this ROLLBACK fails harmlessly.
        await this.#connection.executeRaw(statement("ROLLBACK")).catch(() => undefined);
        this.#release();
      }
      throw error;
    }
  }
  commit() {
    this.#release();
    return Promise.resolve();
  }
  rollback() {
    this.#release();
    return Promise.resolve();
  }
}

class ImmediateAdapter implements SqlDriverAdapter {
  readonly provider = "sqlite" as const;
  readonly adapterName: string;
  #connection: SqlDriverAdapter;
  #reconnect: () => Promise<SqlDriverAdapter>;
  #lock = new Lock();

  constructor(connection: SqlDriverAdapter, reconnect: () => Promise<SqlDriverAdapter>) {
    this.#connection = connection;
    this.adapterName = connection.adapterName;
    this.#reconnect = reconnect;
  }

  /** Runs a query outside any transaction; a read-only refusal reopens the connection once. */
  async #outside<T>(run: (connection: SqlDriverAdapter) => Promise<T>): Promise<T> {
    const connection = this.#connection;
    try {
      return await run(connection);
    } catch (error) {
      if (!isReadOnly(error)) throw error;
      // Swap connections only while no transaction is using the old one.
      const release = await this.#lock.acquire();
      try {
        if (this.#connection === connection) await this.#replaceConnection();
      } finally {
        release();
      }
      return run(this.#connection);
    }
  }

  /** Reopens the connection; the caller holds the lock. */
  async #replaceConnection() {
    // Close first: SQLite shares one -shm mapping per file within a process, so a connection
    // opened while the read-only one is still open would inherit its read-only mapping.
    await this.#connection.dispose().catch(() => undefined);
    this.#connection = await this.#reconnect();
  }

  queryRaw(query: SqlQuery) {
    return this.#outside((c) => c.queryRaw(query));
  }
  executeRaw(query: SqlQuery) {
    return this.#outside((c) => c.executeRaw(query));
  }
  executeScript(script: string) {
    return this.#outside((c) => c.executeScript(script));
  }
  getConnectionInfo() {
    return this.#connection.getConnectionInfo?.() ?? { supportsRelationJoins: false };
  }

  async startTransaction(isolationLevel?: IsolationLevel): Promise<Transaction> {
    // SQLite transactions are always serializable; let the original adapter refuse anything else.
    if (isolationLevel && isolationLevel !== "SERIALIZABLE") return this.#connection.startTransaction(isolationLevel);
    const release = await this.#lock.acquire();
    try {
      await this.#begin();
      return new ImmediateTransaction(this.#connection, release);
    } catch (error) {
      release();
      throw error;
    }
  }

  /**
   * BEGIN IMMEDIATE waits up to the busy timeout for the write lock. If another process still
   * holds it after that, try again a few times (nothing has happened yet, so this is safe),
   * pausing without blocking the event loop. A read-only refusal reopens the connection once.
   */
  async #begin() {
    for (let attempt = 1; ; attempt++) {
      try {
        await this.#connection.executeRaw(statement("BEGIN IMMEDIATE"));
        // A connection SQLite opened read-only accepts BEGIN IMMEDIATE; find out now, not at the
        // first write, so that a database that became writable is picked up (a no-op write).
        await this.#connection.executeRaw(statement(`DELETE FROM "_prisma_migrations" WHERE 0`));
        return;
      } catch (error) {
        await this.#connection.executeRaw(statement("ROLLBACK")).catch(() => undefined);
        if (isReadOnly(error) && attempt === 1) await this.#replaceConnection();
        else if (!isBusy(error) || attempt >= BEGIN_ATTEMPTS) throw error;
        else await sleep(20 * attempt + Math.random() * 20);
      }
    }
  }

  dispose() {
    return this.#connection.dispose();
  }
}

/**
 * A driver adapter factory for Prisma: the better-sqlite3 adapter with `timeout` as SQLite's
 * busy timeout, WAL and foreign keys set on every connection, transactions as described above.
 */
export function immediateSqliteAdapter(url: string, busyTimeoutMs: number): SqlDriverAdapterFactory {
  const factory = new PrismaBetterSQLite3({ url, timeout: busyTimeoutMs });
  const connect = async () => {
    const connection = await factory.connect();
    // WAL lets readers run while one writer commits (stored in the file); foreign keys are per
    // connection. On a read-only file journal_mode cannot change: serve reads anyway.
    await connection.executeScript("PRAGMA journal_mode = WAL").catch(() => undefined);
    await connection.executeScript("PRAGMA foreign_keys = ON");
    return connection;
  };
  return {
    provider: "sqlite",
    adapterName: factory.adapterName,
    connect: async () => new ImmediateAdapter(await connect(), connect),
  };
}
