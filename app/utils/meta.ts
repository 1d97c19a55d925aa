// Every page's <title> and description, in the reader's language. Remix uses the meta export of
// the deepest matching route, so each page route exports `meta = pageMeta(...)`; the language
// comes from the root loader's data, the words from the catalogs.
import type { LoaderFunction } from "@remix-run/node";
import type { MetaArgs, MetaDescriptor, MetaFunction } from "@remix-run/react";
import type { MessageKey } from "~/i18n";
import { DEFAULT_LOCALE, makeT, type Locale } from "~/i18n/translate";

type Named<Loader> = (data: NonNullable<MetaArgs<Loader>["data"]>) => string | null | undefined;

/**
 * `pageMeta("contests.title", "page.contests.description")` → "竞赛 · 星光".
 * With `named`, a page about one thing leads with its name: "五小竞赛 · 竞赛详情 · 星光".
 */
export function pageMeta<Loader extends LoaderFunction | unknown = unknown>(
  title: MessageKey,
  description: MessageKey,
  named?: Named<Loader>,
): MetaFunction<Loader> {
  return ({ data, matches }) => {
    const t = metaT(matches);
    const name = data ? named?.(data as NonNullable<MetaArgs<Loader>["data"]>) : null;
    const parts = [name, t(title), t("app.name")].filter(Boolean);
    return metaTags(parts.join(" · "), t(description));
  };
}

/** The translate function for the language the root loader chose. */
export function metaT(matches: MetaArgs["matches"]) {
  const root = matches.find((m) => m.id === "root")?.data as { locale?: Locale } | undefined;
  return makeT(root?.locale ?? DEFAULT_LOCALE);
}

export function metaTags(title: string, description: string): MetaDescriptor[] {
  return [{ title }, { name: "description", content: description }];
}
