// Per-kind channels for a user's notifications (issue #10): SMS and e-mail on or off per category.
import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { FormMessage } from "~/components/forms";
import { CATEGORIES, DEFAULT_CHANNELS, type Category } from "~/domain/notifications/preferences";
import { savePreferences } from "~/domain/notifications/preferences.server";
import { requireUser } from "~/utils/auth.server";
import { prisma } from "~/utils/db.server";
import { useI18n } from "~/utils/i18n";
import { pageMeta } from "~/utils/meta";

export const meta = pageMeta<typeof loader>("messages.settings.title", "page.notificationSettings.description");

// Checkboxes named "activities.sms" etc.: Conform nests them and turns "on" into true.
const channels = z.object({ sms: z.boolean().default(false), email: z.boolean().default(false) }).default({});
const SettingsSchema = z.object(
  Object.fromEntries(CATEGORIES.map((c) => [c, channels])) as Record<Category, typeof channels>,
);

export async function loader({ request }: LoaderFunctionArgs) {
  const sessionUser = await requireUser(request);
  const user = await prisma.user.findUniqueOrThrow({
    where: { id: sessionUser.id },
    select: { phone: true, email: true, notificationPrefs: { select: { category: true, sms: true, email: true } } },
  });
  const chosen = new Map(user.notificationPrefs.map((p) => [p.category, p]));
  return {
    hasPhone: Boolean(user.phone),
    hasEmail: Boolean(user.email),
    rows: CATEGORIES.map((category) => {
      const c = chosen.get(category) ?? DEFAULT_CHANNELS[category];
      return { category, sms: c.sms, email: c.email };
    }),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const submission = parseWithZod(await request.formData(), { schema: SettingsSchema });
  if (submission.status !== "success") return data({ saved: false }, { status: 400 });
  await savePreferences(user.id, submission.value);
  return { saved: true };
}

export default function NotificationSettings() {
  const { t } = useI18n();
  const { rows, hasPhone, hasEmail } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <div className="mx-auto max-w-2xl">
      <h1 className="page-title">{t("messages.settings.title")}</h1>
      {actionData?.saved ? <FormMessage message={t("messages.settings.saved")} /> : null}
      <p className="mb-2 text-gray-700">{t("messages.settings.intro")}</p>
      <p className="mb-4 text-sm text-gray-600">{t("messages.settings.security")}</p>
      {!hasPhone ? <p className="mb-2 text-sm text-gray-600">{t("messages.settings.noPhone")}</p> : null}
      {!hasEmail ? <p className="mb-2 text-sm text-gray-600">{t("messages.settings.noEmail")}</p> : null}
      <Form method="post" className="card">
        <table className="w-full text-sm">
          <thead>
            <tr className="text-left">
              <th className="py-2 pr-2">{t("messages.settings.category")}</th>
              <th className="px-2 py-2">{t("messages.settings.sms")}</th>
              <th className="px-2 py-2">{t("messages.settings.email")}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.category} className="border-t">
                <td className="py-2 pr-2">{t(`messages.category.${row.category}`)}</td>
                <td className="px-2 py-2">
                  <input
                    type="checkbox"
                    name={`${row.category}.sms`}
                    defaultChecked={row.sms}
                    aria-label={`${t(`messages.category.${row.category}`)} — ${t("messages.settings.sms")}`}
                    className="h-5 w-5"
                  />
                </td>
                <td className="px-2 py-2">
                  <input
                    type="checkbox"
                    name={`${row.category}.email`}
                    defaultChecked={row.email}
                    aria-label={`${t(`messages.category.${row.category}`)} — ${t("messages.settings.email")}`}
                    className="h-5 w-5"
                  />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <button type="submit" className="btn-primary mt-4">
          {t("messages.settings.save")}
        </button>
      </Form>
      <p className="mt-4 text-sm">
        <Link to="/me/notifications" className="link">
          {t("notify.title")}
        </Link>
      </p>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
