import type { MediaView } from "../../../../shared/media";
import { AiLabel } from "../../components/ai-label";
import { trackFeature } from "../../lib/usage";
import { DownloadIcon, HeartIcon, PlayIcon, TrashIcon } from "./icons";
import { MediaImage } from "./media-image";
import { type TileSize, tileAspect } from "./tile-size";
import { tileCandidates, tileSlot } from "./tile-sources";
import { describe, formatDuration } from "./view";

export interface TileProps {
  media: MediaView;
  size: TileSize;
  selecting: boolean;
  selected: boolean;
  onOpen: () => void;
  onToggleSelect: () => void;
  onFavorite: () => void;
  onDelete: () => void;
}

/**
 * The preview, in the item's own shape. An image is `<img src=url>` whose `srcset`/`sizes` let the
 * browser fetch the thumbnail for the tile; a video shows its poster (a grid of `<video>` elements would
 * be heavy), or without one a quiet placeholder with its length.
 */
function Preview(props: { media: MediaView; size: TileSize }) {
  const { media } = props;
  const label = describe(media);
  if (media.kind !== "video") {
    const srcset = tileCandidates(media);
    return (
      <MediaImage
        class="tile-image"
        src={media.url}
        srcset={srcset}
        sizes={tileSlot(media, props.size)}
        alt={label}
        width={media.width}
        height={media.height}
        lazy
      />
    );
  }
  if (media.thumbnailUrl)
    return <MediaImage class="tile-image" src={media.thumbnailUrl} alt={label} width={media.width} height={media.height} lazy />;
  return (
    <span class="tile-placeholder" role="img" aria-label={label}>
      <PlayIcon size={28} />
      {media.durationMs ? <span>{formatDuration(media.durationMs)}</span> : null}
    </span>
  );
}

/**
 * One gallery tile, as wide as its shape needs at the row's height (`--aspect`, read by gallery.css):
 * opens the lightbox (or toggles selection), with favorite (a toggle), download and delete on hover or focus, each named with the item so a screen reader list of buttons tells them apart.
 */
export function MediaTile(props: TileProps) {
  const { media } = props;
  const label = describe(media);
  return (
    // A style property rather than an attribute: the CSP allows no inline style attributes.
    <li class={`tile${props.selected ? " tile-selected" : ""}`} data-media-id={media.id} style={{ "--aspect": String(tileAspect(media)) }}>
      <button
        type="button"
        class="tile-open"
        aria-label={props.selecting ? `${props.selected ? "Deselect" : "Select"}: ${label}` : `Open: ${label}`}
        aria-pressed={props.selecting ? (props.selected ? "true" : "false") : undefined}
        onClick={props.selecting ? props.onToggleSelect : props.onOpen}
      >
        <Preview media={media} size={props.size} />
      </button>
      {media.kind !== "upload" ? <AiLabel class="tile-ai-label" compact /> : null}
      {media.kind === "video" ? (
        <span class="tile-badge" aria-hidden="true">
          <PlayIcon size={12} />
          {media.durationMs ? formatDuration(media.durationMs) : "Video"}
        </span>
      ) : null}
      {props.selecting ? (
        <span class="tile-check" aria-hidden="true">
          {props.selected ? "✓" : ""}
        </span>
      ) : (
        <div class="tile-actions">
          <button
            type="button"
            class={`tile-action${media.favorite ? " tile-action-on" : ""}`}
            aria-label={`Favorite: ${label}`}
            aria-pressed={media.favorite ? "true" : "false"}
            onClick={props.onFavorite}
          >
            <HeartIcon filled={media.favorite} />
          </button>
          <a
            class="tile-action"
            href={`${media.url}?download=1`}
            download
            onClick={() => trackFeature("download")}
            aria-label={`Download: ${label}`}
          >
            <DownloadIcon />
          </a>
          <button type="button" class="tile-action" aria-label={`Delete: ${label}`} onClick={props.onDelete}>
            <TrashIcon />
          </button>
        </div>
      )}
    </li>
  );
}
