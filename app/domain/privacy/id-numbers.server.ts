// ID numbers at rest: AES-256-GCM ciphertext "v1:<key id>:<iv>:<tag>:<data>" (base64url parts), an
// HMAC-SHA-256 hash to find the same number on another account without decrypting anything, and
// the last 4 characters — the only part pages and exports ever show. Only `revealIdNumber`
// (the deciding staff member, audited) and the applicant's own data download decrypt.
import { createCipheriv, createDecipheriv, createHmac, randomBytes } from "node:crypto";
import { prisma } from "~/utils/db.server";
import { keyRing, type DataKey } from "./data-keys.server";

const PREFIX = "v1";
// Binds a ciphertext to its column: it cannot be moved into another field and decrypted there.
const AAD = Buffer.from("MembershipApplication.idNumber");

export type StoredIdNumber = { idNumberCipher: string; idNumberHash: string; idNumberLast4: string };

export function hashIdNumber(plain: string) {
  return createHmac("sha256", keyRing().hashKey).update(plain.trim().toUpperCase()).digest("base64url");
}

export function encryptWith(key: DataKey, plain: string) {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key.key, iv);
  cipher.setAAD(AAD);
  const data = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  const tag = cipher.getAuthTag();
  return [PREFIX, key.id, iv.toString("base64url"), tag.toString("base64url"), data.toString("base64url")].join(":");
}

export function protectIdNumber(raw: string): StoredIdNumber {
  const plain = raw.trim().toUpperCase();
  return {
    idNumberCipher: encryptWith(keyRing().current, plain),
    idNumberHash: hashIdNumber(plain),
    idNumberLast4: plain.slice(-4),
  };
}

export const isCiphertext = (value: string) => value.startsWith(`${PREFIX}:`);
export const keyIdOf = (value: string) => (isCiphertext(value) ? value.split(":")[1] : null);

/** The plain number; throws when the key that wrote it is not configured or the data was altered. */
export function decryptIdNumber(stored: string) {
  if (!isCiphertext(stored)) return stored; // a value from before encryption, until start-up encrypts it
  const [, kid, iv, tag, data] = stored.split(":");
  const key = keyRing().all.get(kid);
  if (!key) throw new Error(`ID number encrypted with key ${kid}, which is not configured (XG_DATA_KEYS_OLD)`);
  const decipher = createDecipheriv("aes-256-gcm", key.key, Buffer.from(iv, "base64url"));
  decipher.setAAD(AAD);
  decipher.setAuthTag(Buffer.from(tag, "base64url"));
  return Buffer.concat([decipher.update(Buffer.from(data, "base64url")), decipher.final()]).toString("utf8");
}

/**
 * Encrypts what is not yet encrypted under the current key: plain values left from before
 * encryption (the migration renamed the column; SQL cannot encrypt) and, with `rehashAll`, every row
 * (after a key rotation: new ciphertext under the current key, new hash). Runs at every start
 * (app/scripts/setup-db.ts) and as `npm run keys:reencrypt`. Returns how many rows changed.
 */
export async function encryptPlainIdNumbers({ rehashAll = false } = {}) {
  const ring = keyRing();
  const rows = await prisma.membershipApplication.findMany({
    where: { idNumberCipher: { not: null } },
    select: { id: true, idNumberCipher: true, idNumberHash: true },
  });
  let changed = 0;
  for (const row of rows) {
    const stored = row.idNumberCipher!;
    const stale = !isCiphertext(stored) || keyIdOf(stored) !== ring.current.id || !row.idNumberHash;
    if (!stale && !rehashAll) continue;
    const protectedNumber = protectIdNumber(decryptIdNumber(stored));
    // Conditional on the value read, so a concurrent change is never overwritten with old data.
    const updated = await prisma.membershipApplication.updateMany({
      where: { id: row.id, idNumberCipher: stored },
      data: protectedNumber,
    });
    changed += updated.count;
  }
  return changed;
}
