import { useEffect, useRef, useState } from "hono/jsx/dom";
import type { GalleryFilter } from "./gallery-api";
import { HeartIcon, SearchIcon } from "./icons";
import { TILE_SIZES, type TileSize } from "./tile-size";

const KINDS: { value: GalleryFilter["kind"]; label: string }[] = [
  { value: "all", label: "All" },
  { value: "image", label: "Images" },
  { value: "video", label: "Videos" },
  { value: "upload", label: "Uploads" },
];

/** Search waits for a pause in typing so that each keystroke does not fetch a page. */
const SEARCH_DELAY_MS = 300;

interface ToolbarProps {
  filter: GalleryFilter;
  onChange: (filter: GalleryFilter) => void;
  size: TileSize;
  onSize: (size: TileSize) => void;
}

/** Kind, favorites, prompt search and the tile size. */
export function Toolbar(props: ToolbarProps) {
  const [text, setText] = useState(props.filter.q);
  const input = useRef<HTMLInputElement>(null);
  // The address can change the search under the field (Back, a link); while typing, the field leads.
  useEffect(() => {
    if (document.activeElement !== input.current) setText(props.filter.q);
  }, [props.filter.q]);
  useEffect(() => {
    if (text === props.filter.q) return;
    const timer = setTimeout(() => props.onChange({ ...props.filter, q: text }), SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [text]);

  return (
    <div class="gallery-toolbar">
      <fieldset class="segmented">
        <legend class="visually-hidden">Show</legend>
        {KINDS.map((kind) => (
          <label key={kind.value} class="segmented-option">
            <input
              type="radio"
              name="gallery-kind"
              value={kind.value}
              checked={props.filter.kind === kind.value}
              onChange={() => props.onChange({ ...props.filter, kind: kind.value })}
            />
            {kind.label}
          </label>
        ))}
      </fieldset>
      <button
        type="button"
        class={`btn btn-secondary gallery-favorites${props.filter.favorite ? " gallery-favorites-on" : ""}`}
        aria-pressed={props.filter.favorite ? "true" : "false"}
        onClick={() => props.onChange({ ...props.filter, favorite: !props.filter.favorite })}
      >
        <HeartIcon filled={props.filter.favorite} />
        Favorites
      </button>
      {/* biome-ignore lint/a11y/useSemanticElements: hono/jsx has no <search> element type; role="search" on the form is the ARIA equivalent */}
      <form
        class="gallery-search"
        role="search"
        onSubmit={(event: Event) => {
          event.preventDefault();
          props.onChange({ ...props.filter, q: text });
        }}
      >
        <SearchIcon />
        <input
          ref={input}
          class="input"
          type="search"
          name="q"
          placeholder="Search prompts"
          aria-label="Search prompts"
          maxlength={200}
          value={text}
          onInput={(event: Event) => setText((event.currentTarget as HTMLInputElement).value)}
        />
      </form>
      <fieldset class="segmented segmented-compact gallery-size">
        <legend class="visually-hidden">Tile size</legend>
        {TILE_SIZES.map((option) => (
          <label key={option.value} class="segmented-option">
            <input
              type="radio"
              name="gallery-size"
              value={option.value}
              checked={props.size === option.value}
              onChange={() => props.onSize(option.value)}
            />
            {option.label}
          </label>
        ))}
      </fieldset>
    </div>
  );
}
