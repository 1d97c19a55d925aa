import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ErrorList, FormMessage } from "~/components/forms";
import { latestConsent, needsSensitiveConsent, recordConsent } from "~/domain/privacy/consent.server";
import { deleteAccount } from "~/domain/privacy/delete-account.server";
import { CONSENT_SENSITIVE, PRIVACY_NOTICE_VERSION } from "~/domain/privacy/notice";
import { requireUser } from "~/utils/auth.server";
import { prisma } from "~/utils/db.server";
import { useI18n } from "~/utils/i18n";
import { getT } from "~/utils/i18n.server";
import { pageMeta } from "~/utils/meta";
import { verifyPassword } from "~/utils/password.server";
import { clientAddress, loginAccountKey, release, reserveLogin, retryAfter } from "~/utils/rate-limit.server";
import { clearSessionCookie } from "~/utils/session.server";
import { formatDate } from "~/utils/time";

export const meta = pageMeta<typeof loader>("privacy.myData.title", "privacy.myData.description");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const [consent, renew] = await Promise.all([latestConsent(user.id), needsSensitiveConsent(user.id)]);
  return {
    consent: consent ? { version: consent.noticeVersion, at: consent.grantedAt.toISOString() } : null,
    renew,
    currentVersion: PRIVACY_NOTICE_VERSION,
  };
}

const MyDataSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("consent") }),
  z.object({
    intent: z.literal("delete"),
    password: z.string({ required_error: "validation.required" }).min(1, "validation.required").max(200),
  }),
]);

type Reply = { errors: Record<string, string[]>; message: string | null };

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const submission = parseWithZod(await request.formData(), { schema: MyDataSchema });
  if (submission.status !== "success")
    return data<Reply>({ errors: (submission.reply().error ?? {}) as Reply["errors"], message: null }, { status: 400 });
  if (submission.value.intent === "consent") {
    await prisma.$transaction((tx) => recordConsent(tx, user.id, CONSENT_SENSITIVE));
    return data<Reply>({ errors: {}, message: "privacy.consent.recorded" });
  }
  // The password is a password guess like a log-in: counted under the same throttle first.
  const account = loginAccountKey(user.id, "");
  const reserved = await reserveLogin(account, clientAddress(context));
  if (!reserved.allowed)
    return data<Reply>(
      { errors: { password: [getT(request)("auth.throttle.tooMany", { minutes: reserved.minutes })] }, message: null },
      { status: 429, headers: retryAfter(reserved) },
    );
  const row = await prisma.user.findUniqueOrThrow({ where: { id: user.id }, select: { passwordHash: true } });
  if (!(await verifyPassword(row.passwordHash, submission.value.password)))
    return data<Reply>({ errors: { password: ["privacy.myData.badPassword"] }, message: null }, { status: 400 });
  await release(reserved.ids);
  await deleteAccount(user.id);
  return redirect("/privacy?deleted=1", { headers: { "Set-Cookie": clearSessionCookie(request) } });
}

export default function MyData() {
  const d = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t, locale } = useI18n();
  const errors = actionData?.errors ?? {};
  return (
    <div className="mx-auto max-w-xl">
      <p className="mb-2 text-sm">
        <Link to="/me/profile" className="link">
          ← {t("auth.profile.title")}
        </Link>
      </p>
      <h1 className="page-title">{t("privacy.myData.title")}</h1>
      {actionData?.message ? (
        <FormMessage message={t("privacy.consent.recorded", { version: d.currentVersion })} />
      ) : null}
      {d.renew ? (
        <section className="card mb-4 border-amber-300" data-testid="consent-renew">
          <h2 className="mb-2 font-semibold">{t("privacy.consent.renewTitle")}</h2>
          <p className="mb-3 text-sm">{t("privacy.consent.renewBody", { version: d.currentVersion })}</p>
          <p className="mb-3 text-sm">
            <Link to="/privacy" className="link">
              {t("privacy.consent.readNotice")}
            </Link>
          </p>
          <Form method="post">
            <input type="hidden" name="intent" value="consent" />
            <button type="submit" className="btn-primary">
              {t("privacy.consent.renew")}
            </button>
          </Form>
        </section>
      ) : null}
      <section className="card mb-4">
        <h2 className="mb-2 font-semibold">{t("privacy.myData.download")}</h2>
        <p className="mb-3 text-sm text-gray-600">{t("privacy.myData.intro")}</p>
        <p className="mb-3 text-sm" data-testid="consent-status">
          {d.consent
            ? t("privacy.consent.given", { version: d.consent.version, date: formatDate(d.consent.at, locale) })
            : t("privacy.consent.none")}{" "}
          <Link to="/privacy" className="link">
            {t("privacy.consent.readNotice")}
          </Link>
        </p>
        <div className="flex flex-wrap gap-3">
          <a className="btn-secondary" href="/me/data/download?format=json" download>
            {t("privacy.myData.json")}
          </a>
          <a className="btn-secondary" href="/me/data/download?format=xlsx" download>
            {t("privacy.myData.xlsx")}
          </a>
        </div>
      </section>
      <section className="card" aria-labelledby="delete-title">
        <h2 id="delete-title" className="mb-2 font-semibold">
          {t("privacy.myData.delete")}
        </h2>
        <p className="mb-3 text-sm text-gray-600">{t("privacy.myData.deleteBody")}</p>
        <Form method="post">
          <input type="hidden" name="intent" value="delete" />
          <label className="label" htmlFor="delete-password">
            {t("privacy.myData.password")}
          </label>
          <input
            id="delete-password"
            name="password"
            type="password"
            autoComplete="current-password"
            className="input mb-2"
            required
            maxLength={200}
            aria-describedby="delete-password-error"
          />
          <ErrorList id="delete-password-error" errors={errors.password} />
          <button type="submit" className="btn-danger">
            {t("privacy.myData.confirm")}
          </button>
        </Form>
      </section>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
