import { useEffect } from "react";
import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import {
  data,
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  useLoaderData,
  useRouteLoaderData,
} from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { AppShell } from "~/components/app-shell";
import { messagesHref } from "~/i18n/messages.server";
import { DEFAULT_LOCALE, hasMessages, makeT, type Locale } from "~/i18n/translate";
import stylesheet from "~/styles/app.css";
import { getSessionUser } from "~/utils/auth.server";
import { prisma } from "~/utils/db.server";
import { getLocale } from "~/utils/i18n.server";
import { useNonce } from "~/utils/nonce";
import { navRoles } from "~/utils/permissions.server";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: stylesheet },
  { rel: "icon", href: "/favicon.ico" },
];

export const meta: MetaFunction<typeof loader> = ({ data }) => {
  const t = makeT(data?.locale ?? DEFAULT_LOCALE);
  return [{ title: t("app.fullName") }, { name: "description", content: t("app.tagline") }];
};

export async function loader({ request }: LoaderFunctionArgs) {
  const locale = getLocale(request);
  const sessionUser = await getSessionUser(request);
  let user = null;
  if (sessionUser) {
    const [roles, membership, unread, judging] = await Promise.all([
      navRoles(sessionUser.id),
      prisma.membership.findUnique({ where: { userId: sessionUser.id }, select: { id: true } }),
      prisma.notification.count({ where: { userId: sessionUser.id, readAt: null } }),
      prisma.contestJudge.findFirst({ where: { userId: sessionUser.id }, select: { id: true } }),
    ]);
    // Anyone invited to judge a contest gets the judging area, with or without a judge role.
    if (judging && !roles.includes("judge")) roles.push("judge");
    user = { id: sessionUser.id, name: sessionUser.name, roles, isMember: Boolean(membership), unread };
  }
  const headers = sessionUser?.setCookie ? { "Set-Cookie": sessionUser.setCookie } : undefined;
  return data({ locale, user, messagesHref: messagesHref(locale) }, { headers });
}

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
