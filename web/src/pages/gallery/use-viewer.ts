import { useEffect, useRef, useState } from "hono/jsx/dom";
import type { MediaView } from "../../../../shared/media";
import { mediaApi } from "../../api/media";
import { errorMessage } from "../../lib/api";
import { ApiError } from "../../lib/api-error";
import { navigate } from "../../router/history";
import { galleryHref } from "./gallery-address";
import type { GalleryFilter } from "./gallery-api";

/** What the viewer shows: the list it steps through and where in it. */
interface ViewerState {
  items: MediaView[];
  index: number;
  /** Opened by address and not among the loaded items: shown alone, nothing to step to. */
  alone: boolean;
}

/** Said when `/gallery/<id>` names nothing of the person's (deleted, mistyped, or someone else's). */
const NOT_FOUND_NOTICE = "That item is not in your gallery. It may have been deleted, or the link belongs to another account.";

/**
 * The gallery's viewer, kept in the address: `/gallery/<id>` is the item open. Opening from the grid
 * pushes an entry, so Back closes the viewer instead of leaving the gallery; stepping replaces it, so
 * Back does not walk through every item seen. An item opened by address that is not among the loaded
 * ones is read by id (`GET /api/media/:id`, the person's own only).
 */
export function useViewer(openId: string | undefined, items: MediaView[], filter: GalleryFilter) {
  const [alone, setAlone] = useState<MediaView | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  // Whether the entry before this one is the gallery itself, so closing can go Back to it.
  const fromGrid = useRef(false);
  const previousId = useRef<string | undefined>(openId);
  const wanted = useRef<number | null>(null);
  // A step is called from a callback made before the next page was in: it looks here for the fresh list.
  const latest = useRef(items);
  latest.current = items;
  const index = openId ? items.findIndex((m) => m.id === openId) : -1;

  useEffect(() => {
    if (openId && previousId.current === undefined) fromGrid.current = true;
    if (!openId) fromGrid.current = false;
    previousId.current = openId;
  }, [openId]);

  useEffect(() => {
    if (!openId || index >= 0 || alone?.id === openId) return;
    let current = true;
    mediaApi
      .get(openId)
      .then((media) => current && setAlone(media))
      .catch((error: unknown) => {
        if (!current) return;
        setNotice(error instanceof ApiError && error.status === 404 ? NOT_FOUND_NOTICE : `That item did not open: ${errorMessage(error)}`);
        navigate(galleryHref(filter), { replace: true });
      });
    return () => {
      current = false;
    };
  }, [openId, index >= 0]);

  // A step past the loaded items waits for the next page, then lands on the item it asked for.
  useEffect(() => {
    const want = wanted.current;
    if (want === null || !items[want]) return;
    wanted.current = null;
    navigate(galleryHref(filter, items[want].id), { replace: true });
  }, [items.length]);

  const close = () => {
    if (!location.pathname.startsWith("/gallery/")) return;
    if (fromGrid.current) history.back();
    else navigate(galleryHref(filter), { replace: true });
  };

  let state: ViewerState | null = null;
  if (index >= 0) state = { items, index, alone: false };
  else if (openId && alone?.id === openId) state = { items: [alone], index: 0, alone: true };

  return {
    state,
    notice,
    open: (media: MediaView) => {
      setNotice(null);
      navigate(galleryHref(filter, media.id));
    },
    /** Steps to `next` of the loaded items (or, past them, once the next page is in). */
    step: (next: number) => {
      const media = latest.current[next];
      if (media) navigate(galleryHref(filter, media.id), { replace: true });
      else wanted.current = next;
    },
    close,
    /** After a delete: the next item in the same place, or the viewer closes when none is left. */
    deleted: (ids: readonly string[]) => {
      if (!openId || !ids.includes(openId) || !state) return;
      const rest = state.items.filter((m) => !ids.includes(m.id));
      const next = state.alone ? undefined : rest[Math.min(state.index, rest.length - 1)];
      if (next) navigate(galleryHref(filter, next.id), { replace: true });
      else close();
    },
  };
}
