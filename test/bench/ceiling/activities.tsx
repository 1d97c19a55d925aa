// The framework's ceiling for /activities (bench-only, see remix.config.js): the same component and
// meta as the real page, its loader answering from memory instead of the database.
import type { HeadersFunction, LoaderFunctionArgs } from "@remix-run/node";
import type { loader as realLoader } from "~/routes/activities+/_index";
import { ceilingData } from "./data.server";

export { default, meta } from "~/routes/activities+/_index";

// Never kept by the whole-page cache (app/server/page-cache.js skips `no-store`): the ceiling is the
// framework rendering every request, not a cached copy.
export const headers: HeadersFunction = ({ parentHeaders }) => {
  const headers = new Headers(parentHeaders);
  headers.set("Cache-Control", "no-store");
  return headers;
};

export async function loader(_: LoaderFunctionArgs) {
  return ceilingData<Awaited<ReturnType<typeof realLoader>>>("activities");
}
