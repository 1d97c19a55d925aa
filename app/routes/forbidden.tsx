import type { LoaderFunctionArgs } from "@remix-run/node";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { pageMeta } from "~/utils/meta";

export const meta = pageMeta<typeof loader>("error.forbidden.title", "page.forbidden.description");

// The server rewrites cross-site mutating requests here (app/server/app.js), so the refusal is
// rendered in the user's language by the shared error boundary.
export async function loader({ request }: LoaderFunctionArgs) {
  const reason = new URL(request.url).searchParams.get("reason");
  throw new Response(reason === "origin" ? "origin" : "forbidden", { status: 403 });
}

export default function Forbidden() {
  return null;
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
