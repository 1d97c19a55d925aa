// One server process: HTTP (app/server/app.js), the scheduled jobs and the outbox's delivery worker.
// Started by app/server/index.js, either alone or as one of WEB_CONCURRENCY cluster workers.
import cluster from "node:cluster";
import { createApp } from "./app.js";

const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST ?? "0.0.0.0";
const app = await createApp();
// A deep accept queue (capped by the kernel's somaxconn): a burst of sign-ups when an activity
// opens arrives as hundreds of connections at once; a full queue resets them. (In a cluster the
// primary holds the listening socket, opened with this backlog on the first worker's request.)
const server = app.listen(port, host, 4096, () => {
  // In a cluster the primary prints the address once, when every worker listens (cluster.js).
  if (cluster.isWorker) return;
  const shown = host === "0.0.0.0" ? "localhost" : host;
  // The port actually bound (PORT=0 picks a free one).
  console.log(`星光 Xingguang is serving on http://${shown}:${server.address().port}`);
});
// Stop cleanly on SIGINT/SIGTERM, registered before the slower imports below so a signal that
// arrives while they load still stops the process (the workers are stopped once they exist).
// Requests in progress are finished; a stop that takes longer than 10 s exits anyway.
let jobs;
let delivery;
let stopping = false;
for (const signal of ["SIGINT", "SIGTERM"])
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    setTimeout(() => process.exit(0), 10_000);
    server.close(() => Promise.all([jobs?.stop(), delivery?.stop()]).finally(() => process.exit(0)));
  });
// Housekeeping jobs on a schedule (app/utils/jobs.server.ts, TypeScript: loaded through tsx).
const { tsImport } = await import("tsx/esm/api");
const { startScheduledJobs } = await tsImport("../utils/jobs.server.ts", import.meta.url);
jobs = startScheduledJobs();
// The outbox's delivery worker (SMS, e-mail): app/domain/notifications/delivery.server.ts.
const { startDelivery } = await tsImport("../domain/notifications/delivery.server.ts", import.meta.url);
delivery = startDelivery();
