import { useEffect, useRef, useState } from "hono/jsx/dom";
import type { MediaView } from "../../../../shared/media";
import { mediaApi } from "../../api/media";
import { EmptyState, ErrorState, Notice, PageHeader } from "../../components/feedback";
import { GridIcon } from "../../components/icons";
import { ShowOlder } from "../../components/show-older";
import { UploadArea } from "../../features/uploads/upload-area";
import { errorMessage } from "../../lib/api";
import { toast } from "../../lib/toasts";
import { navigate } from "../../router/history";
import type { PageProps } from "../../router/routes";
import { ConfirmDialog } from "./confirm-dialog";
import { filterFromQuery, galleryHref } from "./gallery-address";
import { downloadZip, type GalleryFilter } from "./gallery-api";
import { CheckSquareIcon } from "./icons";
import { Lightbox } from "./lightbox";
import { NewArrivals } from "./new-arrivals";
import { SelectionBar } from "./selection-bar";
import { StorageUsage } from "./storage-usage";
import { MediaTile } from "./tile";
import { useTileSize } from "./tile-size";
import { Toolbar } from "./toolbar";
import { useGallery } from "./use-gallery";
import { useViewer } from "./use-viewer";
import "./gallery.css";

type Pending = { kind: "one"; media: MediaView } | { kind: "many"; ids: string[] };

const SKELETON_TILES = Array.from({ length: 12 }, (_, i) => i);

