// A WEB_CONCURRENCY=2 cluster (the README's scale-out setup: two workers on one port and one
// database) against one process, both real `node app/server/index.js` processes on the built app,
// next to the bare baseline of signup.bench.ts (node:http + one better-sqlite3 INSERT; SQLite
// only): 1,000 sign-ups from 50 concurrent clients, then 1,000 fired at once for 100 seats (must
// confirm exactly 100, queue 1..900, no errors). With XG_BENCH_PG_URL set, the same on PostgreSQL,
// printed beside SQLite's. Run with `npm run bench -- two-process` (builds first).
import { prisma } from "~/utils/db.server";
import { bareBaseline, drive, makeActivity, makeBenchCenter, makeWorkers, postSignup, summary } from "./signup-shared";
import { alsoOnPostgres, engineName, reportToParent, startServers } from "./two-process-shared";

const CONCURRENCY = 50;
const SIGNUPS = 1000;

const center = await makeBenchCenter();
const cookies = await makeWorkers(SIGNUPS, "a"); // the same workers sign up for each activity
const databaseUrl = process.env.DATABASE_URL!;

type Figures = { label: string; steady: Awaited<ReturnType<typeof drive>>; burst: string; ok: boolean };

/** Both cases against fresh processes, back to back (an idle keep-alive connection may be reset). */
async function measure(label: string, processes: number): Promise<Figures> {
  const server = await startServers(databaseUrl, processes);
  // The first request to a process loads the route modules; a cluster hands out connections (not
  // requests) in turn, so several at once reach every worker.
  await Promise.all(
    Array.from({ length: 4 * processes }, async () => (await fetch(`${server.url}/activities`)).arrayBuffer()),
  );

  const roomy = await makeActivity(center.id, center.countyId!, SIGNUPS);
  const steady = await drive(SIGNUPS, CONCURRENCY, (i) => postSignup(server.url, roomy.id, cookies[i]));
  const seated = (await prisma.activity.findUniqueOrThrow({ where: { id: roomy.id } })).confirmedCount;

  const hot = await makeActivity(center.id, center.countyId!, 100);
  const t0 = performance.now();
  const statuses = await Promise.all(
    cookies.map((cookie) =>
      postSignup(server.url, hot.id, cookie).then(async (r) => (await r.arrayBuffer(), r.status)),
    ),
  );
  const ms = performance.now() - t0;
  await server.close();

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

const engine = engineName();
const results = [await measure("one process", 1), await measure("WEB_CONCURRENCY=2", 2)];
// The bare baseline writes into the SQLite file itself: not on PostgreSQL.
const bare = engine === "SQLite" ? await bareBaseline(cookies, SIGNUPS, CONCURRENCY) : null;

console.log(`\nSign-ups on ${engine}: ${SIGNUPS} requests, ${CONCURRENCY} concurrent clients`);
const [oneRate, twoRate] = results.map(({ label, steady }) => summary(label, steady));
const bareRate = bare ? summary("baseline (node:http+better-sqlite3)", bare) : NaN;
console.log(
  `ratio two/one process throughput: ${(twoRate / oneRate).toFixed(2)}` +
    (bare ? `; two processes/baseline: ${(twoRate / bareRate).toFixed(3)}` : ""),
);
console.log(`\nContention on ${engine}: ${SIGNUPS} simultaneous sign-ups, 100 seats`);
for (const { burst } of results) console.log(burst);
let ok = results.every((r) => r.ok);
await prisma.$disconnect();
type Reported = { one: number; two: number; ok: boolean };
reportToParent({ one: oneRate, two: twoRate, ok } satisfies Reported);

const onPostgres = await alsoOnPostgres<Reported>(import.meta.filename);
if (onPostgres) {
  console.log(`\nSign-ups, req/s at ${CONCURRENCY} concurrent    one process   WEB_CONCURRENCY=2`);
  console.log(`SQLite${" ".repeat(33)}${oneRate.toFixed(0).padStart(6)}   ${twoRate.toFixed(0).padStart(6)}`);
  console.log(
    `PostgreSQL${" ".repeat(29)}${onPostgres.one.toFixed(0).padStart(6)}   ${onPostgres.two.toFixed(0).padStart(6)}`,
  );
  ok &&= onPostgres.ok;
}
if (!ok) console.error("FAILED: errors or wrong seat accounting");
process.exit(ok ? 0 : 1);
