// The framework's ceiling for /activities (bench-only, see remix.config.js): the same component and
// meta as the real page, its loader answering from memory instead of the database.
import type { LoaderFunctionArgs } from "@remix-run/node";
import type { loader as realLoader } from "~/routes/activities+/_index";
import { ceilingData } from "./data.server";

export { default, meta } from "~/routes/activities+/_index";

export async function loader(_: LoaderFunctionArgs) {
  return ceilingData<Awaited<ReturnType<typeof realLoader>>>("activities");
}
