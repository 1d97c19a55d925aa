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
// 4. It prepares every statement anew (about 6 % of a sign-up's CPU). Here prepared statements
//    are kept by SQL text (cachePreparedStatements).
//
// It also offers `transaction(fn)`: the same BEGIN IMMEDIATE transaction, under the same lock as
// Prisma's, with `fn` running raw SQL on the connection itself rather than through the Prisma
// client, whose per-statement work (query plan compiled in WebAssembly, the transaction manager)
// cost more than SQLite's own on the sign-up (db.server.ts rawTransaction, issue #13 item 6).
//
// Queries outside a transaction go straight to the connection, as in Prisma's adapter.
import { setTimeout as sleep } from "node:timers/promises";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import type {
  IsolationLevel,
  SqlDriverAdapter,
  SqlQueryable,
  SqlDriverAdapterFactory,
  SqlQuery,
  Transaction,
} from "@prisma/driver-adapter-utils";

const BEGIN_ATTEMPTS = 4;
/** Prepared statements kept per connection; raw SQL with IN lists varies, so the oldest go. */
const STATEMENT_CACHE_SIZE = 500;

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

  /**
   * Runs `fn` in a transaction begun as Prisma's are (the same lock, BEGIN IMMEDIATE with its
   * retries), giving it the connection; commits when `fn` resolves, rolls back when it throws or
   * when COMMIT fails, and releases the lock either way.
   */
  async transaction<T>(fn: (connection: SqlQueryable) => Promise<T>): Promise<T> {
    const release = await this.#lock.acquire();
    try {
      await this.#begin();
      const connection = this.#connection;
      const rollback = () => connection.executeRaw(statement("ROLLBACK")).catch(() => undefined);
      let result: T;
      try {
        result = await fn(connection);
      } catch (error) {
        await rollback();
        throw error;
      }
      try {
        await connection.executeRaw(statement("COMMIT"));
      } catch (error) {
        await rollback(); // as ImmediateTransaction.executeRaw: never leave the write lock taken
        throw error;
      }
      return result;
    } finally {
      release();
    }
  }

  dispose() {
    return this.#connection.dispose();
  }
}

/** The adapter factory, and the connection Prisma opened through it (undefined until it connects). */
export type ImmediateSqliteAdapterFactory = SqlDriverAdapterFactory & {
  connection(): ImmediateAdapter | undefined;
};
export type { ImmediateAdapter };

type Statement = {
  reader: boolean;
  run(...args: unknown[]): unknown;
  columns(): unknown[];
  raw(on: boolean): { all(...args: unknown[]): unknown[] };
};
type SqliteClient = { prepare(sql: string): unknown };

/**
 * Prisma's adapter calls `client.prepare(sql).bind(args)` and then `run()`, `columns()` or
 * `raw().all()` on what it got; a better-sqlite3 statement can be bound only once, so it cannot be
 * handed out twice. Here `prepare` returns a one-use view of a statement kept by its SQL text,
 * which passes the arguments with each call instead of binding them (everything runs synchronously
 * on the one connection, so a kept statement is never in use twice at once).
 */
function cachePreparedStatements(connection: SqlDriverAdapter) {
  const client = (connection as unknown as { client?: SqliteClient }).client;
  if (!client || typeof client.prepare !== "function") return; // not the adapter version we know
  const prepare = client.prepare.bind(client) as (sql: string) => Statement;
  const kept = new Map<string, Statement>();
  client.prepare = (sql: string) => {
    let stmt = kept.get(sql);
    if (stmt) {
      kept.delete(sql); // re-inserted below: the Map's order is least recently used first
    } else {
      stmt = prepare(sql);
      if (kept.size >= STATEMENT_CACHE_SIZE) kept.delete(kept.keys().next().value!);
    }
    kept.set(sql, stmt);
    const statement = stmt;
    return {
      bind: (args: unknown[]) => ({
        reader: statement.reader,
        run: () => statement.run(args),
        columns: () => statement.columns(),
        raw: () => ({ all: () => statement.raw(true).all(args) }),
      }),
      run: () => statement.run(),
    };
  };
}

/**
 * A driver adapter factory for Prisma: the better-sqlite3 adapter with `timeout` as SQLite's
 * busy timeout, WAL and foreign keys set on every connection, transactions as described above.
 */
export function immediateSqliteAdapter(url: string, busyTimeoutMs: number): ImmediateSqliteAdapterFactory {
  const factory = new PrismaBetterSQLite3({ url, timeout: busyTimeoutMs });
  const connect = async () => {
    const connection = await factory.connect();
    cachePreparedStatements(connection);
    // WAL lets readers run while one writer commits (stored in the file); foreign keys are per
    // connection. On a read-only file journal_mode cannot change: serve reads anyway.
    await connection.executeScript("PRAGMA journal_mode = WAL").catch(() => undefined);
    await connection.executeScript("PRAGMA foreign_keys = ON");
    return connection;
  };
  let latest: ImmediateAdapter | undefined;
  return {
    provider: "sqlite",
    adapterName: factory.adapterName,
    connect: async () => (latest = new ImmediateAdapter(await connect(), connect)),
    connection: () => latest,
  };
}
