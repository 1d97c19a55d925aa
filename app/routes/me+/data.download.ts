import type { LoaderFunctionArgs } from "@remix-run/node";
import { collectPersonalData, sectionTables } from "~/domain/privacy/my-data.server";
import type { MessageKey } from "~/i18n";
import { requireUser } from "~/utils/auth.server";
import { exportResponse } from "~/utils/export.server";
import { badRequest } from "~/utils/http.server";
import { getT } from "~/utils/i18n.server";
import { toLocalDateKey } from "~/utils/time";

// GET /me/data/download?format=json|xlsx — everything held about the logged-in person (their own
// ID number included, decrypted), one XLSX sheet per section; audited like every export.
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const format = new URL(request.url).searchParams.get("format");
  if (format !== "json" && format !== "xlsx") badRequest();
  const t = getT(request);
  const sections = await collectPersonalData(user.id);
  const tables = sectionTables(sections, (key) => t(`privacy.section.${key}` as MessageKey));
  return exportResponse({
    actorId: user.id,
    table: tables[0],
    sheets: tables,
    json: Object.fromEntries(sections.map((s) => [s.key, s.rows])),
    format,
    fileName: `my-data-${toLocalDateKey()}`,
    entity: "User",
    entityId: user.id,
    what: { sections: sections.length },
  });
}
