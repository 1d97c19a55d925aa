// Reads a multipart/form-data body as it streams, with busboy: its header parser follows the
// spec (Remix's own splits Content-Disposition on every `;` and `=`, so a file named
// "a=b;c.pdf" made the whole form unreadable), and it lets the read stop at the first file past
// the limit instead of after holding every part in memory.
import { Readable } from "node:stream";
import type { ReadableStream as NodeReadableStream } from "node:stream/web";
import busboy from "busboy";

export type MultipartLimits = { maxFileBytes: number; maxFiles: number };
// A refusal carries the text fields read before the refused file, so the form can come back
// with what the person typed.
export type MultipartResult = { formData: FormData } | { refused: "tooLarge" | "tooMany"; fields: FormData };

/** Thrown when the body is not readable multipart (truncated, no boundary, broken headers). */
class MalformedMultipartError extends Error {}

export function readMultipart(request: Request, limits: MultipartLimits): Promise<MultipartResult> {
  return new Promise((resolve, reject) => {
    let parser: busboy.Busboy;
    try {
      parser = busboy({
        headers: { "content-type": request.headers.get("Content-Type") ?? "" },
        // Browsers send file names as raw UTF-8 (RFC 7578), not Latin-1.
        defParamCharset: "utf8",
        limits: { fileSize: limits.maxFileBytes },
      });
    } catch {
      return reject(new MalformedMultipartError());
    }
    if (!request.body) return reject(new MalformedMultipartError());
    const source = Readable.fromWeb(request.body as NodeReadableStream<Uint8Array>);
    const formData = new FormData();
    let files = 0;
    let settled = false;
    const stop = (outcome: MultipartResult | Error) => {
      if (settled) return;
      settled = true;
      // Read no further: the server closes the connection after the answer (app/server/body.js).
      source.unpipe(parser);
      source.destroy();
      if (outcome instanceof Error) reject(outcome);
      else resolve(outcome);
    };
    parser.on("field", (name, value) => formData.append(name, value));
    parser.on("file", (name, stream, info) => {
      // A browser sends an empty part (file name "") for a file input left empty: not a file.
      if (info.filename && ++files > limits.maxFiles) {
        stream.resume();
        return stop({ refused: "tooMany", fields: formData });
      }
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("limit", () => stop({ refused: "tooLarge", fields: formData }));
      stream.on("end", () => {
        // Node's Buffers are plain ArrayBuffer views; TypeScript only knows them as "ArrayBufferLike".
        if (!settled)
          formData.append(
            name,
            new File(chunks as Uint8Array<ArrayBuffer>[], info.filename ?? "", { type: info.mimeType }),
          );
      });
    });
    parser.on("close", () => stop({ formData }));
    parser.on("error", () => stop(new MalformedMultipartError()));
    source.on("error", () => stop(new MalformedMultipartError()));
    source.pipe(parser);
  });
}
