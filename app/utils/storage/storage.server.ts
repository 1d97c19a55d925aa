// One storage interface, two adapters: local disk (default) and UploadThing (when
// UPLOADTHING_TOKEN is set). Files are always read back through our own resource route
// (/files/:id), which checks permission, so the adapter never decides who may see a file.
import { env } from "../env.server";
import { createLocalStorage } from "./local.server";
import { createUploadThingStorage } from "./uploadthing.server";

export interface StorageAdapter {
  readonly name: "local" | "uploadthing";
  /** Stores the bytes under `key`; returns a remote URL when the adapter has one. */
  put(file: { key: string; name: string; contentType: string; bytes: Uint8Array }): Promise<{ url: string | null }>;
  /** The stored bytes, or null when gone. */
  get(file: { key: string; url: string | null }): Promise<Uint8Array | null>;
  remove(file: { key: string; url: string | null }): Promise<void>;
}

let current: StorageAdapter | null = null;

export function getStorage(): StorageAdapter {
  if (!current) {
    const token = process.env.UPLOADTHING_TOKEN ?? env.UPLOADTHING_TOKEN;
    current = token
      ? createUploadThingStorage({
          token,
          apiUrl: process.env.UPLOADTHING_API_URL ?? env.UPLOADTHING_API_URL,
          ingestUrl: process.env.UPLOADTHING_INGEST_URL ?? env.UPLOADTHING_INGEST_URL,
        })
      : createLocalStorage();
  }
  return current;
}

/** Tests swap adapters with this (e.g. the UploadThing adapter pointed at a local fake). */
export function setStorage(adapter: StorageAdapter | null) {
  current = adapter;
}
