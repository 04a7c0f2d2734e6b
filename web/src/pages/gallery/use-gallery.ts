import { useEffect, useRef, useState } from "hono/jsx/dom";
import type { MediaView } from "../../../../shared/media";
import { mediaApi } from "../../api/media";
import type { MoreState } from "../../components/show-older";
import { errorMessage } from "../../lib/api";
import { subscribe } from "../../lib/live";
import { type GalleryFilter, PAGE_SIZE } from "./gallery-api";
import { appendUnique, mergeArrived } from "./view";

export type GalleryList =
  | { status: "loading" }
  | { status: "error"; message: string }
  | { status: "ready"; items: MediaView[]; nextCursor: string | null; more: MoreState };

/** Whether an item belongs in a list shown with `filter` (used for items that arrive by upload). */
function matches(media: MediaView, filter: GalleryFilter): boolean {
  if (filter.kind !== "all" && media.kind !== filter.kind) return false;
  if (filter.favorite && !media.favorite) return false;
  return !filter.q.trim() || (media.prompt ?? "").toLowerCase().includes(filter.q.trim().toLowerCase());
}

/**
 * The gallery's list for a filter: first page on every filter change (older answers are ignored),
 * `loadMore` by cursor, local edits (favorite, delete, new uploads) applied in place, and the media
 * of jobs finishing meanwhile (the live channel's `job` message carries them). Those join an empty
 * list at once; otherwise they wait in `arrived` until the person asks for them (`showArrived`): put
 * in at the top unasked, they would reflow every row under the pointer (a layout shift, and a misclick).
 */
export function useGallery(filter: GalleryFilter) {
  const [list, setList] = useState<GalleryList>({ status: "loading" });
  const [arrived, setArrived] = useState<MediaView[]>([]);
  const generation = useRef(0);

  const reload = () => {
    const mine = ++generation.current;
    setList({ status: "loading" });
    setArrived([]);
    mediaApi
      .list(filter, PAGE_SIZE)
      .then(
        (page) => mine === generation.current && setList({ status: "ready", items: page.items, nextCursor: page.nextCursor, more: "idle" }),
      )
      .catch((error: unknown) => mine === generation.current && setList({ status: "error", message: errorMessage(error) }));
  };

  useEffect(reload, [filter.kind, filter.favorite, filter.q]);

  const loadMore = (): Promise<void> => {
    if (list.status !== "ready" || !list.nextCursor || list.more === "loading") return Promise.resolve();
    const mine = generation.current;
    setList({ ...list, more: "loading" });
    return mediaApi
      .list(filter, PAGE_SIZE, list.nextCursor)
      .then((page) => {
        if (mine !== generation.current) return;
        setList((s) =>
          s.status === "ready"
            ? { status: "ready", items: appendUnique(s.items, page.items), nextCursor: page.nextCursor, more: "idle" }
            : s,
        );
      })
      .catch(() => {
        if (mine === generation.current) setList((s) => (s.status === "ready" ? { ...s, more: "error" } : s));
      });
  };

  const edit = (change: (items: MediaView[]) => MediaView[]) =>
    setList((s) => (s.status === "ready" ? { ...s, items: change(s.items) } : s));

  const arrive = useRef<(media: MediaView[]) => void>(() => undefined);
  arrive.current = (media) => {
    const shown = media.filter((m) => matches(m, filter));
    if (shown.length === 0 || list.status !== "ready") return;
    const listed = shown.filter((m) => list.items.some((item) => item.id === m.id));
    const fresh = shown.filter((m) => !listed.includes(m));
    // An item already listed is updated in place (no shift); new ones join an empty grid, or wait.
    if (listed.length > 0 || list.items.length === 0) edit((items) => mergeArrived(items, list.items.length === 0 ? shown : listed));
    if (list.items.length > 0 && fresh.length > 0) setArrived((waiting) => mergeArrived(waiting, fresh));
  };
  useEffect(
    () =>
      subscribe("job", ({ job }) => {
        if (job.status === "succeeded" && job.media.length > 0) arrive.current(job.media);
      }),
    [],
  );

  return {
    list,
    /** Newly finished media waiting to be shown at the top, newest first. */
    arrived,
    showArrived: () => {
      edit((items) => mergeArrived(items, arrived));
      setArrived([]);
    },
    reload,
    loadMore,
    /** Puts a changed item in place (or drops it when it no longer matches, e.g. unfavorited under "Favorites"). */
    replace: (media: MediaView) =>
      edit((items) =>
        matches(media, filter) ? items.map((m) => (m.id === media.id ? media : m)) : items.filter((m) => m.id !== media.id),
      ),
    remove: (ids: readonly string[]) => {
      edit((items) => items.filter((m) => !ids.includes(m.id)));
      setArrived((waiting) => waiting.filter((m) => !ids.includes(m.id)));
    },
    /** A fresh upload goes first (it is the newest item), when the current filter would show it. */
    prepend: (media: MediaView) =>
      edit((items) => (matches(media, filter) && !items.some((m) => m.id === media.id) ? [media, ...items] : items)),
  };
}
