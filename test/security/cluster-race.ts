// Run by test/security/cluster.test.ts: `node --import tsx test/security/cluster-race.ts <jobs|delivery> <rounds>`.
// A node:cluster primary forks two workers (as WEB_CONCURRENCY=2 does) on DATABASE_URL; once both
// have loaded the app's modules, it sends them the same instant at the same moment, and each runs
// the scheduler's tick (four jobs) or one delivery pass for that instant. Prints one line,
// "RESULT <json>": per worker, per round, what it did.
import cluster from "node:cluster";

const [mode, roundsArg] = process.argv.slice(2);
const rounds = Number(roundsArg ?? 1);
type Go = { round: number; now: string };

if (cluster.isPrimary) {
  const workers = [cluster.fork(), cluster.fork()];
  const results: unknown[][] = workers.map(() => []);
  let ready = 0;
  let answered = 0;
  let round = 0;
  const go = () => {
    // Both get the same instant (a new hour each round, so each round is a new period for the jobs).
    const now = new Date(Date.UTC(2030, 0, 1, round)).toISOString();
    for (const worker of workers) worker.send({ round, now } satisfies Go);
  };
  workers.forEach((worker, i) =>
    worker.on("message", (message: { ready?: true; result?: unknown }) => {
      if (message.ready && ++ready === workers.length) go();
      if (!message.result) return;
      results[i].push(message.result);
      if (++answered % workers.length) return;
      if (++round < rounds) return go();
      console.log(`RESULT ${JSON.stringify(results)}`);
      for (const w of workers) w.send("exit");
    }),
  );
  let exited = 0;
  cluster.on("exit", () => ++exited === workers.length && process.exit(0));
} else {
  const { prisma } = await import("~/utils/db.server");
  const { createScheduler } = await import("~/utils/scheduler.server");
  const { deliverDue } = await import("~/domain/notifications/delivery.server");
  const worker = cluster.worker!;
  // Each job records every time it really runs (a LoginAttempt row keyed by job and worker).
  const jobs = ["a", "b", "c", "d"].map((name) => ({
    name: `race.${name}`,
    period: "hourly" as const,
    run: async () => {
      await prisma.loginAttempt.create({ data: { key: `race:${name}:${worker.id}`, success: true } });
    },
  }));
  const scheduler = createScheduler(jobs);
  process.on("message", async (message: Go | "exit") => {
    if (message === "exit") {
      await prisma.$disconnect();
      return process.exit(0);
    }
    const now = new Date(message.now);
    const result =
      mode === "jobs" ? (await scheduler.tick(now)).map(({ job, status }) => ({ job, status })) : await deliverDue(now);
    process.send!({ result });
  });
  // Touch the database once so the first round does not also time the connection's opening.
  await prisma.loginAttempt.count();
  process.send!({ ready: true });
}
