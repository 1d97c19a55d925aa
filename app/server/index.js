// `npm start` runs this after building and preparing the database (app/scripts/setup-db.ts).
import { createApp } from "./app.js";
import { warnIfDatabaseReadOnly } from "./database-check.js";

const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST ?? "0.0.0.0";
warnIfDatabaseReadOnly();
const app = await createApp();
// A deep accept queue (capped by the kernel's somaxconn): a burst of sign-ups when an activity
// opens arrives as hundreds of connections at once; a full queue resets them.
const server = app.listen(port, host, 4096, () => {
  const shown = host === "0.0.0.0" ? "localhost" : host;
  // The port actually bound (PORT=0 picks a free one).
  console.log(`星光 Xingguang is serving on http://${shown}:${server.address().port}`);
});
// Stop cleanly on SIGINT/SIGTERM, registered before the slower imports below so a signal that
// arrives while they load still stops the process (the workers are stopped once they exist).
let jobs;
let delivery;
for (const signal of ["SIGINT", "SIGTERM"])
  process.on(signal, () => {
    void jobs?.stop();
    void delivery?.stop();
    server.close(() => process.exit(0));
  });
// Housekeeping jobs on a schedule (app/utils/jobs.server.ts, TypeScript: loaded through tsx).
const { tsImport } = await import("tsx/esm/api");
const { startScheduledJobs } = await tsImport("../utils/jobs.server.ts", import.meta.url);
jobs = startScheduledJobs();
// The outbox's delivery worker (SMS, e-mail): app/domain/notifications/delivery.server.ts.
const { startDelivery } = await tsImport("../domain/notifications/delivery.server.ts", import.meta.url);
delivery = startDelivery();
