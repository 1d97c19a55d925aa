// Organisation kinds and roles as plain constants: the admin forms need them in the browser too
// (a `.server.ts` module is emptied in the browser bundle).
import { ROLES } from "~/utils/roles";

export const ORG_KINDS = ["city", "county", "zone", "union", "center"] as const;
export type OrgKind = (typeof ORG_KINDS)[number];
export const UNION_TYPES = ["committee", "joint", "industry"] as const;
export type UnionType = (typeof UNION_TYPES)[number];

/** Which kinds may be created (or moved) under a parent of each kind. */
export const CHILD_KINDS: Record<OrgKind, OrgKind[]> = {
  city: ["county", "zone", "union", "center"],
  county: ["union", "center"],
  zone: ["union", "center"],
  // A joint or industry union gathers smaller unions; any union may run a center.
  union: ["union", "center"],
  center: [],
};

/** Every role may be granted (the list itself lives in ~/utils/roles, shared with the server). */
export const GRANTABLE_ROLES = ROLES;
