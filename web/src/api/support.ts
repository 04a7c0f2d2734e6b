import type { CreateThreadBody } from "../../../shared/support";
import { answer, client } from "./client";

const threads = client.api.support.threads;
const param = (id: string) => ({ id: encodeURIComponent(id) });

/** The signed-in person's support threads (`/support`). */
export const supportApi = {
  list: () => answer(threads.$get()),
  /** How many threads have a staff reply not yet read (the shell's badge). */
  unread: async () => (await answer(client.api.support.unread.$get())).unreadCount,
  create: async (json: CreateThreadBody) => (await answer(threads.$post({ json }))).thread,
  /** The thread and its messages; reading it marks the staff replies read. */
  thread: (id: string) => answer(threads[":id"].$get({ param: param(id) })),
  reply: async (id: string, message: string) =>
    (await answer(threads[":id"].messages.$post({ param: param(id), json: { message } }))).message,
};
