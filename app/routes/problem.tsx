import type { LoaderFunctionArgs } from "@remix-run/node";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { pageMeta } from "~/utils/meta";

export const meta = pageMeta<typeof loader>("page.problem.title", "page.problem.description");

// A single-fetch (`.data`) request whose body the server refuses before Remix reads it is
// rewritten here (app/server/body.js): a body over its cap (413), of a type no form sends (415),
// or unreadable (400). The refusal then reaches the page in Remix's format and is rendered in the
// user's language by the shared error boundary. (Document requests get app/utils/refusal-page.server.ts.)
const STATUSES = new Set([400, 413, 415]);

export async function loader({ request }: LoaderFunctionArgs) {
  const status = Number(new URL(request.url).searchParams.get("status"));
  throw new Response("refused", { status: STATUSES.has(status) ? status : 400 });
}

export default function Problem() {
  return null;
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
