// The root loader (locale, signed-in user, their nav roles and unread count), out of app/root.tsx
// so that every page's JavaScript carries none of the server modules' stubs (issue #12 item 15).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { data } from "@remix-run/react";
import { messagesHref } from "~/i18n/messages.server";
import { getSessionUser } from "~/utils/auth.server";
import { prisma } from "~/utils/db.server";
import { getLocale } from "~/utils/i18n.server";
import { navRoles } from "~/utils/permissions.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const locale = getLocale(request);
  const sessionUser = await getSessionUser(request);
  let user = null;
  if (sessionUser) {
    const id = sessionUser.id;
    const [roles, [facts]] = await Promise.all([
      navRoles(id),
      // The header's three facts in one statement, with no query compilation on every page view.
      // Counts and EXISTS come back as bigint or 0/1 depending on the engine: hence Number().
      prisma.$queryRaw<{ isMember: unknown; unread: unknown; judging: unknown }[]>`
        SELECT EXISTS (SELECT 1 FROM "Membership" WHERE "userId" = ${id}) AS "isMember",
          (SELECT COUNT(*) FROM "Notification" WHERE "userId" = ${id} AND "readAt" IS NULL) AS "unread",
          EXISTS (SELECT 1 FROM "ContestJudge" WHERE "userId" = ${id}) AS "judging"`,
    ]);
    // Anyone invited to judge a contest gets the judging area, with or without a judge role.
    if (Number(facts.judging) && !roles.includes("judge")) roles.push("judge");
    const isMember = Boolean(Number(facts.isMember));
    user = { id, name: sessionUser.name, roles, isMember, unread: Number(facts.unread) };
  }
  const headers = sessionUser?.setCookie ? { "Set-Cookie": sessionUser.setCookie } : undefined;
  return data({ locale, user, messagesHref: messagesHref(locale) }, { headers });
}
