// Changing the phone or e-mail one logs in with: only to an address the user has just proven
// (a code sent to the new phone, a link sent to the new mailbox), so nobody can put someone
// else's number or e-mail on their account.
import { isUniqueViolation, prisma } from "~/utils/db.server";
import { RuleError } from "~/utils/rule-error";
import { checkCode, findLink, useCode } from "./codes.server";

export async function changePhone(userId: string, phone: string, code: string) {
  const checked = await checkCode("changePhone", phone, code);
  // The code must have been asked for by this account (another account's code proves nothing here).
  if (checked.userId !== userId) throw new RuleError("account.code.wrong", "code");
  try {
    await prisma.$transaction(async (tx) => {
      await useCode(tx, checked.id);
      await tx.user.update({ where: { id: userId }, data: { phone } });
    });
  } catch (error) {
    // The holder of the number proved it, so saying it is taken reveals nothing to a stranger.
    if (isUniqueViolation(error)) throw new RuleError("auth.validation.phoneTaken", "phone");
    throw error;
  }
}

/** Applies a verified e-mail from its link; returns the account it now belongs to. */
export async function applyEmailLink(token: string) {
  const link = await findLink("verifyEmail", token);
  if (!link?.userId) throw new RuleError("account.link.invalid", null, 410);
  try {
    await prisma.$transaction(async (tx) => {
      await useCode(tx, link.id, "token");
      await tx.user.update({ where: { id: link.userId! }, data: { email: link.target } });
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new RuleError("auth.validation.emailTaken", null, 409);
    throw error;
  }
  return link.userId;
}
