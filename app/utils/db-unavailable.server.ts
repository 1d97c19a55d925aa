// Is this error "the database cannot be reached right now" (PostgreSQL stopped, restarting, not
// accepting connections, the connection cut, the pool unable to connect in time)? Such a request
// is answered 503 with a translated page (app/server/app.js) instead of a 500, and the next
// request simply tries again: the pg pool drops broken connections and opens new ones, so the
// app recovers by itself once the database is back.
// Decided by codes, never by message text alone: Prisma's own codes, the driver adapter's error
// kinds, PostgreSQL's SQLSTATEs and Node's socket errors.

// P1001 can't reach the server, P1002 timed out reaching it, P1017 the server closed the connection,
// P2024 timed out waiting for a connection from the pool.
const PRISMA_CODES = new Set(["P1001", "P1002", "P1017", "P2024"]);
// @prisma/adapter-pg's kinds for socket-level failures and a full server.
const ADAPTER_KINDS = new Set(["DatabaseNotReachable", "ConnectionClosed", "SocketTimeout", "TooManyConnections"]);
// 57P01 admin shutdown (a terminated backend), 57P02 crash shutdown, 57P03 cannot connect now
// (starting up or shutting down), 53300 too many connections; class 08 is "connection exception".
const SQLSTATES = new Set(["57P01", "57P02", "57P03", "53300"]);
const SOCKET_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "EPIPE", "ETIMEDOUT", "EHOSTUNREACH", "ENOTFOUND"]);

type Inspectable = {
  code?: unknown;
  kind?: unknown;
  severity?: unknown;
  originalCode?: unknown;
  message?: unknown;
  cause?: unknown;
  meta?: { driverAdapterError?: unknown };
};

function matches(e: Inspectable) {
  if (typeof e.code === "string" && (PRISMA_CODES.has(e.code) || SOCKET_CODES.has(e.code))) return true;
  if (typeof e.kind === "string" && ADAPTER_KINDS.has(e.kind)) return true;
  const sqlstate = typeof e.originalCode === "string" ? e.originalCode : e.code;
  if (typeof sqlstate === "string") {
    if (SQLSTATES.has(sqlstate) || sqlstate.startsWith("08")) return true;
    // 55000 as a FATAL at connect: "database … is not currently accepting connections" (ALLOW_CONNECTIONS false).
    if (sqlstate === "55000" && e.severity === "FATAL") return true;
  }
  // node-postgres's own errors for a connection lost mid-query or never made within its timeout.
  return (
    typeof e.message === "string" &&
    /^(Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error)/.test(
      e.message,
    )
  );
}

export function isDatabaseUnavailable(error: unknown): boolean {
  const seen = new Set<unknown>();
  const queue = [error];
  while (queue.length) {
    const e = queue.shift();
    if (!e || typeof e !== "object" || seen.has(e) || seen.size > 10) continue;
    seen.add(e);
    const inspectable = e as Inspectable;
    if (matches(inspectable)) return true;
    queue.push(inspectable.cause, inspectable.meta?.driverAdapterError);
  }
  return false;
}
