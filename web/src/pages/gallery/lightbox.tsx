import { useEffect, useRef, useState } from "hono/jsx/dom";
import type { MediaView } from "../../../../shared/media";
import { AiLabel } from "../../components/ai-label";
import { useModal } from "../../components/dialog";
import { CloseIcon } from "../../components/icons";
import { ChevronLeftIcon, ChevronRightIcon, DownloadIcon, HeartIcon, ShareIcon, TrashIcon } from "./icons";
import { MediaImage } from "./media-image";
import { Recipe } from "./recipe";
import { SharePanel } from "./share-panel";
import { describe, KIND_LABELS } from "./view";
import "./lightbox.css";
import { trackFeature } from "../../lib/usage";

export interface LightboxProps {
  items: MediaView[];
  index: number;
  hasMore: boolean;
  onIndex: (index: number) => void;
  onLoadMore: () => Promise<void>;
  onClose: () => void;
  onFavorite: (media: MediaView) => void;
  onDelete: (media: MediaView) => void;
}

/** Keys typed into a field or a focused video player belong to it, not to the lightbox. */
function ownsArrowKeys(target: EventTarget | null): boolean {
  return target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement || target instanceof HTMLVideoElement;
}

/** The full image or a seekable video, with its recipe and actions; ← and → step through the gallery. */
export function Lightbox(props: LightboxProps) {
  const dialog = useModal();
  const [sharing, setSharing] = useState(false);
  const media = props.items[props.index];

  useEffect(() => setSharing(false), [media?.id]);

  const last = props.index >= props.items.length - 1;
  const previous = () => props.index > 0 && props.onIndex(props.index - 1);
  const next = () => {
    if (!last) props.onIndex(props.index + 1);
    else if (props.hasMore) void props.onLoadMore().then(() => props.onIndex(props.index + 1));
  };
  // Listened for on the document: stepping can disable the focused arrow button, which drops focus to <body>.
  const keys = useRef<(event: KeyboardEvent) => void>(() => undefined);
  keys.current = (event) => {
    if (ownsArrowKeys(event.target) || !dialog.current?.open) return;
    if (event.key === "ArrowLeft") previous();
    else if (event.key === "ArrowRight") next();
    else return;
    event.preventDefault();
  };
  useEffect(() => {
    const listener = (event: KeyboardEvent) => keys.current(event);
    document.addEventListener("keydown", listener);
    return () => document.removeEventListener("keydown", listener);
  }, []);

  if (!media) return null;
  const label = describe(media);

  return (
    <dialog ref={dialog} class="lightbox" aria-label={`${KIND_LABELS[media.kind]}: ${label}`} onClose={props.onClose}>
      <div class="lightbox-stage">
        {media.kind === "video" ? (
          <video key={media.id} class="lightbox-media" src={media.url} poster={media.thumbnailUrl} controls preload="metadata" playsinline>
            {label}
          </video>
        ) : (
          <MediaImage key={media.id} class="lightbox-media" src={media.url} alt={label} width={media.width} height={media.height} />
        )}
        <button type="button" class="lightbox-nav lightbox-prev" aria-label="Previous" onClick={previous} disabled={props.index === 0}>
          <ChevronLeftIcon size={24} />
        </button>
        <button type="button" class="lightbox-nav lightbox-next" aria-label="Next" onClick={next} disabled={last && !props.hasMore}>
          <ChevronRightIcon size={24} />
        </button>
      </div>
      <aside class="lightbox-side">
        <header class="lightbox-header">
          <h2 class="lightbox-title">
            {KIND_LABELS[media.kind]}
            {media.kind !== "upload" ? <AiLabel /> : null}
          </h2>
          <button type="button" class="icon-btn" aria-label="Close" autofocus onClick={() => dialog.current?.close()}>
            <CloseIcon />
          </button>
        </header>
        <Recipe media={media} />
        <div class="lightbox-actions">
          <button
            type="button"
            class="btn btn-secondary"
            aria-pressed={media.favorite ? "true" : "false"}
            onClick={() => props.onFavorite(media)}
          >
            <HeartIcon filled={media.favorite} />
            {media.favorite ? "Favorited" : "Favorite"}
          </button>
          <a class="btn btn-secondary" href={`${media.url}?download=1`} download onClick={() => trackFeature("download")}>
            <DownloadIcon />
            Download
          </a>
          {media.jobId ? (
            <a class="btn btn-secondary" href={`/create?from=${encodeURIComponent(media.jobId)}`}>
              Reuse settings
            </a>
          ) : null}
          {media.kind !== "video" ? (
            <a class="btn btn-secondary" href={`/create?reference=${encodeURIComponent(media.id)}`}>
              Use as reference
            </a>
          ) : null}
          <button type="button" class="btn btn-secondary" aria-expanded={sharing ? "true" : "false"} onClick={() => setSharing(!sharing)}>
            <ShareIcon />
            Share link
          </button>
          <button type="button" class="btn btn-danger" onClick={() => props.onDelete(media)}>
            <TrashIcon />
            Delete
          </button>
        </div>
        {sharing ? <SharePanel mediaId={media.id} canShowPrompt={media.kind !== "upload" && Boolean(media.prompt)} /> : null}
      </aside>
    </dialog>
  );
}
