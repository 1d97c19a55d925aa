// Run by test/helpers/seeded-db.ts (node --import tsx) with DATABASE_URL set to the run's seeded copy: seeds the
// demo and writes seedDemoForRoutes()'s ids to the file named by the first argument (renamed into place, so a
// reader never sees half of it).
import fs from "node:fs";
import { prisma } from "~/utils/db.server";
import { seedDemoForRoutes } from "./routes";

const out = process.argv[2];
const demo = await seedDemoForRoutes();
await prisma.$disconnect();
fs.writeFileSync(`${out}.part`, JSON.stringify(demo));
fs.renameSync(`${out}.part`, out);
