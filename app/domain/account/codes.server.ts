// One-time codes by SMS (6 digits) and link tokens by e-mail: the proof that someone holds a phone
// or a mailbox. Everything is in the database, so the rules hold across restarts and processes.
//
// - Stored as a peppered SHA-256 only. Six digits are a small space, so the pepper (a server
//   secret, VERIFICATION_SECRET) matters if the table leaks; online guessing is bounded by tries.
// - Sending: one conditional INSERT (rate-limit.server.ts `consumeAll`) reserves the send under
//   three limits at once — one per minute per address, a daily cap per address and per client
//   network — before anything is written; a newer code replaces the older ones of its purpose.
// - Checking: a try is reserved by one conditional UPDATE (`attempts < 5`, unused, unexpired)
//   before the code is compared, so 30 parallel guesses get at most 5 comparisons. Using a code
//   is a second conditional UPDATE (`usedAt IS NULL`) inside the transaction of what it proves,
//   so a code acts once and only together with its effect.
// - Sending never depends on whether the address belongs to an account (no enumeration): SMS codes
//   are always sent; e-mail links only to an account's address, with the same answer either way.
import { createHash, randomBytes, randomInt, timingSafeEqual } from "node:crypto";
import { wakeDelivery } from "~/domain/notifications/delivery.server";
import { sendToAddress } from "~/domain/notifications/notify.server";
import type { MessageKey } from "~/i18n";
import { prisma, type Tx } from "~/utils/db.server";
import { sqlDate } from "~/utils/sql-dialect.server";
import { consumeAll } from "~/utils/rate-limit.server";
import { RuleError } from "~/utils/rule-error";

export const CODE_TTL_MS = 5 * 60 * 1000;
export const MAX_TRIES = 5;
export const RESEND_AFTER_MS = 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;
/** Messages per phone or e-mail address per 24 hours, and per client network. */
export const DAILY_PER_ADDRESS = 10;
export const DAILY_PER_IP = 30;
/** E-mail links carry a long random token, so only time limits them. */
export const LINK_TTL_MS = { resetEmail: 30 * 60 * 1000, verifyEmail: 24 * 60 * 60 * 1000 } as const;

export type CodePurpose = "login" | "register" | "reset" | "changePhone" | "claim";
export type LinkPurpose = keyof typeof LINK_TTL_MS;

const SMS_KIND: Record<CodePurpose, MessageKey> = {
  login: "code.login",
  register: "code.register",
  reset: "code.reset",
  changePhone: "code.changePhone",
  claim: "code.claim",
};
const LINK_KIND: Record<LinkPurpose, MessageKey> = { resetEmail: "link.resetEmail", verifyEmail: "link.verifyEmail" };

const pepper = () => process.env.VERIFICATION_SECRET || "xingguang-development-pepper";
const digest = (secret: string) => createHash("sha256").update(`${pepper()}:${secret}`).digest("hex");

type Sender = { ip: string; locale: string; userId?: string | null };

/**
 * Reserves one message to `address` from `ip`, or refuses with a field-level 429. Reserved before
 * anything is looked up or written, so a refusal says nothing about the address.
 */
async function reserveSend(address: string, ip: string, field: string) {
  const reserved = await consumeAll([
    { key: `code:resend:${address}`, limit: 1, windowMs: RESEND_AFTER_MS },
    { key: `code:to:${address}`, limit: DAILY_PER_ADDRESS, windowMs: DAY_MS },
    { key: `code:ip:${ip}`, limit: DAILY_PER_IP, windowMs: DAY_MS },
  ]);
  if (reserved.allowed) return;
  const key: MessageKey = reserved.key.startsWith("code:resend:") ? "account.code.wait" : "account.code.dailyLimit";
  throw new RuleError(key, field, 429, { seconds: reserved.retryAfterSeconds });
}

