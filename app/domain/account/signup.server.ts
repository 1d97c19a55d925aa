// Getting in with a phone: log in by SMS code, register with a proven phone. A walk-in's
// placeholder account (User.unclaimed, opened at the door) is claimed by whoever proves its
// number — by logging in with a code, registering, or the claim page — never half-way: the code's
// use and the account's change commit together or not at all.
import { isUniqueViolation, prisma } from "~/utils/db.server";
import { RuleError } from "~/utils/rule-error";
import { checkCode, useCode } from "./codes.server";

/** The account behind a phone proven by a login code (an unclaimed walk-in's becomes claimed). */
export async function loginWithCode(phone: string, code: string) {
  const checked = await checkCode("login", phone, code);
  return prisma.$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { phone }, select: { id: true, unclaimed: true } });
    // The code proved the number, so telling its holder there is no account reveals nothing.
    if (!user) throw new RuleError("account.login.noAccount", "phone");
    await useCode(tx, checked.id);
    if (user.unclaimed) await tx.user.update({ where: { id: user.id }, data: { unclaimed: false } });
    return user.id;
  });
}

/**
 * A new account for a proven phone; a walk-in's unclaimed account with that number is claimed
 * instead (its name and password set now). A number whose account is already claimed is refused.
 */
export async function registerWithCode(input: { name: string; phone: string; code: string; passwordHash: string }) {
  const { name, phone, passwordHash } = input;
  const checked = await checkCode("register", phone, input.code);
  try {
    return await prisma.$transaction(async (tx) => {
      await useCode(tx, checked.id);
      const existing = await tx.user.findUnique({ where: { phone }, select: { id: true, unclaimed: true } });
      if (existing && !existing.unclaimed) throw new RuleError("account.register.phoneHasAccount", "phone");
      if (existing) {
        // Conditional on "still unclaimed": of two claims at once, one decides.
        const { count } = await tx.user.updateMany({
          where: { id: existing.id, unclaimed: true },
          data: { name, passwordHash, unclaimed: false },
        });
        if (count !== 1) throw new RuleError("account.register.phoneHasAccount", "phone", 409);
        return { userId: existing.id, claimed: true };
      }
      const user = await tx.user.create({ data: { name, phone, passwordHash }, select: { id: true } });
      return { userId: user.id, claimed: false };
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new RuleError("account.register.phoneHasAccount", "phone", 409);
    throw error;
  }
}
