import { useEffect, useState } from "hono/jsx/dom";
import { errorMessage } from "./api";

/** A value fetched from the API: loading, failed (with a message), or ready. */
export type Resource<T> = { kind: "loading" } | { kind: "error"; message: string } | { kind: "ready"; value: T };

/** Replaces a loaded value: with a new one (a save's answer), or by a change to the current one (applied only once loaded). */
type SetResource<T> = (next: T | ((current: T) => T)) => void;

/**
 * Loads `load()` on mount; `reload()` fetches again. A reload keeps showing the current value
 * while it runs (no skeleton flash when the page refreshes after a payment).
 */
export function useResource<T>(load: () => Promise<T>): [Resource<T>, () => Promise<T | null>, SetResource<T>] {
  const [state, setState] = useState<Resource<T>>({ kind: "loading" });
  const reload = async (): Promise<T | null> => {
    setState((s) => (s.kind === "error" ? { kind: "loading" } : s));
    try {
      const value = await load();
      setState({ kind: "ready", value });
      return value;
    } catch (error) {
      setState((s) => (s.kind === "ready" ? s : { kind: "error", message: errorMessage(error) }));
      return null;
    }
  };
  const set: SetResource<T> = (next) =>
    setState((s) => {
      if (typeof next !== "function") return { kind: "ready", value: next };
      return s.kind === "ready" ? { kind: "ready", value: (next as (current: T) => T)(s.value) } : s;
    });
  useEffect(() => {
    void reload();
  }, []);
  return [state, reload, set];
}