/** Sends a fresh 6-digit code by SMS for `purpose`; earlier unused codes of that purpose stop working. */
export async function sendCode(purpose: CodePurpose, phone: string, sender: Sender, field = "phone", now = new Date()) {
  await reserveSend(phone, sender.ip, field);
  const code = String(randomInt(0, 1_000_000)).padStart(6, "0");
  await prisma.$transaction(async (tx) => {
    await tx.verificationCode.updateMany({ where: { target: phone, purpose, usedAt: null }, data: { usedAt: now } });
    await tx.verificationCode.create({
      data: {
        purpose,
        target: phone,
        userId: sender.userId ?? null,
        codeHash: digest(code),
        expiresAt: new Date(now.getTime() + CODE_TTL_MS),
        createdAt: now,
      },
    });
    await sendToAddress(
      tx,
      { channel: "sms", recipient: phone, locale: sender.locale, userId: sender.userId },
      { kind: SMS_KIND[purpose], params: { code } },
    );
  });
  wakeDelivery();
}

/**
 * Checks a typed code against the newest code sent to `target` for `purpose`. A try is spent
 * before the comparison (see the file's opening comment). Returns the code's row to `useCode`
 * inside the transaction of its effect; refuses with a field-level RuleError on `field`.
 */
export async function checkCode(purpose: CodePurpose, target: string, typed: string, field = "code", now = new Date()) {
  const row = await prisma.verificationCode.findFirst({
    where: { target, purpose },
    orderBy: { createdAt: "desc" },
    select: { id: true, codeHash: true, userId: true, usedAt: true, expiresAt: true },
  });
  if (!row) throw new RuleError("account.code.none", field);
  const spent = await prisma.$executeRaw`
    UPDATE "VerificationCode" SET "attempts" = "attempts" + 1
    WHERE "id" = ${row.id} AND "attempts" < ${MAX_TRIES} AND "usedAt" IS NULL AND "expiresAt" > ${sqlDate(now)}`;
  if (spent === 0) {
    const after = await prisma.verificationCode.findUniqueOrThrow({
      where: { id: row.id },
      select: { usedAt: true, expiresAt: true, attempts: true },
    });
    if (after.usedAt) throw new RuleError("account.code.used", field);
    if (after.expiresAt <= now) throw new RuleError("account.code.expired", field);
    throw new RuleError("account.code.tooManyTries", field, 429);
  }
  const typedHash = Buffer.from(digest(typed.trim()), "hex");
  if (!timingSafeEqual(typedHash, Buffer.from(row.codeHash, "hex"))) throw new RuleError("account.code.wrong", field);
  return { id: row.id, userId: row.userId };
}

/** Marks a checked code used, inside the transaction of what it proves: of two uses, one wins. */
export async function useCode(tx: Tx, id: string, field = "code", now = new Date()) {
  const { count } = await tx.verificationCode.updateMany({ where: { id, usedAt: null }, data: { usedAt: now } });
  if (count !== 1) throw new RuleError("account.code.used", field, 409);
}

/**
 * E-mails a one-time link (`${path}/${token}`, a path: the message renderer makes it absolute with
 * PUBLIC_URL, never with a request's Host header) for `purpose` to `email`, on behalf of
 * `userId`. The send is reserved whether or not the message goes out, so the caller can answer
 * the same way for an address that belongs to no account (`userId` null: nothing is sent).
 */
export async function sendLink(
  purpose: LinkPurpose,
  email: string,
  userId: string | null,
  sender: Sender & { path: string },
  field = "email",
  now = new Date(),
) {
  await reserveSend(email, sender.ip, field);
  if (!userId) return;
  const token = randomBytes(32).toString("base64url");
  const link = `${sender.path}/${token}`;
  await prisma.$transaction(async (tx) => {
    await tx.verificationCode.updateMany({
      where: { target: email, purpose, userId, usedAt: null },
      data: { usedAt: now },
    });
    await tx.verificationCode.create({
      data: {
        purpose,
        target: email,
        userId,
        codeHash: digest(token),
        expiresAt: new Date(now.getTime() + LINK_TTL_MS[purpose]),
        createdAt: now,
      },
    });
    await sendToAddress(
      tx,
      { channel: "email", recipient: email, locale: sender.locale, userId },
      { kind: LINK_KIND[purpose], params: { link }, link },
    );
  });
  wakeDelivery();
}

/** The valid (unused, unexpired) link behind a token, or null. */
export async function findLink(purpose: LinkPurpose, token: string, now = new Date()) {
  if (!token || token.length > 100) return null;
  return prisma.verificationCode.findFirst({
    where: { purpose, codeHash: digest(token), usedAt: null, expiresAt: { gt: now } },
    select: { id: true, target: true, userId: true },
  });
}
