import { useEffect } from "react";
import type { LinksFunction, MetaFunction } from "@remix-run/node";
import { Links, Meta, Outlet, Scripts, ScrollRestoration, useLoaderData, useRouteLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { AppShell } from "~/components/app-shell";
import { DEFAULT_LOCALE, hasMessages, makeT, type Locale } from "~/i18n/translate";
import stylesheet from "~/styles/app.css";
import { useNonce } from "~/utils/nonce";
import type { loader } from "./utils/root-loader.server";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: stylesheet },
  { rel: "icon", href: "/favicon.ico" },
];

export const meta: MetaFunction<typeof loader> = ({ data }) => {
  const t = makeT(data?.locale ?? DEFAULT_LOCALE);
  return [{ title: t("app.fullName") }, { name: "description", content: t("app.tagline") }];
};

// The loader lives in ./utils/root-loader.server.ts (every page's JavaScript stays lighter).
export { loader } from "./utils/root-loader.server";

export type RootLoaderData = {
  locale: Locale;
  user: Awaited<ReturnType<typeof loader>>["data"]["user"];
  messagesHref: string;
};

export function Layout({ children }: { children: React.ReactNode }) {
  const rootData = useRouteLoaderData("root") as RootLoaderData | undefined;
  const locale = rootData?.locale ?? DEFAULT_LOCALE;
  const nonce = useNonce();
  return (
    <html lang={locale}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
        {/* The page's strings, fetched by app/entry.client.tsx before hydrating; loaded in parallel with the scripts. */}
        {rootData ? (
          <link rel="preload" as="fetch" id="xg-messages" href={rootData.messagesHref} crossOrigin="anonymous" />
        ) : null}
      </head>
      <body className="min-h-screen bg-gray-50 text-gray-900 antialiased">
        {children}
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  const { locale } = useLoaderData<typeof loader>();
  // The browser holds only the language the page was loaded in; after switching, load the page anew.
  useEffect(() => {
    if (!hasMessages(locale)) window.location.reload();
  }, [locale]);
  // Marks the page as interactive: what is typed before React takes over a form can be lost when
  // it does, so browser tests wait for this before filling forms.
  useEffect(() => {
    document.documentElement.dataset.hydrated = "true";
  }, []);
  return (
    <AppShell>
      <Outlet />
    </AppShell>
  );
}

export function ErrorBoundary() {
  return (
    <AppShell>
      <GeneralErrorBoundary />
    </AppShell>
  );
}
