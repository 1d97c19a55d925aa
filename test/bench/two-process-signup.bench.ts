// Two server processes on one database file (the README's scale-out setup) against one process,
// both real `node app/server/index.js` processes on the built app, next to the bare baseline of
// signup.bench.ts (node:http + one better-sqlite3 INSERT): 1,000 sign-ups from 50 concurrent
// clients, then 1,000 fired at once for 100 seats (must confirm exactly 100, queue 1..900, no
// errors). Run with `npm run bench -- two-process` (builds first).
import { prisma } from "~/utils/db.server";
import { startServerProcess } from "../security/server-processes";
import { bareBaseline, drive, makeActivity, makeBenchCenter, makeWorkers, postSignup, summary } from "./signup-shared";

const CONCURRENCY = 50;
const SIGNUPS = 1000;

const center = await makeBenchCenter();
const cookies = await makeWorkers(SIGNUPS, "a"); // the same workers sign up for each activity
const databaseUrl = process.env.DATABASE_URL!;

type Figures = { label: string; steady: Awaited<ReturnType<typeof drive>>; burst: string; ok: boolean };

/** Both cases against fresh processes, back to back (an idle keep-alive connection may be reset). */
async function measure(label: string, processes: number): Promise<Figures> {
  const servers = await Promise.all(Array.from({ length: processes }, () => startServerProcess(databaseUrl)));
  const url = (i: number) => servers[i % servers.length].url;
  // The first request to a process loads the route modules.
  for (const server of servers) await (await fetch(`${server.url}/activities`)).arrayBuffer();

  const roomy = await makeActivity(center.id, center.countyId!, SIGNUPS);
  const steady = await drive(SIGNUPS, CONCURRENCY, (i) => postSignup(url(i), roomy.id, cookies[i]));
  const seated = (await prisma.activity.findUniqueOrThrow({ where: { id: roomy.id } })).confirmedCount;

  const hot = await makeActivity(center.id, center.countyId!, 100);
  const t0 = performance.now();
  const statuses = await Promise.all(
    cookies.map((cookie, i) => postSignup(url(i), hot.id, cookie).then(async (r) => (await r.arrayBuffer(), r.status))),
  );
  const ms = performance.now() - t0;
  await Promise.all(servers.map((server) => server.close()));

  const regs = await prisma.registration.findMany({
    where: { activityId: hot.id },
    select: { status: true, waitlistSeq: true },
  });
  const confirmed = regs.filter((r) => r.status === "confirmed").length;
  const queue = regs
    .filter((r) => r.status === "waitlisted")
    .map((r) => r.waitlistSeq!)
    .sort((a, b) => a - b);
  const gapFree = queue.length === SIGNUPS - 100 && queue.every((seq, i) => seq === i + 1);
  const errors = statuses.filter((s) => s !== 302).length;
  const burst = `${label.padEnd(34)} confirmed ${confirmed}, waiting list 1..${queue.length} ${gapFree ? "gap-free" : "WITH GAPS"}, errors ${errors}, ${ms.toFixed(0)} ms`;
  return {
    label,
    steady,
    burst,
    ok: steady.failures === 0 && seated === SIGNUPS && confirmed === 100 && gapFree && errors === 0,
  };
}

const results = [await measure("one process", 1), await measure("two processes, one database file", 2)];
const bare = await bareBaseline(cookies, SIGNUPS, CONCURRENCY);

console.log(`\nSign-ups: ${SIGNUPS} requests, ${CONCURRENCY} concurrent clients`);
const [oneRate, twoRate] = results.map(({ label, steady }) => summary(label, steady));
const bareRate = summary("baseline (node:http+better-sqlite3)", bare);
console.log(
  `ratio two/one process throughput: ${(twoRate / oneRate).toFixed(2)}; two processes/baseline: ${(twoRate / bareRate).toFixed(3)}`,
);
console.log(`\nContention: ${SIGNUPS} simultaneous sign-ups, 100 seats`);
for (const { burst } of results) console.log(burst);
const ok = results.every((r) => r.ok);

await prisma.$disconnect();
if (!ok) console.error("FAILED: errors or wrong seat accounting");
process.exit(ok ? 0 : 1);
