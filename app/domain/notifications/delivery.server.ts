// The delivery worker: sends OutboxMessage rows (SMS, e-mail) from inside the server process.
//
// Claiming. A row is taken by one conditional UPDATE (pending → sending, attempts + 1, and its
// nextAttemptAt moved to the end of a lease) that only one process can win; the row is then sent
// and marked sent — or put back as pending with an exponential backoff, or failed after
// MAX_ATTEMPTS or an error no retry can fix (recorded in lastError either way).
//
// The guarantee: never sent twice within a lease (LEASE_MS; every provider call times out well
// before it ends), and at least once beyond it. A process that dies between the provider's
// "sent" and our mark leaves the row in "sending"; when the lease runs out another process (or
// this one after a restart) takes it again and sends again — it cannot tell "sent, not marked"
// from "never sent". The mark is fenced by the attempt number, so a late mark from a claim that
// lost its lease changes nothing.
//
// Codes (kind "code.*") are not sent once 5 minutes old (expired: the user resends), and their
// params are blanked once a real provider has them; with the outbox adapter the admin outbox
// page *is* the delivery, so they stay readable there until they expire.
import { prisma } from "~/utils/db.server";
import { sqlBool, sqlDate } from "~/utils/sql-dialect.server";
import { mailConfigured, sendEmail } from "~/utils/email.server";
import { getSmsSender, SendError } from "~/utils/sms/index.server";
import { isCodeKind } from "./preferences";
import { renderMessage } from "./render.server";

export const LEASE_MS = 60_000;
export const MAX_ATTEMPTS = 6;
const CODE_LIFETIME_MS = 5 * 60_000;
const BATCH = 20;

/** Wait before attempt n + 1 after attempt n failed: 30 s, 2 min, 8 min, 32 min, ~2 h. */
export const backoffMs = (attempt: number) => 30_000 * 4 ** (attempt - 1);

type Claimed = {
  id: string;
  channel: string;
  recipient: string;
  kind: string;
  params: string;
  locale: string;
  link: string | null;
  attempts: number;
  createdAt: string | Date;
};

/** Takes one due row (pending, or sending with its lease run out) for this process; null if another took it. */
async function claim(id: string, now: Date): Promise<Claimed | null> {
  const rows = await prisma.$queryRaw<Claimed[]>`
    UPDATE "OutboxMessage" SET "status" = 'sending', "attempts" = "attempts" + 1, "nextAttemptAt" = ${sqlDate(new Date(now.getTime() + LEASE_MS))}
    WHERE "id" = ${id} AND "status" IN ('pending', 'sending') AND "nextAttemptAt" <= ${sqlDate(now)}
    RETURNING "id", "channel", "recipient", "kind", "params", "locale", "link", "attempts", "createdAt"`;
  return rows[0] ?? null;
}

async function send(row: Claimed) {
  const message = renderMessage(row);
  if (row.channel === "sms") {
    return getSmsSender().send({
      id: row.id,
      to: row.recipient,
      kind: row.kind,
      params: message.params,
      text: message.sms,
    });
  }
  if (row.channel === "email") {
    if (!mailConfigured()) throw new SendError("SMTP_URL is not set", true);
    return sendEmail({ to: row.recipient, ...message.email });
  }
  throw new SendError(`unknown channel "${row.channel}"`, true);
}

type Outcome = "sent" | "retrying" | "failed";

async function deliverOne(row: Claimed, now: Date): Promise<Outcome> {
  const code = isCodeKind(row.kind);
  const fence = sqlDate(now);
  let error: SendError;
  try {
    if (code && now.getTime() - new Date(row.createdAt).getTime() > CODE_LIFETIME_MS) {
      throw new SendError("the code expired before it could be sent", true);
    }
    const { providerRef } = await send(row);
    // The outbox adapter keeps a code readable for the admin page until it expires (see above).
    const blank = code && providerRef !== "outbox";
    await prisma.$executeRaw`
      UPDATE "OutboxMessage" SET "status" = 'sent', "sentAt" = ${fence}, "providerRef" = ${providerRef}, "lastError" = NULL,
        "params" = CASE WHEN ${sqlBool(Boolean(blank))} THEN '{}' ELSE "params" END
      WHERE "id" = ${row.id} AND "status" = 'sending' AND "attempts" = ${row.attempts}`;
    return "sent";
  } catch (caught) {
    error =
      caught instanceof SendError ? caught : new SendError(caught instanceof Error ? caught.message : String(caught));
  }
  const giveUp = error.permanent || row.attempts >= MAX_ATTEMPTS;
  const next = new Date(now.getTime() + backoffMs(row.attempts));
  await prisma.$executeRaw`
    UPDATE "OutboxMessage" SET "status" = ${giveUp ? "failed" : "pending"}, "nextAttemptAt" = ${sqlDate(next)},
      "lastError" = ${error.message.slice(0, 1000)},
      "params" = CASE WHEN ${sqlBool(giveUp && code)} THEN '{}' ELSE "params" END
    WHERE "id" = ${row.id} AND "status" = 'sending' AND "attempts" = ${row.attempts}`;
  console.warn(`[outbox] ${row.channel} ${row.kind} ${row.id} attempt ${row.attempts}: ${error.message}`);
  return giveUp ? "failed" : "retrying";
}

