import { useEffect, useState } from "hono/jsx/dom";
import { errorMessage } from "../../lib/api";

/** A value fetched from the API: loading, failed (with a message), or ready. */
export type Resource<T> = { kind: "loading" } | { kind: "error"; message: string } | { kind: "ready"; value: T };

/**
 * Loads `load()` on mount; `reload()` fetches again. A reload keeps showing the current value
 * while it runs (no skeleton flash when the page refreshes after a payment).
 */
export function useResource<T>(load: () => Promise<T>): [Resource<T>, () => Promise<T | null>] {
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
  useEffect(() => {
    void reload();
  }, []);
  return [state, reload];
}
