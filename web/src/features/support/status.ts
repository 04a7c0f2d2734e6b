import type { SupportStatus } from "../../../../shared/support";

/** A thread's status in plain words, as the person reads it. */
export const USER_STATUS_LABELS: Record<SupportStatus, string> = {
  open: "Waiting for Ausar",
  waiting: "Answered",
  closed: "Closed",
};

/** The same status for staff: whose turn it is. */
export const STAFF_STATUS_LABELS: Record<SupportStatus, string> = {
  open: "Open: needs an answer",
  waiting: "Waiting for the person",
  closed: "Closed",
};