export type DeliveryReport = Record<Outcome, number>;

/** One pass: claims and sends the due rows, one at a time (each with its own lease). */
export async function deliverDue(now = new Date()): Promise<DeliveryReport> {
  const report: DeliveryReport = { sent: 0, retrying: 0, failed: 0 };
  // Codes the outbox adapter kept readable are blanked once long expired.
  await prisma.$executeRaw`
    UPDATE "OutboxMessage" SET "params" = '{}'
    WHERE "kind" LIKE 'code.%' AND "params" <> '{}' AND "status" IN ('sent', 'failed')
      AND "createdAt" < ${sqlDate(new Date(now.getTime() - 2 * CODE_LIFETIME_MS))}`;
  const due = await prisma.$queryRaw<{ id: string }[]>`
    SELECT "id" FROM "OutboxMessage" WHERE "status" IN ('pending', 'sending') AND "nextAttemptAt" <= ${sqlDate(now)}
    ORDER BY "nextAttemptAt" LIMIT ${BATCH}`;
  for (const { id } of due) {
    const row = await claim(id, now);
    if (row) report[await deliverOne(row, now)]++;
  }
  return report;
}

// ─── The worker in the server process ───

// The Remix build and the server's own modules (loaded through tsx) are separate module
// instances, so the wake-up handle lives on globalThis where both see the same one.
const handle = globalThis as unknown as { __xgWakeDelivery?: () => void };

/** Ask this process's delivery worker to look at the outbox now (after a commit). Never throws. */
export function wakeDelivery() {
  try {
    handle.__xgWakeDelivery?.();
  } catch {
    // The interval pass will pick the rows up.
  }
}

export type DeliveryWorker = { stop(): Promise<void> };

/**
 * Runs passes every `intervalMs` and whenever woken, never two at once in this process. Started by
 * app/server/index.js; XG_DELIVERY=off turns it off in a process, and under NODE_ENV=test it is off
 * unless XG_DELIVERY=on (tests call deliverDue themselves).
 */
export function startDelivery(intervalMs = 5_000): DeliveryWorker | null {
  const setting = process.env.XG_DELIVERY;
  if (setting === "off" || (process.env.NODE_ENV === "test" && setting !== "on")) return null;
  try {
    getSmsSender(); // a misconfigured provider is said at start, not only in each message's error
  } catch (error) {
    console.warn(`[outbox] ${error instanceof Error ? error.message : String(error)}`);
  }
  let running: Promise<void> | null = null;
  let again = false;
  const pass = () => {
    if (running) {
      again = true;
      return;
    }
    running = (async () => {
      // Keep going while whole batches come back: a burst is sent without waiting for the timer.
      for (let i = 0; i < 50; i++) {
        const r = await deliverDue();
        const handled = r.sent + r.retrying + r.failed;
        if (handled) console.log(`[outbox] sent ${r.sent}, retrying ${r.retrying}, failed ${r.failed}`);
        if (handled < BATCH) break;
      }
    })()
      .catch((error: Error) => console.warn(`[outbox] delivery pass failed — ${error.message}`))
      .finally(() => {
        running = null;
        if (again) {
          again = false;
          setImmediate(pass);
        }
      });
  };
  const timer = setInterval(pass, intervalMs);
  timer.unref();
  handle.__xgWakeDelivery = () => setImmediate(pass);
  pass();
  return {
    async stop() {
      clearInterval(timer);
      handle.__xgWakeDelivery = undefined;
      await running;
    },
  };
}
