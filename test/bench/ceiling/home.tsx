// The framework's ceiling for / (bench-only, see remix.config.js): the same component and meta as
// the real home page, its loader answering from memory instead of the database.
import type { LoaderFunctionArgs } from "@remix-run/node";
import type { loader as realLoader } from "~/routes/_index";
import { ceilingData } from "./data.server";

export { default, meta } from "~/routes/_index";

export async function loader(_: LoaderFunctionArgs) {
  return ceilingData<Awaited<ReturnType<typeof realLoader>>>("home");
}
