// Identity-number rules and the fixed option lists of the application form. No server imports:
// the form's Zod schema uses them on both sides.

// Union types are the organisation tree's own list.
export { UNION_TYPES } from "~/domain/admin/constants";

const CREDIT_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"; // GB 32100-2015: no I, O, S, V, Z
const CREDIT_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** The MOD 31 check character of a credit code's 17-character body. */
export function creditCheckChar(body17: string) {
  const sum = [...body17].reduce((acc, ch, i) => acc + CREDIT_CHARS.indexOf(ch) * CREDIT_WEIGHTS[i], 0);
  return CREDIT_CHARS[(31 - (sum % 31)) % 31];
}

/** Unified social credit code (统一社会信用代码): 18 characters, the last a MOD 31 check character. */
export function isValidCreditCode(raw: string) {
  const code = raw.trim().toUpperCase();
  return /^[0-9A-HJ-NP-RTUW-Y]{18}$/.test(code) && creditCheckChar(code.slice(0, 17)) === code[17];
}

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = "10X98765432";

/** The ISO 7064 MOD 11-2 check character of an ID number's first 17 digits. */
export function idCheckChar(body17: string) {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(body17[i]) * ID_WEIGHTS[i];
  return ID_CHECK[sum % 11];
}

/** Resident identity card number (GB 11643): 18 characters, a valid birth date, ISO 7064 MOD 11-2 check. */
export function isValidIdNumber(raw: string) {
  const id = raw.trim().toUpperCase();
  if (!/^\d{17}[\dX]$/.test(id)) return false;
  const y = Number(id.slice(6, 10));
  const m = Number(id.slice(10, 12));
  const d = Number(id.slice(12, 14));
  const birth = new Date(Date.UTC(y, m - 1, d));
  if (y < 1900 || birth.getUTCMonth() !== m - 1 || birth.getUTCDate() !== d || birth.getTime() > Date.now())
    return false;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(id[i]) * ID_WEIGHTS[i];
  return ID_CHECK[sum % 11] === id[17];
}

/**
 * The only form an ID number is ever shown in: its last four characters. (The first four gave the
 * county, which with the birth date shown beside it left only the sequence digits unknown.) Takes
 * the stored last 4 (MembershipApplication.idNumberLast4) or a whole number.
 */
export function maskIdNumber(idOrLast4: string | null | undefined) {
  if (!idOrLast4) return null;
  return `${"*".repeat(14)}${idOrLast4.slice(-4)}`;
}

export const EMPLOYMENT_TYPES = ["full_time", "part_time", "dispatched", "flexible", "other"] as const;
export const EDUCATION_LEVELS = [
  "primary",
  "junior_high",
  "senior_high",
  "vocational",
  "college",
  "bachelor",
  "postgraduate",
] as const;
export const INCOME_BANDS = ["lt3000", "3000_5000", "5000_8000", "8000_12000", "gt12000"] as const;
export const INDUSTRIES = [
  "manufacturing",
  "energy",
  "construction",
  "logistics",
  "agriculture",
  "services",
  "retail",
  "healthcare",
  "education",
  "it",
  "public",
  "other",
] as const;
export const ENTERPRISE_SIZES = ["micro", "small", "medium", "large"] as const;
export const GENDERS = ["male", "female"] as const;
