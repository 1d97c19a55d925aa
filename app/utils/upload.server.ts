// Accepting uploads: size caps per use, type decided by the file's first bytes (not its name
// or the browser's claim), then stored through the storage interface and recorded.
import { randomUUID } from "node:crypto";
import { prisma } from "./db.server";
import { isPostgres, lockKey, sql, sqlDate } from "./sql-dialect.server";
import { badRequest } from "./http.server";
import { readMultipart } from "./multipart.server";
import { getStorage } from "./storage/storage.server";
import { CLAIMABLE_UPLOAD_MS, discardUploads, unusedFileWhere } from "./stored-files.server";
import { CONTENT_TYPES, UPLOAD_RULES, type FileKind, type UploadPurpose } from "./upload-rules";

export { UPLOAD_RULES, type FileKind, type UploadPurpose } from "./upload-rules";

// What one account may store in any 24 hours, on every upload path (the JavaScript endpoint and
// forms sent without JavaScript), so no account can fill the disk. One full contest entry
// (10 × 20 MB) fits with room for corrections. Files deleted again no longer count.
export const DAILY_UPLOAD_FILES = 200;
export const DAILY_UPLOAD_BYTES = 300 * 1024 * 1024;
const QUOTA_WINDOW_MS = 24 * 60 * 60 * 1000;

