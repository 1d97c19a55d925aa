// Recurring jobs inside the server process. Each job has a period (hourly or daily, Beijing time);
// a run is claimed by inserting its (job, period) row into ScheduledJobRun, whose primary key lets
// only one insert win, so with several processes (or two ticks at once) each job runs at most once
// per period. The row then records how the run ended. A run that dies with its process stays
// "running" and its period is simply skipped: the next period runs again.
import { prisma } from "./db.server";
import { sqlDate } from "./sql-dialect.server";
import { toLocalDateTimeInput } from "./time";

export type Period = "hourly" | "daily";

export type Job = {
  /** Unique and stable: it names the job's rows. */
  name: string;
  period: Period;
  /** Does the work; returns a short summary for the log and the run's row. */
  run: (now: Date) => Promise<string | void>;
};

export type RunOutcome = {
  job: string;
  periodKey: string;
  status: "ok" | "failed" | "skipped";
  summary?: string;
  error?: string;
};

/** "2026-12-02" (daily) or "2026-12-02T14" (hourly), in Beijing time. */
export function periodKey(period: Period, now: Date) {
  const local = toLocalDateTimeInput(now);
  return period === "daily" ? local.slice(0, 10) : local.slice(0, 13);
}

/** One INSERT that only the first process can make for (job, period): true when it was ours.
 * (A plain create would raise a unique violation in the loser, inside Prisma's own transaction.) */
async function claim(job: string, key: string, now: Date) {
  const inserted = await prisma.$executeRaw`
    INSERT INTO "ScheduledJobRun" ("job", "periodKey", "status", "startedAt") VALUES (${job}, ${key}, 'running', ${sqlDate(now)})
    ON CONFLICT DO NOTHING`;
  return inserted === 1;
}

/** Claims and runs one job for `key`; a failure is recorded and logged, never thrown. */
async function runClaimed(job: Job, key: string, now: Date): Promise<RunOutcome> {
  const started = Date.now();
  try {
    if (!(await claim(job.name, key, now))) return { job: job.name, periodKey: key, status: "skipped" };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    console.warn(`[jobs] ${job.name} ${key}: could not claim the run — ${message}`);
    return { job: job.name, periodKey: key, status: "failed", error: message };
  }
  try {
    const summary = (await job.run(now)) ?? "";
    await prisma.scheduledJobRun.update({
      where: { job_periodKey: { job: job.name, periodKey: key } },
      data: { status: "ok", summary, finishedAt: new Date() },
    });
    console.log(`[jobs] ${job.name} ${key}: ok in ${Date.now() - started} ms${summary ? ` — ${summary}` : ""}`);
    return { job: job.name, periodKey: key, status: "ok", summary };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    // Expected to happen now and then (a storage service down); the run's row keeps the reason.
    console.warn(`[jobs] ${job.name} ${key}: failed in ${Date.now() - started} ms — ${message}`);
    await prisma.scheduledJobRun
      .update({
        where: { job_periodKey: { job: job.name, periodKey: key } },
        data: { status: "failed", error: message.slice(0, 2000), finishedAt: new Date() },
      })
      .catch((e: Error) => console.warn(`[jobs] ${job.name} ${key}: could not record the failure — ${e.message}`));
    return { job: job.name, periodKey: key, status: "failed", error: message };
  }
}

export type Scheduler = {
  /** Runs every job whose current period has not run yet (in this or any other process). */
  tick(now?: Date): Promise<RunOutcome[]>;
  /** Runs every job now, whatever has run before (the `npm run cleanup` command). */
  runAllNow(now?: Date): Promise<RunOutcome[]>;
  /** Ticks now and then every `intervalMs`; the timer never keeps the process alive. */
  start(intervalMs?: number): void;
  /** Stops the timer; resolves when a tick in progress has finished. */
  stop(): Promise<void>;
};

export function createScheduler(jobs: Job[]): Scheduler {
  const names = new Set(jobs.map((j) => j.name));
  if (names.size !== jobs.length) throw new Error("Scheduled job names must be unique");
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<unknown> | null = null;

  // One job after another: they are small, and the database has one writer at a time anyway.
  async function runEach(now: Date, keyFor: (job: Job) => string) {
    const outcomes: RunOutcome[] = [];
    for (const job of jobs) outcomes.push(await runClaimed(job, keyFor(job), now));
    return outcomes;
  }

  const scheduler: Scheduler = {
    tick: (now = new Date()) => runEach(now, (job) => periodKey(job.period, now)),
    runAllNow: (now = new Date()) => runEach(now, () => `manual-${now.toISOString()}`),
    start(intervalMs = 60_000) {
      if (timer) return;
      const tickInBackground = () => {
        if (running) return; // the previous tick is still going
        running = scheduler
          .tick()
          .catch((error: Error) => console.warn(`[jobs] tick failed — ${error.message}`))
          .finally(() => (running = null));
      };
      timer = setInterval(tickInBackground, intervalMs);
      timer.unref();
      tickInBackground();
    },
    async stop() {
      if (timer) clearInterval(timer);
      timer = null;
      await running;
    },
  };
  return scheduler;
}
