// The roles a user can hold in an organisation. Plain (no .server): the admin's grant form lists
// them in the browser, and permissions.server.ts checks them on the server — one list for both.
export const ROLES = ["center_staff", "contest_organiser", "judge", "union_staff", "admin"] as const;
export type Role = (typeof ROLES)[number];
