// Deleting uploads again: the files of a form that was refused, and (on a schedule) files that
// nothing uses a day after they were uploaded. Bytes go first, then the row, so a file whose
// bytes could not be removed keeps its row and the next cleanup tries again.
import { Prisma } from "@prisma/client";
import { prisma } from "./db.server";
import { getStorage } from "./storage/storage.server";

/** Uploads that nothing uses are removed after this long. */
export const UNATTACHED_UPLOAD_TTL_MS = 24 * 60 * 60 * 1000;
/** A form may claim an earlier upload only while it is younger than this: an hour short of the
 * cleanup, so the cleanup never deletes a file that a save is attaching at the same moment. */
export const CLAIMABLE_UPLOAD_MS = UNATTACHED_UPLOAD_TTL_MS - 60 * 60 * 1000;
const CLEANUP_BATCH = 200;

/**
 * `where` for files that nothing uses. Built from every relation that points at StoredFile (all
 * but its owner), so a feature that attaches files through a new relation is respected without
 * editing this; a relation of a shape this does not handle makes the query fail, never delete.
 */
export function unusedFileWhere(): Prisma.StoredFileWhereInput {
  const model = Prisma.dmmf.datamodel.models.find((m) => m.name === "StoredFile");
  if (!model) throw new Error("StoredFile is missing from the Prisma datamodel");
  const uses = model.fields.filter((f) => f.kind === "object" && f.name !== "owner").map((f) => f.name);
  return Object.fromEntries(uses.map((name) => [name, { none: {} }])) as Prisma.StoredFileWhereInput;
}

type Removable = { id: string; key: string; url: string | null; size: number };

/** Removes the bytes and then the row of each file still unused; returns what went. */
async function removeUnused(files: Removable[]) {
  const storage = getStorage();
  let removed = 0;
  let bytes = 0;
  let failed = 0;
  for (const file of files) {
    try {
      await storage.remove(file);
      const { count } = await prisma.storedFile.deleteMany({ where: { id: file.id, ...unusedFileWhere() } });
      removed += count;
      bytes += count * file.size;
    } catch (error) {
      failed++;
      console.warn(`[uploads] could not remove ${file.key} (the cleanup will retry): ${(error as Error).message}`);
    }
  }
  return { removed, bytes, failed };
}

/** Deletes uploads stored for an action that then failed (only those nothing uses). */
export async function discardUploads(ids: string[]) {
  if (ids.length === 0) return;
  const storage = getStorage();
  const files = await prisma.storedFile.findMany({
    where: { id: { in: ids }, storage: storage.name, ...unusedFileWhere() },
    select: { id: true, key: true, url: true, size: true },
  });
  await removeUnused(files);
}

/**
 * Runs the action that owns freshly stored uploads: unless it reports success (or when it
 * throws), the uploads are deleted again, so a refused form leaves nothing on disk.
 */
export async function keepUploadsIf<T>(
  stored: string[],
  action: () => Promise<T>,
  succeeded: (result: T) => boolean = () => true,
): Promise<T> {
  let keep = false;
  try {
    const result = await action();
    keep = succeeded(result);
    return result;
  } finally {
    if (!keep) await discardUploads(stored);
  }
}

/** The scheduled cleanup: files nothing uses, uploaded more than UNATTACHED_UPLOAD_TTL_MS ago. */
export async function removeUnattachedUploads(now = new Date()) {
  const storage = getStorage();
  const total = { removed: 0, bytes: 0, failed: 0 };
  let after = "";
  // In id order, in batches, so a large backlog never loads at once and failures are skipped over.
  // Files kept by the other adapter (the setting changed) are left: this process cannot reach them.
  for (;;) {
    const batch = await prisma.storedFile.findMany({
      where: {
        id: { gt: after },
        storage: storage.name,
        createdAt: { lt: new Date(now.getTime() - UNATTACHED_UPLOAD_TTL_MS) },
        ...unusedFileWhere(),
      },
      select: { id: true, key: true, url: true, size: true },
      orderBy: { id: "asc" },
      take: CLEANUP_BATCH,
    });
    if (batch.length === 0) break;
    const done = await removeUnused(batch);
    total.removed += done.removed;
    total.bytes += done.bytes;
    total.failed += done.failed;
    after = batch[batch.length - 1].id;
  }
  if (total.failed > 0)
    throw new Error(`removed ${total.removed} unattached uploads, ${total.failed} could not be removed`);
  return `removed ${total.removed} unattached uploads (${total.bytes} bytes)`;
}
