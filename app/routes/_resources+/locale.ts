import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { z } from "zod";
import { LOCALES } from "~/i18n/translate";
import { prisma } from "~/utils/db.server";
import { getUserId } from "~/utils/auth.server";
import { badRequest, safeRedirectPath } from "~/utils/http.server";
import { localeCookie } from "~/utils/cookies.server";

const LocaleSchema = z.object({ locale: z.enum(LOCALES), redirectTo: z.string().optional() });

// POST /locale: remember the chosen language in a cookie (and on the account when signed in).
export async function action({ request }: ActionFunctionArgs) {
  const submission = parseWithZod(await request.formData(), { schema: LocaleSchema });
  if (submission.status !== "success") badRequest("Unknown language");
  const { locale, redirectTo } = submission.value;
  const userId = await getUserId(request);
  if (userId) await prisma.user.update({ where: { id: userId }, data: { locale } });
  return redirect(safeRedirectPath(redirectTo), { headers: { "Set-Cookie": localeCookie(locale) } });
}
