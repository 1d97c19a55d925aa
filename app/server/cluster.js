// WEB_CONCURRENCY=N (N > 1): the primary process forks N workers (node:cluster) that share one
// port; the primary itself serves no HTTP, it only hands out connections (round robin), prints the
// address once every worker listens, restarts a worker that dies and stops them all on a signal.
// Each worker is the single-process server (app/server/worker.js), scheduled jobs and the outbox's
// delivery worker included: both are once-across-processes by the database (a job's run is one
// INSERT … ON CONFLICT DO NOTHING on (job, period); a message is claimed by one conditional UPDATE
// with a 60 s lease), checked by test/security/cluster.test.ts.
import cluster from "node:cluster";
import os from "node:os";

/** N from WEB_CONCURRENCY: unset or empty → 1 (no fork), "auto" → the machine's CPU count. */
export function workerCount(value = process.env.WEB_CONCURRENCY) {
  const text = String(value ?? "").trim();
  if (!text) return 1;
  if (text === "auto") return os.availableParallelism();
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1 || n > 256)
    throw new Error(`WEB_CONCURRENCY must be a whole number from 1 to 256 or "auto" (got "${text}")`);
  return n;
}

// A worker that dies within HEALTHY_MS of starting counts as a crash loop: each such death doubles
// the wait before the next start (1 s, 2 s, 4 s … up to 60 s), so a bad deploy or a missing build
// does not fork hundreds of processes a minute; one that ran longer is replaced at once.
const HEALTHY_MS = 30_000;
const FIRST_DELAY_MS = 1_000;
const MAX_DELAY_MS = 60_000;
// Time a worker has to finish its requests and jobs after SIGTERM before it is killed.
const STOP_GRACE_MS = 15_000;

/** @param {number} count */
export function startPrimary(count) {
  let stopping = false;
  let announced = false;
  /** @type {{ worker: import("node:cluster").Worker | null, startedAt: number, failures: number, listening: boolean }[]} */
  const slots = Array.from({ length: count }, () => ({ worker: null, startedAt: 0, failures: 0, listening: false }));

  const fork = (/** @type {number} */ index) => {
    const slot = slots[index];
    slot.startedAt = Date.now();
    slot.listening = false;
    slot.worker = cluster.fork({ XG_WORKER: String(index + 1) });
    const { worker } = slot;
    worker.on("listening", (address) => {
      slot.listening = true;
      if (announced) return console.log(`[cluster] worker ${index + 1} (pid ${worker.process.pid}) is serving again`);
      if (!slots.every((s) => s.listening)) return;
      announced = true;
      const host = process.env.HOST ?? "0.0.0.0";
      const shown = host === "0.0.0.0" || host === "::" ? "localhost" : host;
      // Printed once, by the primary, when every worker listens (PORT=0: the port they share).
      console.log(`星光 Xingguang is serving on http://${shown}:${address.port} (${count} worker processes)`);
    });
    worker.on("exit", (code, signal) => {
      if (slot.worker === worker) slot.worker = null;
      if (stopping) return;
      const ranFor = Date.now() - slot.startedAt;
      slot.failures = ranFor < HEALTHY_MS ? slot.failures + 1 : 0;
      const delay = slot.failures === 0 ? 0 : Math.min(MAX_DELAY_MS, FIRST_DELAY_MS * 2 ** (slot.failures - 1));
      console.warn(
        `[cluster] worker ${index + 1} (pid ${worker.process.pid}) exited (${signal ?? `code ${code}`}) after ` +
          `${Math.round(ranFor / 1000)} s; starting a new one${delay ? ` in ${delay / 1000} s` : ""}`,
      );
      // Checked again when the wait is over: a stop may have come in the meantime.
      setTimeout(() => stopping || fork(index), delay);
    });
  };

  const stop = (/** @type {NodeJS.Signals} */ signal) => {
    if (stopping) return;
    stopping = true;
    const running = slots.map((s) => s.worker).filter((w) => w !== null);
    if (running.length === 0) process.exit(0);
    // Each worker stops its jobs, finishes the requests it has and exits (app/server/worker.js).
    for (const worker of running) worker.process.kill(signal);
    const force = setTimeout(() => {
      for (const worker of running) if (!worker.isDead()) worker.process.kill("SIGKILL");
    }, STOP_GRACE_MS);
    let left = running.length;
    for (const worker of running)
      worker.once("exit", () => {
        if (--left > 0) return;
        clearTimeout(force);
        process.exit(0);
      });
  };
  for (const signal of /** @type {const} */ (["SIGINT", "SIGTERM"])) process.on(signal, () => stop(signal));

  for (let i = 0; i < count; i++) fork(i);
}
