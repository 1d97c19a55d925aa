// `npm start` runs this after building and preparing the database (app/scripts/setup-db.ts).
// One process by default; WEB_CONCURRENCY=N forks N worker processes on one port (app/server/cluster.js).
import cluster from "node:cluster";
import { startPrimary, workerCount } from "./cluster.js";
import { warnIfDatabaseReadOnly } from "./database-check.js";

const count = cluster.isPrimary ? workerCount() : 1;
if (cluster.isPrimary) warnIfDatabaseReadOnly(); // once, not once per worker
if (count > 1) startPrimary(count);
else await import("./worker.js");
