import type { LoaderFunctionArgs } from "@remix-run/node";
import { blindCopy } from "~/domain/contests/blind-copy.server";
import { getUserId } from "~/utils/auth.server";
import { prisma } from "~/utils/db.server";
import { canReadFile } from "~/utils/permissions.server";
import { getStorage } from "~/utils/storage/storage.server";
import { invariantResponse, notFound } from "~/utils/http.server";
import { getT } from "~/utils/i18n.server";

// GET /files/:fileId — every stored file is served from here, after a permission check.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const file = await prisma.storedFile.findUnique({ where: { id: params.fileId ?? "" } });
  if (!file) notFound();
  const userId = await getUserId(request);
  const access = await canReadFile(userId, file);
  invariantResponse(access.allowed, "Not found", { status: userId ? 403 : 404 });
  const stored = await getStorage().get(file);
  if (!stored) notFound();
  // A judge in a blind review gets a copy without metadata (author, creator, EXIF, XMP…), never the original.
  const bytes = access.blindCopy ? await blindCopy(file, Buffer.from(stored)) : stored;
  if (!bytes)
    throw new Response(getT(request)("judging.error.blindCopyFailed"), {
      status: 422,
      headers: { "Content-Type": "text/plain; charset=utf-8" },
    });
  // A judge in a blind review gets a neutral file name, so the original name cannot identify authors.
  const name = access.neutralName ?? file.name;
  return new Response(new Uint8Array(bytes), {
    headers: {
      "Content-Type": file.contentType,
      "Content-Length": String(bytes.length),
      "Content-Disposition": `inline; filename*=UTF-8''${encodeURIComponent(name)}`,
      "Cache-Control": access.public ? "public, max-age=86400" : "private, max-age=3600",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
