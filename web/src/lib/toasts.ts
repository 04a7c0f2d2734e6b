import { createStore } from "./store";

export interface Toast {
  id: number;
  tone: "info" | "success" | "error";
  title: string;
  body?: string;
  action?: { label: string; href: string };
}

/** The toasts on screen, oldest first. */
export const toastStore = createStore<Toast[]>([]);

const MAX_VISIBLE = 4;
let nextId = 1;

/** Removes one toast. */
export function dismissToast(id: number): void {
  toastStore.set((toasts) => toasts.filter((t) => t.id !== id));
}

/** Shows asynchronous news for a few seconds (errors stay longer, since they may need acting on). */
export function toast(news: Omit<Toast, "id">): number {
  const id = nextId++;
  toastStore.set((toasts) => [...toasts, { ...news, id }].slice(-MAX_VISIBLE));
  setTimeout(() => dismissToast(id), news.tone === "error" ? 10_000 : 6_000);
  return id;
}