/** Loads the next page when the end of the grid comes within a screen of view. */
function useInfiniteScroll(onEnd: () => void, active: boolean) {
  const sentinel = useRef<HTMLDivElement>(null);
  const latest = useRef(onEnd);
  latest.current = onEnd;
  useEffect(() => {
    const el = sentinel.current;
    if (!el || !active) return;
    const observer = new IntersectionObserver((entries) => entries.some((e) => e.isIntersecting) && latest.current(), {
      rootMargin: "800px 0px",
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, [active]);
  return sentinel;
}

/**
 * `/gallery`: every upload and output, newest first, with filters, selection, a lightbox and uploads.
 * The filter and the open item live in the address (`/gallery/<id>?kind=image&q=boat`), so a reload,
 * a bookmark or Back finds the same view.
 */
export default function GalleryPage(props: PageProps) {
  const filter = filterFromQuery(props.query);
  const openId = props.params.id;
  // A filter change replaces the entry: Back leaves the gallery (or closes the viewer), not each filter tried.
  const setFilter = (next: GalleryFilter) => navigate(galleryHref(next), { replace: true });
  const gallery = useGallery(filter);
  const [size, setSize] = useTileSize();
  const { list } = gallery;
  const [selecting, setSelecting] = useState(false);
  const [selected, setSelected] = useState<string[]>([]);
  const [pending, setPending] = useState<Pending | null>(null);
  const [busy, setBusy] = useState(false);
  const [confirmError, setConfirmError] = useState<string | null>(null);
  const [uploading, setUploading] = useState(false);
  // Bumped after an upload or a delete, so the storage usage is read again.
  const [stored, setStored] = useState(0);

  const items = list.status === "ready" ? list.items : [];
  const hasMore = list.status === "ready" && list.nextCursor !== null;
  const sentinel = useInfiniteScroll(() => {
    if (list.status === "ready" && list.more === "idle") void gallery.loadMore();
  }, hasMore);

  const viewer = useViewer(openId, items, filter);

  useEffect(() => setSelected([]), [filter.kind, filter.favorite, filter.q]);

  const toggleFavorite = (media: MediaView) => {
    const changed = { ...media, favorite: !media.favorite };
    gallery.replace(changed);
    mediaApi.setFavorite(media.id, changed.favorite).catch((error: unknown) => {
      gallery.replace(media);
      toast({ tone: "error", title: "Favorite not saved", body: errorMessage(error) });
    });
  };

  const confirmDelete = () => {
    if (!pending) return;
    const ids = pending.kind === "one" ? [pending.media.id] : pending.ids;
    setBusy(true);
    setConfirmError(null);
    const request = pending.kind === "one" ? mediaApi.remove(ids[0]!).then(() => 1) : mediaApi.removeMany(ids).then((r) => r.deleted);
    request
      .then((count) => {
        viewer.deleted(ids);
        gallery.remove(ids);
        setStored((n) => n + 1);
        setSelected((list) => list.filter((id) => !ids.includes(id)));
        setPending(null);
        toast({ tone: "success", title: count === 1 ? "Deleted" : `${count} items deleted` });
      })
      .catch((error: unknown) => setConfirmError(errorMessage(error)))
      .finally(() => setBusy(false));
  };

  const startDownload = () => {
    downloadZip(selected)
      .then(() => toast({ tone: "info", title: "Your download is starting", body: `${selected.length} items in one ZIP file.` }))
      .catch((error: unknown) => toast({ tone: "error", title: "Download did not start", body: errorMessage(error) }));
  };

  // The new items go on top; the view goes there too, and focus to the newest, as the button is gone.
  const showArrived = () => {
    const newest = gallery.arrived[0]?.id;
    gallery.showArrived();
    window.scrollTo({ top: 0 });
    requestAnimationFrame(() => document.querySelector<HTMLElement>(`[data-media-id="${newest}"] .tile-open`)?.focus());
  };

  const toggleSelected = (id: string) => setSelected((list) => (list.includes(id) ? list.filter((x) => x !== id) : [...list, id]));

  return (
    <div class="page gallery-page">
      <PageHeader
        title="Gallery"
        description="Everything you have generated or uploaded. Only you can see it."
        actions={
          <>
            <button
              type="button"
              class="btn btn-secondary"
              aria-expanded={uploading ? "true" : "false"}
              onClick={() => setUploading(!uploading)}
            >
              Upload
            </button>
            <button
              type="button"
              class="btn btn-secondary"
              aria-pressed={selecting ? "true" : "false"}
              onClick={() => {
                setSelecting(!selecting);
                setSelected([]);
              }}
            >
              <CheckSquareIcon />
              Select
            </button>
          </>
        }
      />
      <StorageUsage version={stored} />
      {uploading ? (
        <UploadArea
          onUploaded={(media) => {
            gallery.prepend(media);
            setStored((n) => n + 1);
          }}
        />
      ) : null}
      <Toolbar filter={filter} onChange={setFilter} size={size} onSize={setSize} />
      {viewer.notice ? <Notice tone="info">{viewer.notice}</Notice> : null}
      {selecting ? (
        <SelectionBar
          count={selected.length}
          total={items.length}
          busy={busy}
          onSelectAll={() => setSelected(items.map((m) => m.id))}
          onDownload={startDownload}
          onDelete={() => setPending({ kind: "many", ids: selected })}
          onDone={() => {
            setSelecting(false);
            setSelected([]);
          }}
        />
      ) : null}

      <NewArrivals count={gallery.arrived.length} onShow={showArrived} />
      {list.status === "loading" ? (
        <ul class="gallery-grid" data-size={size} aria-busy="true" aria-label="Loading the gallery">
          {SKELETON_TILES.map((i) => (
            <li key={i} class="tile tile-skeleton skeleton" />
          ))}
        </ul>
      ) : null}
      {list.status === "error" ? <ErrorState message={list.message} onRetry={gallery.reload} /> : null}
      {list.status === "ready" && items.length === 0 ? (
        filter.kind === "all" && !filter.favorite && !filter.q ? (
          <EmptyState
            icon={<GridIcon size={28} />}
            title="Your gallery is empty — create something"
            text="Or upload an image to use as a reference."
            action={{ label: "Go to Create", href: "/create" }}
          />
        ) : (
          <EmptyState icon={<GridIcon size={28} />} title="Nothing matches" text="Try another filter or search." />
        )
      ) : null}
      {items.length > 0 ? (
        <ul class="gallery-grid" data-size={size} aria-label="Gallery">
          {items.map((media) => (
            <MediaTile
              key={media.id}
              media={media}
              size={size}
              selecting={selecting}
              selected={selected.includes(media.id)}
              onOpen={() => viewer.open(media)}
              onToggleSelect={() => toggleSelected(media.id)}
              onFavorite={() => toggleFavorite(media)}
              onDelete={() => setPending({ kind: "one", media })}
            />
          ))}
        </ul>
      ) : null}
      {list.status === "ready" && list.nextCursor ? (
        <div ref={sentinel}>
          <ShowOlder
            class="gallery-more"
            more={list.more}
            failedText="More items did not load."
            label="Show more"
            onClick={() => void gallery.loadMore()}
          />
        </div>
      ) : null}

      {viewer.state ? (
        <Lightbox
          items={viewer.state.items}
          index={viewer.state.index}
          hasMore={hasMore && !viewer.state.alone}
          onIndex={viewer.step}
          onLoadMore={gallery.loadMore}
          onClose={viewer.close}
          onFavorite={toggleFavorite}
          onDelete={(media) => setPending({ kind: "one", media })}
        />
      ) : null}
      {pending ? (
        <ConfirmDialog
          title={pending.kind === "one" ? "Delete this item?" : `Delete ${pending.ids.length} items?`}
          text="They are removed from your gallery and from our storage for good. This cannot be undone."
          confirmLabel="Delete"
          busy={busy}
          error={confirmError}
          onConfirm={confirmDelete}
          onCancel={() => {
            setPending(null);
            setConfirmError(null);
          }}
        />
      ) : null}
    </div>
  );
}
