import { hash, verify } from "@node-rs/argon2";

// argon2id with OWASP's minimum parameters (19 MiB, 2 iterations).
const OPTIONS = { memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string) {
  return hash(password, OPTIONS);
}

export async function verifyPassword(passwordHash: string, password: string) {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

// A hash of a random password nobody knows, with the same parameters as real ones. A log-in for an
// unknown account is checked against it, so it does the same work (and takes as long) as a wrong
// password for a real account, and the answer cannot tell the two apart.
export const DUMMY_HASH =
  "$argon2id$v=19$m=19456,t=2,p=1$WN/hjlDdmoc9/S5hfotu7w$yB7kbFRmvIRa7gENWulKDiFOyplDKbykMw1/+0qWnGw";

/** Checks a password against an account's hash, or against the dummy hash when there is no account. */
export async function verifyAccountPassword(passwordHash: string | null | undefined, password: string) {
  const ok = await verifyPassword(passwordHash ?? DUMMY_HASH, password);
  return ok && Boolean(passwordHash);
}

/** At least 8 characters with letters and digits. */
export function isStrongPassword(password: string) {
  return password.length >= 8 && /[A-Za-z]/.test(password) && /\d/.test(password);
}
