import { z } from "zod";
import { ID_PATTERN } from "./ids";

/** Limits of support threads (docs/support.md). */
export const SUPPORT_SUBJECT_MAX = 150;
export const SUPPORT_MESSAGE_MAX = 5000;
/** A closed thread is deleted this long after it was closed. */
export const SUPPORT_RETENTION_MONTHS = 24;

export const SUPPORT_STATUSES = ["open", "waiting", "closed"] as const;
export type SupportStatus = (typeof SUPPORT_STATUSES)[number];

const attachmentSchema = z.object({
  kind: z.enum(["job", "media"]),
  id: z.string().regex(ID_PATTERN, "That is not an id."),
});

const messageSchema = z
  .string()
  .trim()
  .min(1, "Write a message.")
  .max(SUPPORT_MESSAGE_MAX, `Keep it under ${SUPPORT_MESSAGE_MAX} characters.`);

export const createThreadSchema = z.object({
  subject: z.string().trim().min(1, "Give it a subject.").max(SUPPORT_SUBJECT_MAX, `Keep it under ${SUPPORT_SUBJECT_MAX} characters.`),
  message: messageSchema,
  attachment: attachmentSchema.optional(),
});
export type CreateThreadBody = z.infer<typeof createThreadSchema>;

export const replySchema = z.object({ message: messageSchema });

export const staffThreadsQuerySchema = z.object({
  status: z.enum(SUPPORT_STATUSES).optional(),
  /** Position in the queue: the `next` of the previous page. */
  cursor: z
    .string()
    .regex(/^\d{1,16}:[A-Za-z0-9_-]{1,64}$/)
    .optional(),
});

export const staffStatusSchema = z.object({
  status: z.enum(SUPPORT_STATUSES),
  reason: z.string().trim().min(1, "Give a reason.").max(500),
});

interface SupportAttachment {
  kind: "job" | "media";
  id: string;
}

export interface SupportThreadSummary {
  id: string;
  subject: string;
  status: SupportStatus;
  updatedAt: number;
  unread: boolean;
}

export interface SupportThreadView extends SupportThreadSummary {
  createdAt: number;
  closedAt: number | null;
  attachment: SupportAttachment | null;
}

export interface SupportMessageView {
  id: string;
  from: "user" | "staff";
  body: string;
  createdAt: number;
}

export interface SupportThreadsResponse {
  threads: SupportThreadSummary[];
  unreadCount: number;
}

export interface SupportThreadResponse {
  thread: SupportThreadView;
  messages: SupportMessageView[];
}

/** What staff see of an attachment: the item's metadata, no bytes (those come by their own audited route). */
export type StaffAttachmentView =
  | { kind: "job"; id: string; model: string; jobKind: string; status: string; prompt: string; createdAt: number }
  | {
      kind: "media";
      id: string;
      mediaKind: string;
      contentType: string;
      bytes: number;
      width: number | null;
      height: number | null;
      createdAt: number;
    }
  | { kind: "job" | "media"; id: string; missing: true };

interface StaffThreadSummary {
  id: string;
  userId: string;
  subject: string;
  status: SupportStatus;
  updatedAt: number;
  createdAt: number;
}

export interface StaffThreadsResponse {
  threads: StaffThreadSummary[];
  next: string | null;
}

export interface StaffThreadResponse {
  thread: StaffThreadSummary & { closedAt: number | null; userEmail: string | null };
  attachment: StaffAttachmentView | null;
  messages: (SupportMessageView & { staffId: string | null })[];
}
