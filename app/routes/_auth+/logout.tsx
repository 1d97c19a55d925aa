import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { z } from "zod";
import { getSessionUser } from "~/utils/auth.server";
import { clearSessionCookie, invalidateAllSessions, invalidateSession } from "~/utils/session.server";

// POST /logout ends this session; with everywhere=1 it ends every session of the user.
export async function action({ request }: ActionFunctionArgs) {
  const user = await getSessionUser(request);
  if (user) {
    const submission = parseWithZod(await request.formData(), {
      schema: z.object({ everywhere: z.string().optional() }),
    });
    if (submission.status === "success" && submission.value.everywhere === "1") await invalidateAllSessions(user.id);
    else await invalidateSession(user.sessionId);
  }
  return redirect("/", { headers: { "Set-Cookie": clearSessionCookie(request) } });
}

export async function loader() {
  return redirect("/");
}