/** The real type of a file from its magic bytes; null when it is none we accept. */
export function sniffFileKind(bytes: Uint8Array): FileKind | null {
  const starts = (...sig: number[]) => sig.every((b, i) => bytes[i] === b);
  if (starts(0xff, 0xd8, 0xff)) return "jpeg";
  if (starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return "png";
  if (
    starts(0x52, 0x49, 0x46, 0x46) &&
    bytes[8] === 0x57 &&
    bytes[9] === 0x45 &&
    bytes[10] === 0x42 &&
    bytes[11] === 0x50
  )
    return "webp";
  if (starts(0x47, 0x49, 0x46, 0x38)) return "gif";
  if (starts(0x25, 0x50, 0x44, 0x46, 0x2d)) return "pdf";
  return null;
}

export function formatBytes(bytes: number) {
  return bytes >= 1024 * 1024 ? `${Math.round(bytes / 1024 / 1024)} MB` : `${Math.round(bytes / 1024)} KB`;
}

export type UploadError =
  | { key: "upload.tooLarge"; params: { max: string } }
  | { key: "upload.tooMany"; params: { max: number } }
  | { key: "upload.badType"; params: { types: string } }
  | { key: "upload.empty"; params?: undefined }
  | { key: "upload.missing"; params?: undefined }
  | { key: "upload.quota"; params: { files: number; size: string } };

export const QUOTA_ERROR: UploadError = {
  key: "upload.quota",
  params: { files: DAILY_UPLOAD_FILES, size: formatBytes(DAILY_UPLOAD_BYTES) },
};

/** True when the account has used its daily allowance (a cheap check before reading a body). */
export async function dailyQuotaUsed(userId: string, now = new Date()) {
  const usage = await prisma.storedFile.aggregate({
    where: { ownerId: userId, createdAt: { gte: new Date(now.getTime() - QUOTA_WINDOW_MS) } },
    _count: true,
    _sum: { size: true },
  });
  return usage._count >= DAILY_UPLOAD_FILES || (usage._sum.size ?? 0) >= DAILY_UPLOAD_BYTES;
}

type NewFile = {
  id: string;
  key: string;
  name: string;
  contentType: string;
  size: number;
  purpose: UploadPurpose;
  ownerId: string;
};

/**
 * Records a file only if the owner's last 24 hours stay within the allowance: one conditional
 * INSERT, so parallel uploads cannot all pass a check made before any of them is written (on
 * PostgreSQL, whose READ COMMITTED counts only committed rows, under a lock per owner).
 */
async function insertWithinQuota(file: NewFile, storage: string, now: Date) {
  const since = sqlDate(new Date(now.getTime() - QUOTA_WINDOW_MS));
  const text = (value: string) => sql`CAST(${value} AS TEXT)`;
  const insert = (db: Pick<typeof prisma, "$executeRaw">) => db.$executeRaw`
    INSERT INTO "StoredFile" ("id", "storage", "key", "url", "name", "contentType", "size", "purpose", "ownerId", "createdAt")
    SELECT ${text(file.id)}, ${text(storage)}, ${text(file.key)}, NULL, ${text(file.name)}, ${text(file.contentType)},
      CAST(${file.size} AS INTEGER), ${text(file.purpose)}, ${text(file.ownerId)}, ${sqlDate(now)}
    WHERE (SELECT COUNT(*) FROM "StoredFile" WHERE "ownerId" = ${file.ownerId} AND "createdAt" >= ${since}) < CAST(${DAILY_UPLOAD_FILES} AS INTEGER)
      AND (SELECT COALESCE(SUM("size"), 0) FROM "StoredFile" WHERE "ownerId" = ${file.ownerId} AND "createdAt" >= ${since}) + CAST(${file.size} AS INTEGER) <= CAST(${DAILY_UPLOAD_BYTES} AS INTEGER)`;
  const inserted = isPostgres
    ? await prisma.$transaction(async (tx) => {
        await lockKey(tx, `upload-quota:${file.ownerId}`);
        return insert(tx);
      })
    : await insert(prisma);
  return inserted === 1;
}

/**
 * Parses a multipart form with files held in memory up to the purpose's cap (a larger file
 * stops the read, and so does a file part beyond the purpose's maxFiles, before it is read).
 * The whole body is capped by the server before it gets here (app/utils/body-limits.server.ts).
 * Returns the form data, or an upload error to show next to the field.
 */
export async function parseUploadForm(
  request: Request,
  purpose: UploadPurpose,
): Promise<{ formData: FormData; error: null } | { formData: null; error: UploadError; fields: FormData }> {
  const rule = UPLOAD_RULES[purpose];
  // A form without files may arrive url-encoded (a script, or a browser whose file input was
  // removed): read it as such. Anything else that is not multipart is simply a bad request.
  const contentType = request.headers.get("Content-Type") ?? "";
  if (contentType.startsWith("application/x-www-form-urlencoded"))
    return { formData: await request.formData(), error: null };
  if (!/^multipart\/form-data;\s*boundary=/i.test(contentType)) badRequest();
  // Any failure to read it is a truncated or malformed body.
  const read = await readMultipart(request, { maxFileBytes: rule.maxBytes, maxFiles: rule.maxFiles }).catch(() =>
    badRequest(),
  );
  if ("formData" in read) return { formData: read.formData, error: null };
  if (read.refused === "tooMany")
    return { formData: null, error: { key: "upload.tooMany", params: { max: rule.maxFiles } }, fields: read.fields };
  return {
    formData: null,
    error: { key: "upload.tooLarge", params: { max: formatBytes(rule.maxBytes) } },
    fields: read.fields,
  };
}

/** Non-empty files sent in `field` (a browser sends an empty part when nothing was chosen). */
export function filesIn(formData: FormData, field: string): File[] {
  return formData
    .getAll(field)
    .filter((v): v is File => typeof v === "object" && v !== null && "arrayBuffer" in v && v.size > 0);
}

/** Checks every file against the purpose's rules before anything is stored. */
export async function checkFiles(files: File[], purpose: UploadPurpose): Promise<UploadError | null> {
  const rule = UPLOAD_RULES[purpose];
  if (files.length > rule.maxFiles) return { key: "upload.tooMany", params: { max: rule.maxFiles } };
  for (const file of files) {
    if (file.size === 0) return { key: "upload.empty" };
    if (file.size > rule.maxBytes) return { key: "upload.tooLarge", params: { max: formatBytes(rule.maxBytes) } };
    const head = new Uint8Array(await file.slice(0, 16).arrayBuffer());
    const kind = sniffFileKind(head);
    if (!kind || !rule.kinds.includes(kind)) {
      return { key: "upload.badType", params: { types: rule.kinds.join(", ").toUpperCase() } };
    }
  }
  return null;
}

/**
 * Stores checked files and records them; returns the StoredFile ids in order, or the quota error.
 * All or nothing: the row is written first (within the owner's daily allowance), then the bytes;
 * if any file fails, every file of this call is deleted again.
 */
export async function storeFiles(
  files: File[],
  purpose: UploadPurpose,
  ownerId: string,
): Promise<{ ids: string[] } | { error: UploadError }> {
  const storage = getStorage();
  const ids: string[] = [];
  let writing: NewFile | null = null;
  let complete = false;
  try {
    for (const file of files) {
      const bytes = new Uint8Array(await file.arrayBuffer());
      const kind = sniffFileKind(bytes.subarray(0, 16))!;
      const row: NewFile = {
        id: randomUUID(),
        key: `${purpose}/${randomUUID()}`,
        // Control characters (NUL, which PostgreSQL refuses in text, among them) never belong in a name.
        name: (file.name.replace(/[\u0000-\u001f\u007f]/g, "") || `file.${kind}`).slice(0, 200),
        contentType: CONTENT_TYPES[kind],
        size: bytes.length,
        purpose,
        ownerId,
      };
      if (!(await insertWithinQuota(row, storage.name, new Date()))) return { error: QUOTA_ERROR };
      writing = row;
      const { url } = await storage.put({ key: row.key, name: row.name, contentType: row.contentType, bytes });
      if (url) await prisma.storedFile.update({ where: { id: row.id }, data: { url } });
      ids.push(row.id);
      writing = null;
    }
    complete = true;
    return { ids };
  } finally {
    if (!complete) {
      // The file being written when it failed may be partly there (a full disk): remove what
      // there is, if anything, and its row in any case; then the files already written.
      if (writing) {
        await storage.remove({ key: writing.key, url: null }).catch(() => {});
        await prisma.storedFile.deleteMany({ where: { id: writing.id } });
      }
      await discardUploads(ids);
    }
  }
}

/**
 * The files a form submitted in `field`, whichever way they came, stored and checked:
 * - with JavaScript, <UploadField> already sent each file to POST /files/upload and the form
 *   carries their ids in `${field}Ids` — these must be the user's own, of this purpose, and not
 *   yet attached to anything (so nobody can attach another person's file by guessing an id);
 * - without JavaScript, the raw files arrive in `field` and are checked and stored here.
 * The total is capped at the purpose's maxFiles. Use it in an action after parseUploadForm:
 *
 *   const { formData, error } = await parseUploadForm(request, "entry_attachment");
 *   const files = await collectUploads(formData, "attachments", "entry_attachment", user.id);
 *   if ("error" in files) → reply 4xx with t(files.error.key, files.error.params) on the field
 *   else → link files.ids (in order) to the record, inside the record's transaction, wrapped in
 *     keepUploadsIf(files.stored, save, succeeded) so that the files stored here are deleted
 *     again when the save fails (earlier uploads stay for the form's next try).
 */
export async function collectUploads(
  formData: FormData,
  field: string,
  purpose: UploadPurpose,
  userId: string,
): Promise<{ ids: string[]; stored: string[] } | { error: UploadError }> {
  const rule = UPLOAD_RULES[purpose];
  const claimed = [
    ...new Set(
      formData
        .getAll(`${field}Ids`)
        .filter((v): v is string => typeof v === "string")
        .map((v) => v.trim())
        .filter(Boolean),
    ),
  ];
  const files = filesIn(formData, field);
  if (claimed.length + files.length > rule.maxFiles)
    return { error: { key: "upload.tooMany", params: { max: rule.maxFiles } } };
  if (claimed.length > 0) {
    const usable = await prisma.storedFile.findMany({
      where: {
        id: { in: claimed },
        ownerId: userId,
        purpose,
        createdAt: { gte: new Date(Date.now() - CLAIMABLE_UPLOAD_MS) },
        ...unusedFileWhere(),
      },
      select: { id: true },
    });
    if (usable.length !== claimed.length) return { error: { key: "upload.missing" } };
  }
  const problem = await checkFiles(files, purpose);
  if (problem) return { error: problem };
  const stored = await storeFiles(files, purpose, userId);
  if ("error" in stored) return stored;
  return { ids: [...claimed, ...stored.ids], stored: stored.ids };
}
