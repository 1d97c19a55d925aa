import { useEffect, useRef } from "react";
import { Form, Link, NavLink, useLocation } from "@remix-run/react";
import type { MessageKey } from "~/i18n";
import { useI18n, useOptionalUser } from "~/utils/i18n";

type NavItem = { to: string; label: MessageKey };

function useNavItems() {
  const user = useOptionalUser();
  const items: NavItem[] = [
    { to: "/activities", label: "nav.activities" },
    { to: "/contests", label: "nav.contests" },
  ];
  if (!user) return { main: items, staff: [] as NavItem[], personal: [] as NavItem[] };
  const personal: NavItem[] = [
    { to: "/me/activities", label: "nav.myActivities" },
    { to: "/me/entries", label: "nav.myEntries" },
    user.isMember ? { to: "/me/card", label: "nav.membershipCard" } : { to: "/join", label: "nav.join" },
    { to: "/me/notifications", label: "nav.notifications" },
    { to: "/me/profile", label: "nav.profile" },
  ];
  const staff: NavItem[] = [];
  const has = (role: string) => user.roles.includes(role as never);
  if (has("center_staff")) staff.push({ to: "/center", label: "nav.centerAdmin" });
  if (has("contest_organiser")) staff.push({ to: "/organise", label: "nav.contestAdmin" });
  if (has("judge")) staff.push({ to: "/judging", label: "nav.judging" });
  if (has("union_staff")) {
    staff.push({ to: "/union/applications", label: "nav.applications" });
    staff.push({ to: "/union/dashboard", label: "nav.dashboard" });
    staff.push({ to: "/union/organisations", label: "nav.orgBuilding" });
    staff.push({ to: "/assessment", label: "assessment.nav" });
  }
  if (has("admin")) staff.push({ to: "/admin", label: "nav.admin" });
  return { main: items, staff, personal };
}

function LanguageSwitch() {
  const { locale, t } = useI18n();
  const location = useLocation();
  const next = locale === "zh-CN" ? "en" : "zh-CN";
  return (
    <Form method="post" action="/locale" className="inline">
      <input type="hidden" name="locale" value={next} />
      <input type="hidden" name="redirectTo" value={location.pathname + location.search} />
      {/* The accessible name starts with the visible word (WCAG 2.5.3), which is in the other language. */}
      <button type="submit" className="text-sm text-white hover:underline">
        <span lang={next}>{t("nav.language")}</span>
        <span className="sr-only"> ({t("nav.languageLabel")})</span>
      </button>
    </Form>
  );
}

const linkClass = ({ isActive }: { isActive: boolean }) =>
  `block rounded px-3 py-2 text-sm ${isActive ? "bg-brand-50 font-semibold text-brand-700" : "text-gray-700 hover:bg-gray-100"}`;

/**
 * The user menu is a <details> (it opens without JavaScript). A client-side navigation does not
 * reload the page, so it would stay open over the new page with focus next to 退出: close it on
 * every navigation and, when focus was inside it, move focus to the new page's content. Escape
 * closes it too, back to its button.
 */
function useUserMenu() {
  const menu = useRef<HTMLDetailsElement>(null);
  const location = useLocation();
  useEffect(() => {
    const details = menu.current;
    if (!details?.open) return;
    const hadFocus = details.contains(document.activeElement);
    details.open = false;
    if (hadFocus) document.getElementById("main")?.focus();
  }, [location.key]);
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      const details = menu.current;
      if (event.key !== "Escape" || !details?.open) return;
      details.open = false;
      details.querySelector("summary")?.focus();
    };
    document.addEventListener("keydown", onKeyDown);
    return () => document.removeEventListener("keydown", onKeyDown);
  }, []);
  return menu;
}

export function AppShell({ children }: { children: React.ReactNode }) {
  const { t } = useI18n();
  const user = useOptionalUser();
  const { main, staff, personal } = useNavItems();
  const menu = useUserMenu();
  return (
    <>
      <a href="#main" className="sr-only focus:not-sr-only">
        {t("nav.skipToContent")}
      </a>
      <header className="bg-brand-600 text-white">
        <div className="mx-auto flex max-w-5xl items-center gap-3 px-3 py-2">
          <Link to="/" className="flex items-center gap-1 text-lg font-bold">
            <span aria-hidden className="text-star-400">
              ★
            </span>
            {t("app.name")}
          </Link>
          <nav className="hidden gap-1 sm:flex" aria-label={t("nav.menu")}>
            {main.map((item) => (
              <NavLink key={item.to} to={item.to} className="rounded px-2 py-1 text-sm hover:bg-white/10">
                {t(item.label)}
              </NavLink>
            ))}
          </nav>
          <div className="ml-auto flex items-center gap-3">
            <LanguageSwitch />
            {user ? (
              <details className="relative" ref={menu}>
                <summary
                  className="cursor-pointer list-none rounded px-2 py-1 text-sm hover:bg-white/10"
                  data-testid="user-menu"
                >
                  {user.name}
                  {user.unread > 0 ? (
                    <span className="ml-1 rounded-full bg-star-400 px-1.5 text-xs text-gray-900">{user.unread}</span>
                  ) : null}{" "}
                  ▾
                </summary>
                <div className="absolute right-0 z-20 mt-1 w-56 rounded-md border border-gray-200 bg-white p-1 shadow-lg">
                  {[...main.map((i) => ({ ...i, mobileOnly: true })), ...personal, ...staff].map((item) => (
                    <NavLink
                      key={item.to}
                      to={item.to}
                      className={(s) => `${linkClass(s)} ${"mobileOnly" in item ? "sm:hidden" : ""}`}
                    >
                      {t(item.label)}
                    </NavLink>
                  ))}
                  <Form method="post" action="/logout">
                    <button
                      type="submit"
                      className="block w-full rounded px-3 py-2 text-left text-sm text-gray-700 hover:bg-gray-100"
                    >
                      {t("nav.logout")}
                    </button>
                  </Form>
                </div>
              </details>
            ) : (
              <div className="flex gap-2 text-sm">
                <Link to="/login" className="rounded px-2 py-1 hover:bg-white/10">
                  {t("nav.login")}
                </Link>
                <Link to="/register" className="rounded bg-white px-2 py-1 font-medium text-brand-700">
                  {t("nav.register")}
                </Link>
              </div>
            )}
          </div>
        </div>
        <nav className="flex gap-1 overflow-x-auto px-2 pb-1 sm:hidden" aria-label={t("nav.menu")}>
          {main.map((item) => (
            <NavLink
              key={item.to}
              to={item.to}
              className="whitespace-nowrap rounded px-2 py-1 text-sm hover:bg-white/10"
            >
              {t(item.label)}
            </NavLink>
          ))}
        </nav>
      </header>
      <main id="main" tabIndex={-1} className="mx-auto max-w-5xl px-3 py-4 outline-none sm:px-4">
        {children}
      </main>
    </>
  );
}
