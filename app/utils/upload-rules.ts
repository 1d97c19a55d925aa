// What each kind of upload may be: size, number of files, file types. Plain (no .server) so the
// browser's file picker offers the same types the server accepts; the server still decides, by
// the file's first bytes (upload.server.ts).
export type FileKind = "jpeg" | "png" | "webp" | "gif" | "pdf";

export const UPLOAD_RULES = {
  activity_cover: { maxBytes: 5 * 1024 * 1024, maxFiles: 1, kinds: ["jpeg", "png", "webp"] as FileKind[] },
  entry_attachment: { maxBytes: 20 * 1024 * 1024, maxFiles: 10, kinds: ["jpeg", "png", "webp", "pdf"] as FileKind[] },
  avatar: { maxBytes: 2 * 1024 * 1024, maxFiles: 1, kinds: ["jpeg", "png", "webp"] as FileKind[] },
  assessment_evidence: { maxBytes: 10 * 1024 * 1024, maxFiles: 5, kinds: ["jpeg", "png", "webp", "pdf"] as FileKind[] },
} as const;
export type UploadPurpose = keyof typeof UPLOAD_RULES;

export const CONTENT_TYPES: Record<FileKind, string> = {
  jpeg: "image/jpeg",
  png: "image/png",
  webp: "image/webp",
  gif: "image/gif",
  pdf: "application/pdf",
};

/** The `accept` attribute of a file input for a purpose, e.g. "image/jpeg,image/png,image/webp". */
export const acceptFor = (purpose: UploadPurpose) => UPLOAD_RULES[purpose].kinds.map((k) => CONTENT_TYPES[k]).join(",");
