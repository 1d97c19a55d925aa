// Log-in throttling, persisted in LoginAttempt so it survives restarts and holds across processes.
import { prisma } from "./db.server";

export const LOGIN_WINDOW_MS = 15 * 60 * 1000;
export const MAX_FAILURES_PER_ACCOUNT = 5;
export const MAX_FAILURES_PER_IP = 20;

export type LoginBlock = { scope: "account" | "ip"; minutes: number } | null;

async function failuresSince(key: string, since: Date) {
  return prisma.loginAttempt.findMany({
    where: { key, success: false, createdAt: { gte: since } },
    select: { createdAt: true },
    orderBy: { createdAt: "asc" },
  });
}

function minutesUntilFree(failures: { createdAt: Date }[], max: number) {
  // The block lifts when the oldest failure that keeps the count at `max` leaves the window.
  const oldest = failures[failures.length - max].createdAt.getTime();
  return Math.max(1, Math.ceil((oldest + LOGIN_WINDOW_MS - Date.now()) / 60_000));
}

export async function checkLoginAllowed(account: string, ip: string): Promise<LoginBlock> {
  const since = new Date(Date.now() - LOGIN_WINDOW_MS);
  const byAccount = await failuresSince(`account:${account}`, since);
  if (byAccount.length >= MAX_FAILURES_PER_ACCOUNT) {
    return { scope: "account", minutes: minutesUntilFree(byAccount, MAX_FAILURES_PER_ACCOUNT) };
  }
  const byIp = await failuresSince(`ip:${ip}`, since);
  if (byIp.length >= MAX_FAILURES_PER_IP) {
    return { scope: "ip", minutes: minutesUntilFree(byIp, MAX_FAILURES_PER_IP) };
  }
  return null;
}

export async function recordLoginAttempt(account: string, ip: string, success: boolean) {
  await prisma.$transaction([
    prisma.loginAttempt.create({ data: { key: `account:${account}`, success } }),
    prisma.loginAttempt.create({ data: { key: `ip:${ip}`, success } }),
  ]);
  if (success) {
    // A successful log-in clears the account's failures (not the network's).
    await prisma.loginAttempt.deleteMany({ where: { key: `account:${account}`, success: false } });
  }
}
