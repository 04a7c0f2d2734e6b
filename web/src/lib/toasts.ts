import { createStore } from "./store";

export interface Toast {
  id: number;
  tone: "info" | "success" | "error";
  title: string;
  body?: string;
  action?: { label: string; href: string };
  /**
   * News of one kind shares one toast: a toast with the key of one on screen replaces it in place
   * (and stays for the full time again) instead of stacking another ("3 generations ready").
   */
  key?: string;
}

/** The toasts on screen, oldest first. */
export const toastStore = createStore<Toast[]>([]);

const MAX_VISIBLE = 4;
let nextId = 1;
const timers = new Map<number, ReturnType<typeof setTimeout>>();

/** Removes one toast. */
export function dismissToast(id: number): void {
  clearTimeout(timers.get(id));
  timers.delete(id);
  toastStore.set((toasts) => toasts.filter((t) => t.id !== id));
}

/** The toast on screen with `key`, if any. */
export function toastWithKey(key: string): Toast | undefined {
  return toastStore.get().find((t) => t.key === key);
}

/** Shows asynchronous news for a few seconds (errors stay longer, since they may need acting on). */
export function toast(news: Omit<Toast, "id">): number {
  const same = news.key ? toastWithKey(news.key) : undefined;
  const id = same?.id ?? nextId++;
  if (same) toastStore.set((toasts) => toasts.map((t) => (t.id === id ? { ...news, id } : t)));
  else toastStore.set((toasts) => [...toasts, { ...news, id }].slice(-MAX_VISIBLE));
  clearTimeout(timers.get(id));
  timers.set(
    id,
    setTimeout(() => dismissToast(id), news.tone === "error" ? 10_000 : 6_000),
  );
  return id;
}
