// The attendee list's status filters: shared by the page (its tabs) and attendees.server.ts.
export const ATTENDEE_FILTERS = ["all", "confirmed", "waitlisted", "pending", "attended", "cancelled"] as const;
export type AttendeeFilter = (typeof ATTENDEE_FILTERS)[number];
