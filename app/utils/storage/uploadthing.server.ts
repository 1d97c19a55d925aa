// uploadthing/server (~0.6 s CPU to load) is loaded on the adapter's first use, not when the server starts:
// the local-disk adapter, the default, never needs it.
import type { UTApi, UTFile } from "uploadthing/server";
import type { StorageAdapter } from "./storage.server";

type Options = { token: string; apiUrl?: string; ingestUrl?: string; fetch?: typeof fetch };

/** UploadThing through its server SDK. apiUrl/ingestUrl point it elsewhere (tests use a local fake). */
export function createUploadThingStorage(options: Options): StorageAdapter {
  let sdk: Promise<{ utapi: UTApi; UTFile: typeof UTFile }> | null = null;
  const load = () =>
    (sdk ??= import("uploadthing/server").then((mod) => ({
      UTFile: mod.UTFile,
      utapi: new mod.UTApi({
        token: options.token,
        apiUrl: options.apiUrl,
        ingestUrl: options.ingestUrl,
        fetch: options.fetch,
        logLevel: "Error",
      }),
    })));
  const fetcher = options.fetch ?? fetch;
  return {
    name: "uploadthing",
    async put({ key, name, contentType, bytes }) {
      const { utapi, UTFile: UploadFile } = await load();
      const file = new UploadFile([new Uint8Array(bytes)], name, { type: contentType, customId: key });
      const result = await utapi.uploadFiles(file);
      if (result.error) throw new Error(`UploadThing upload failed: ${result.error.message}`);
      return { url: result.data.ufsUrl ?? result.data.url };
    },
    async get({ url }) {
      if (!url) return null;
      const response = await fetcher(url);
      if (response.status === 404) return null;
      if (!response.ok) throw new Error(`UploadThing download failed: ${response.status}`);
      return new Uint8Array(await response.arrayBuffer());
    },
    async remove({ key }) {
      const { utapi } = await load();
      await utapi.deleteFiles(key, { keyType: "customId" });
    },
  };
}
