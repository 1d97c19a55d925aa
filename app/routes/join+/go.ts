import type { LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { getUserId } from "~/utils/auth.server";
import { recordJoinClick } from "~/utils/funnel.server";

// GET /join/go?from=activity:<id> — every join invitation links here: the click is recorded as a
// funnel step with its source, then the worker lands on the application form carrying the source.
export async function loader({ request }: LoaderFunctionArgs) {
  const from = new URL(request.url).searchParams.get("from");
  const userId = await getUserId(request);
  const { source, setCookie } = await recordJoinClick(request, userId, from);
  const target = source ? `/join?from=${encodeURIComponent(from!)}` : "/join";
  return redirect(target, setCookie ? { headers: { "Set-Cookie": setCookie } } : undefined);
}
