import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import QRCode from "qrcode";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { requireUser } from "~/utils/auth.server";
import { prisma } from "~/utils/db.server";
import { useI18n } from "~/utils/i18n";
import { formatDate } from "~/utils/time";
import { pageMeta } from "~/utils/meta";
import { orgName } from "~/utils/org-name";
import { getLocale } from "~/utils/i18n.server";

export const meta = pageMeta<typeof loader>("membership.card.title", "page.card.description");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const membership = await prisma.membership.findUnique({
    where: { userId: user.id },
    select: {
      number: true,
      since: true,
      verifyToken: true,
      user: { select: { name: true } },
      union: { select: { name: true, nameEn: true } },
    },
  });
  if (!membership) return { card: null };
  // The QR code carries only an opaque token: the verification page answers valid / not valid.
  const verifyUrl = new URL(`/verify/${membership.verifyToken}`, request.url).toString();
  const qrSvg = await QRCode.toString(verifyUrl, { type: "svg", errorCorrectionLevel: "M", margin: 1 });
  return {
    card: {
      name: membership.user.name,
      union: orgName(membership.union, getLocale(request)),
      number: membership.number,
      since: membership.since.toISOString(),
      verifyUrl,
      qrSvg,
    },
  };
}

export default function MembershipCard() {
  const { card } = useLoaderData<typeof loader>();
  const { t, locale } = useI18n();
  if (!card) {
    return (
      <div className="card mx-auto max-w-sm text-center">
        <p className="mb-3">{t("membership.card.none")}</p>
        <Link to="/join" className="btn-primary">
          {t("nav.join")}
        </Link>
      </div>
    );
  }
  return (
    <div className="mx-auto max-w-sm">
      <h1 className="page-title">{t("membership.card.title")}</h1>
      <section
        className="overflow-hidden rounded-xl border border-brand-100 bg-white shadow"
        aria-label={t("membership.card.title")}
      >
        <div className="bg-brand-600 px-4 py-3 text-white">
          <p className="text-sm opacity-90">{t("app.fullName")}</p>
          <p className="text-2xl font-bold" data-testid="card-name">
            {card.name}
          </p>
        </div>
        <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-2 px-4 py-3 text-sm">
          <dt className="text-gray-500">{t("membership.card.union")}</dt>
          <dd>{card.union}</dd>
          <dt className="text-gray-500">{t("membership.card.number")}</dt>
          <dd className="font-mono font-semibold" data-testid="card-number">
            {card.number}
          </dd>
          <dt className="text-gray-500">{t("membership.card.since")}</dt>
          <dd>{formatDate(card.since, locale)}</dd>
        </dl>
        <div className="flex flex-col items-center px-4 pb-4">
          <a
            href={card.verifyUrl}
            className="block w-48"
            aria-label={t("membership.verify.title")}
            data-testid="card-qr"
          >
            <span dangerouslySetInnerHTML={{ __html: card.qrSvg }} />
          </a>
          <p className="mt-2 text-center text-xs text-gray-500">{t("membership.card.qrHint")}</p>
        </div>
      </section>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
