import type { SupportStatus } from "../../../shared/support";
import { answer, client } from "./client";

const threads = client.api.admin.support.threads;
const param = (id: string) => ({ id: encodeURIComponent(id) });

/** The console's Support section: the queue, a thread, a reply, a status change (each call audited). */
export const adminSupportApi = {
  queue: (status: SupportStatus | null, cursor: string | null) =>
    answer(threads.$get({ query: { ...(status ? { status } : {}), ...(cursor ? { cursor } : {}) } })),
  thread: (id: string) => answer(threads[":id"].$get({ param: param(id) })),
  /** Where the attached picture or video is read from (the route streams it, audited). */
  attachmentUrl: (id: string) => `/api/admin/support/threads/${encodeURIComponent(id)}/attachment`,
  reply: async (id: string, message: string) =>
    (await answer(threads[":id"].messages.$post({ param: param(id), json: { message } }))).message,
  setStatus: async (id: string, status: SupportStatus, reason: string) =>
    (await answer(threads[":id"].status.$post({ param: param(id), json: { status, reason } }))).thread,
};
