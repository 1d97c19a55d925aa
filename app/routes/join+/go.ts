import type { LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { getUserId } from "~/utils/auth.server";
import { recordJoinClick } from "~/utils/funnel.server";
import { clientAddress } from "~/utils/rate-limit.server";

// GET /join/go?from=activity:<id> — every join invitation links here: the click is recorded as a
// funnel step with its source, then the worker lands on the application form carrying the source.
// Counting is best effort: the worker always gets to the form.
export async function loader({ request, context }: LoaderFunctionArgs) {
  const from = new URL(request.url).searchParams.get("from");
  const userId = await getUserId(request);
  const source = await recordJoinClick(request, clientAddress(context), userId, from);
  return redirect(source ? `/join?from=${encodeURIComponent(from!)}` : "/join");
}
