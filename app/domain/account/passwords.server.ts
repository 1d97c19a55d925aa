// Setting a password: with a code sent to the account's phone (forgotten password, claiming a
// walk-in's account), an e-mailed link, or — signed in — the current password or a fresh code.
// A new password ends every other session (a reset: all of them; the caller opens a new one).
import { prisma, type Tx } from "~/utils/db.server";
import { verifyPassword } from "~/utils/password.server";
import { loginAccountKey, loginSucceeded, reserveLogin } from "~/utils/rate-limit.server";
import { RuleError } from "~/utils/rule-error";
import { checkCode, findLink, useCode } from "./codes.server";

async function setPassword(tx: Tx, userId: string, passwordHash: string, keepSessionId: string | null = null) {
  await tx.user.update({ where: { id: userId }, data: { passwordHash, unclaimed: false } });
  await tx.session.deleteMany({ where: { userId, ...(keepSessionId ? { id: { not: keepSessionId } } : {}) } });
}

/** Forgotten password ("reset") or a walk-in claiming their account ("claim"): the phone proven by a code. */
export async function setPasswordWithCode(
  purpose: "reset" | "claim",
  phone: string,
  code: string,
  passwordHash: string,
) {
  const checked = await checkCode(purpose, phone, code);
  return prisma.$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { phone }, select: { id: true } });
    // The code proved the number: its holder may learn that no account uses it.
    if (!user) throw new RuleError("account.login.noAccount", "phone");
    await useCode(tx, checked.id);
    await setPassword(tx, user.id, passwordHash);
    return user.id;
  });
}

/** Forgotten password of an e-mail account: the link's token proves the mailbox. */
export async function setPasswordWithLink(token: string, passwordHash: string) {
  const link = await findLink("resetEmail", token);
  if (!link?.userId) throw new RuleError("account.link.invalid", null, 410);
  return prisma.$transaction(async (tx) => {
    await useCode(tx, link.id, "password");
    await setPassword(tx, link.userId!, passwordHash);
    return link.userId!;
  });
}

/**
 * Signed in: a new password, proven by the current password (throttled like a log-in, so a stolen
 * session cannot guess it) or by a code sent to the account's phone. Other sessions end.
 */
export async function changePassword(
  user: { id: string; sessionId: string },
  proof: { currentPassword?: string; code?: string },
  passwordHash: string,
  ip: string,
) {
  const account = await prisma.user.findUniqueOrThrow({
    where: { id: user.id },
    select: { phone: true, passwordHash: true },
  });
  let codeId: string | null = null;
  if (proof.code) {
    if (!account.phone) throw new RuleError("account.security.noPhone", "code");
    codeId = (await checkCode("reset", account.phone, proof.code)).id;
  } else {
    const key = loginAccountKey(user.id, "");
    const reserved = await reserveLogin(key, ip);
    if (!reserved.allowed)
      throw new RuleError("auth.throttle.tooMany", "currentPassword", 429, { minutes: reserved.minutes });
    if (!proof.currentPassword || !(await verifyPassword(account.passwordHash, proof.currentPassword)))
      throw new RuleError("account.security.wrongPassword", "currentPassword");
    await loginSucceeded(key, reserved.ids);
  }
  await prisma.$transaction(async (tx) => {
    if (codeId) await useCode(tx, codeId);
    await setPassword(tx, user.id, passwordHash, user.sessionId);
  });
}
