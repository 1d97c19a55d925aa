// Saving a user's channel choices: one statement per category that inserts or overwrites, so
// two saves at once cannot collide on the (userId, category) key.
import { prisma } from "~/utils/db.server";
import { sqlBool } from "~/utils/sql-dialect.server";
import { CATEGORIES, type Category, type Channels } from "./preferences";

export async function savePreferences(userId: string, choices: Record<Category, Channels>) {
  await prisma.$transaction(async (tx) => {
    for (const category of CATEGORIES) {
      const { sms, email } = choices[category];
      await tx.$executeRaw`
        INSERT INTO "NotificationPreference" ("userId", "category", "sms", "email")
        VALUES (${userId}, ${category}, ${sqlBool(sms)}, ${sqlBool(email)})
        ON CONFLICT ("userId", "category") DO UPDATE SET "sms" = excluded."sms", "email" = excluded."email"`;
    }
  });
}
