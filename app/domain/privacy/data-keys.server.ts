// The keys that protect ID numbers at rest (PIPL: sensitive personal information).
//
// - XG_DATA_KEY: base64 of 32 random bytes, the AES-256-GCM key new ciphertexts are written with.
// - XG_DATA_KEYS_OLD: comma-separated base64 keys that can still decrypt (during a rotation).
// - XG_ID_HASH_KEY: base64 key of the HMAC used to find the same ID number on another account;
//   by default derived (HKDF) from XG_DATA_KEY, so rotating that key also re-hashes (the
//   re-encryption command writes the new hashes).
// Every ciphertext names its key by a key id (the first 8 hex digits of the key's SHA-256), so
// old and new keys can be in use side by side. Without XG_DATA_KEY, a development key is generated
// once into data/data-key (git-ignored) next to the database; tests set their own (test/setup-db.ts).
import { createHash, hkdfSync, randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { databaseUrl } from "~/utils/env.server";

export type DataKey = { id: string; key: Buffer };
type KeyRing = { current: DataKey; all: Map<string, DataKey>; hashKey: Buffer };

const keyId = (key: Buffer) => createHash("sha256").update(key).digest("hex").slice(0, 8);

function parseKey(value: string, name: string): DataKey {
  const key = Buffer.from(value.trim(), "base64");
  if (key.length !== 32) throw new Error(`${name} must be base64 of exactly 32 bytes (got ${key.length})`);
  return { id: keyId(key), key };
}

/** data/data-key next to the database file (PostgreSQL: the project's data/ folder): created on first
 * start, read afterwards. Several machines on one PostgreSQL database must share XG_DATA_KEY instead. */
export function developmentKeyFile() {
  const url = databaseUrl();
  if (!url.startsWith("file:")) return path.resolve("data", "data-key");
  return path.join(path.dirname(path.resolve(url.replace(/^file:/, ""))), "data-key");
}

function developmentKey() {
  const file = developmentKeyFile();
  try {
    return fs.readFileSync(file, "utf8");
  } catch {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const fresh = randomBytes(32).toString("base64");
    try {
      // "wx": two processes starting at once cannot write two different keys.
      fs.writeFileSync(file, `${fresh}\n`, { flag: "wx", mode: 0o600 });
      console.warn(
        `[privacy] No XG_DATA_KEY set: generated a development key in ${file}. Set XG_DATA_KEY in production.`,
      );
      return fresh;
    } catch {
      return fs.readFileSync(file, "utf8");
    }
  }
}

let ring: KeyRing | null = null;

export function keyRing(): KeyRing {
  if (ring) return ring;
  const configured = process.env.XG_DATA_KEY;
  if (!configured && process.env.NODE_ENV === "test")
    throw new Error("XG_DATA_KEY is not set: tests set their own key in test/setup-db.ts");
  const current = parseKey(configured ?? developmentKey(), "XG_DATA_KEY");
  const all = new Map([[current.id, current]]);
  for (const old of (process.env.XG_DATA_KEYS_OLD ?? "").split(",").filter((s) => s.trim())) {
    const k = parseKey(old, "XG_DATA_KEYS_OLD");
    all.set(k.id, k);
  }
  const hashKey = process.env.XG_ID_HASH_KEY
    ? Buffer.from(process.env.XG_ID_HASH_KEY, "base64")
    : Buffer.from(hkdfSync("sha256", current.key, Buffer.alloc(0), "xingguang id-number hash", 32));
  if (hashKey.length < 32) throw new Error("XG_ID_HASH_KEY must be base64 of at least 32 bytes");
  ring = { current, all, hashKey };
  return ring;
}

/** For tests and the rotation command: forget the cached keys so the environment is read again. */
export function resetKeyRing() {
  ring = null;
}
