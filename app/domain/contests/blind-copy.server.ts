// Judge copies of entry attachments under blind review: the same content without the metadata
// that names its author. Files are renamed neutrally elsewhere (canReadFile); this removes what is
// inside them:
//   - images (JPEG, PNG, WebP) are decoded and re-encoded by sharp, which writes no metadata
//     unless asked: EXIF, XMP, ICC, IPTC, JPEG comments, PNG tEXt/iTXt/zTXt/eXIf chunks are gone.
//     The EXIF orientation is applied to the pixels first, so the picture still stands up.
//   - PDFs: the pages are copied by pdf-lib into a new document, so only what the pages reach is
//     kept (no document Info dictionary, no catalog XMP, no earlier revisions of either); then every
//     remaining /Metadata (XMP on pages, images, fonts), /PieceInfo and annotation author (/T) is
//     removed. Written without object streams, so nothing is hidden in a compressed stream.
//
// Decision: scrubbed on the fly when a judge downloads, not at upload. Blind review is a contest
// setting that can be switched on after entries arrived, and the original must stay intact for its
// authors and the organiser. Copies are cached in memory (by stored-file key, which never changes
// for a file) up to CACHE_BYTES, least recently used first out, so a panel of judges opening the
// same file costs one scrub. A file that cannot be parsed is never served to a judge as it is: the
// caller gets null and answers with a refusal.
//
// pdf-lib and sharp are loaded on the first judge copy, not when the server starts (~0.35 s CPU at every start).

const CACHE_BYTES = 64 * 1024 * 1024;
const cache = new Map<string, Buffer>();
let cachedBytes = 0;

async function scrubImage(bytes: Buffer, contentType: string) {
  const { default: sharp } = await import("sharp");
  // rotate() with no angle applies the EXIF orientation; sharp keeps no metadata by default.
  const image = sharp(bytes, { failOn: "error" }).rotate();
  if (contentType === "image/png") return image.png().toBuffer();
  if (contentType === "image/webp") return image.webp({ quality: 90 }).toBuffer();
  return image.jpeg({ quality: 90 }).toBuffer();
}

async function scrubPdf(bytes: Buffer) {
  const { PDFDict, PDFDocument, PDFName, PDFStream } = await import("pdf-lib");
  const METADATA_KEYS = ["Metadata", "PieceInfo"].map((k) => PDFName.of(k));
  const source = await PDFDocument.load(bytes, { updateMetadata: false });
  const copy = await PDFDocument.create({ updateMetadata: false });
  for (const page of await copy.copyPages(source, source.getPageIndices())) copy.addPage(page);
  for (const [ref, object] of copy.context.enumerateIndirectObjects()) {
    const dict = object instanceof PDFDict ? object : object instanceof PDFStream ? object.dict : null;
    if (!dict) continue;
    // An XMP packet is a stream of /Type /Metadata (/Subtype /XML); drop it wherever it is referenced from.
    if (
      dict.get(PDFName.of("Type")) === PDFName.of("Metadata") ||
      dict.get(PDFName.of("Subtype")) === PDFName.of("XML")
    ) {
      copy.context.delete(ref);
      continue;
    }
    for (const key of METADATA_KEYS) dict.delete(key);
    // An annotation's /T is its author's name.
    if (dict.has(PDFName.of("Rect"))) dict.delete(PDFName.of("T"));
  }
  for (const key of METADATA_KEYS) copy.catalog.delete(key);
  // pdf-lib adds no Info dictionary with updateMetadata: false; make sure none is referenced.
  delete (copy.context.trailerInfo as { Info?: unknown }).Info;
  const out = await copy.save({ useObjectStreams: false, updateFieldAppearances: false });
  return Buffer.from(out);
}

/** The judge copy of a stored file's bytes, or null when it cannot be made safely. */
export async function blindCopy(file: { key: string; contentType: string }, bytes: Buffer): Promise<Buffer | null> {
  const hit = cache.get(file.key);
  if (hit) {
    cache.delete(file.key);
    cache.set(file.key, hit);
    return hit;
  }
  let scrubbed: Buffer;
  try {
    if (file.contentType === "application/pdf") scrubbed = await scrubPdf(bytes);
    else if (file.contentType.startsWith("image/")) scrubbed = await scrubImage(bytes, file.contentType);
    else return null;
  } catch {
    return null;
  }
  if (scrubbed.length <= CACHE_BYTES / 4) {
    cache.set(file.key, scrubbed);
    cachedBytes += scrubbed.length;
    for (const [key, value] of cache) {
      if (cachedBytes <= CACHE_BYTES) break;
      cache.delete(key);
      cachedBytes -= value.length;
    }
  }
  return scrubbed;
}
