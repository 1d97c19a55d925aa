import { useRouteLoaderData } from "@remix-run/react";
import { DEFAULT_LOCALE, makeT, type Locale } from "~/i18n/translate";
import type { RootLoaderData } from "~/root";

/** The current language and its translate function, for components. */
export function useI18n() {
  const data = useRouteLoaderData("root") as RootLoaderData | undefined;
  const locale: Locale = data?.locale ?? DEFAULT_LOCALE;
  return { locale, t: makeT(locale) };
}

export function useT() {
  return useI18n().t;
}

/** The signed-in user as the root loader saw it, or null. */
export function useOptionalUser() {
  const data = useRouteLoaderData("root") as RootLoaderData | undefined;
  return data?.user ?? null;
}
