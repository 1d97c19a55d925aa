import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { LOCALES, type Locale } from "~/i18n";
import { prisma } from "~/utils/db.server";
import { getUserId } from "~/utils/auth.server";
import { safeRedirectPath } from "~/utils/http.server";
import { localeCookie } from "~/utils/i18n.server";

// POST /locale: remember the chosen language in a cookie (and on the account when signed in).
export async function action({ request }: ActionFunctionArgs) {
  const form = await request.formData();
  const requested = String(form.get("locale") ?? "");
  if (!(LOCALES as readonly string[]).includes(requested)) throw new Response("Unknown language", { status: 400 });
  const locale = requested as Locale;
  const userId = await getUserId(request);
  if (userId) await prisma.user.update({ where: { id: userId }, data: { locale } });
  return redirect(safeRedirectPath(form.get("redirectTo")), { headers: { "Set-Cookie": localeCookie(locale) } });
}
