import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { prisma } from "~/utils/db.server";
import { useT } from "~/utils/i18n";
import { pageMeta } from "~/utils/meta";

export const meta = pageMeta<typeof loader>("membership.verify.title", "page.verify.description");

// Public: answers only whether the token belongs to a current membership — no personal data.
export async function loader({ params }: LoaderFunctionArgs) {
  const token = params.token ?? "";
  const valid =
    /^[\w-]{8,64}$/.test(token) &&
    Boolean(await prisma.membership.findUnique({ where: { verifyToken: token }, select: { id: true } }));
  return { valid };
}

export default function VerifyCard() {
  const { valid } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <div className="card mx-auto max-w-sm text-center" data-testid="verify-result">
      <h1 className="page-title">{t("membership.verify.title")}</h1>
      <p className={`mb-2 text-3xl font-bold ${valid ? "text-green-700" : "text-red-700"}`}>
        {valid ? `✓ ${t("membership.verify.valid")}` : `✗ ${t("membership.verify.invalid")}`}
      </p>
      <p className="text-sm text-gray-700">
        {t(valid ? "membership.verify.validBody" : "membership.verify.invalidBody")}
      </p>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
