import { useRef, useState } from "hono/jsx/dom";
import type { MediaView } from "../../../../shared/media";
import { UPLOAD_CONTENT_TYPES, UPLOAD_MAX_BYTES } from "../../../../shared/media-limits";
import { CloseIcon, UploadIcon } from "../../components/icons";
import { errorMessage } from "../../lib/api-error";
import { precheck, uploadFile } from "./upload";
import "./uploads.css";

type Progress = { key: number; name: string } & (
  | { status: "uploading"; fraction: number; abort: AbortController }
  | { status: "done"; media: MediaView }
  | { status: "error"; message: string }
);

export interface UploadAreaProps {
  /** Called once per stored image, with the server's view of it. */
  onUploaded?: (media: MediaView) => void;
  /** Allow several files at once (default true). */
  multiple?: boolean;
  /** The visible heading of the area (default "Upload images"). */
  label?: string;
}

let nextKey = 1;
const percent = (fraction: number) => `${Math.round(fraction * 100)}%`;

/** A file name as stem and extension, so a long name is shortened in its middle and keeps its type. */
function nameParts(name: string): { stem: string; ext: string } {
  const dot = name.lastIndexOf(".");
  return dot > 0 && name.length - dot <= 6 ? { stem: name.slice(0, dot), ext: name.slice(dot) } : { stem: name, ext: "" };
}

/** One file as a chip: its name, progress or outcome, and × to cancel it or put it away. */
function UploadChip(props: { item: Progress; onDismiss: () => void }) {
  const { item } = props;
  const { stem, ext } = nameParts(item.name);
  return (
    <li class={`upload-chip upload-chip-${item.status}`}>
      <span class="upload-chip-row">
        <span class="upload-chip-name" title={item.name}>
          <span class="upload-chip-stem">{stem}</span>
          <span class="upload-chip-ext">{ext}</span>
        </span>
        {item.status === "uploading" ? <span class="upload-chip-state">{percent(item.fraction)}</span> : null}
        {item.status === "done" ? <span class="upload-chip-state upload-status">Uploaded</span> : null}
        <button
          type="button"
          class="upload-chip-remove"
          aria-label={`${item.status === "uploading" ? "Cancel upload" : "Dismiss"}: ${item.name}`}
          onClick={props.onDismiss}
        >
          <CloseIcon size={14} />
        </button>
      </span>
      {item.status === "uploading" ? (
        <progress class="upload-progress" max={1} value={item.fraction} aria-label={`Uploading ${item.name}`}>
          {percent(item.fraction)}
        </progress>
      ) : null}
      {item.status === "error" ? (
        <span class="upload-chip-message" role="alert">
          {item.message}
        </span>
      ) : null}
    </li>
  );
}

/**
 * Drag-and-drop or pick images to upload, with per-file progress and plain-words errors. Used by
 * the Gallery and embedded in the Create page (for reference images) through `onUploaded`.
 */
export function UploadArea(props: UploadAreaProps) {
  const [items, setItems] = useState<Progress[]>([]);
  const [dragging, setDragging] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const multiple = props.multiple ?? true;

  // A finished or failed upload may be gone already (dismissed, or cleared by a new choice).
  const update = (key: number, next: Progress) => setItems((list) => list.map((item) => (item.key === key ? next : item)));
  const dismiss = (item: Progress) => {
    if (item.status === "uploading") item.abort.abort();
    setItems((list) => list.filter((other) => other.key !== item.key));
  };

  const start = (file: File) => {
    const key = nextKey++;
    const refused = precheck(file);
    if (refused) {
      setItems((list) => [...list, { key, name: file.name, status: "error", message: refused }]);
      return;
    }
    const abort = new AbortController();
    setItems((list) => [...list, { key, name: file.name, status: "uploading", fraction: 0, abort }]);
    uploadFile(file, {
      signal: abort.signal,
      onProgress: (fraction) => update(key, { key, name: file.name, status: "uploading", fraction, abort }),
    })
      .then((media) => {
        update(key, { key, name: file.name, status: "done", media });
        props.onUploaded?.(media);
      })
      .catch((error: unknown) => {
        if (abort.signal.aborted) return;
        const message = errorMessage(error, "The upload did not finish.");
        update(key, { key, name: file.name, status: "error", message });
      });
  };

  const accept = (files: FileList | null | undefined) => {
    const list = [...(files ?? [])];
    if (list.length === 0) return;
    // A new choice settles the last one: its outcomes (shown in the gallery, or fixed by trying again) go.
    setItems((previous) => previous.filter((item) => item.status === "uploading"));
    for (const file of multiple ? list : list.slice(0, 1)) start(file);
  };

  return (
    <section
      class={`upload-area${dragging ? " upload-area-dragging" : ""}`}
      aria-label={props.label ?? "Upload images"}
      onDragEnter={(event: DragEvent) => {
        event.preventDefault();
        setDragging(true);
      }}
      onDragOver={(event: DragEvent) => event.preventDefault()}
      onDragLeave={(event: DragEvent) => {
        if (!(event.currentTarget as Element).contains(event.relatedTarget as Node | null)) setDragging(false);
      }}
      onDrop={(event: DragEvent) => {
        event.preventDefault();
        setDragging(false);
        accept(event.dataTransfer?.files);
      }}
    >
      <div class="upload-drop">
        <UploadIcon size={28} />
        <p class="upload-title">{props.label ?? "Upload images"}</p>
        <p class="upload-hint">
          Drop {multiple ? "images" : "an image"} here, or{" "}
          <button type="button" class="btn btn-secondary btn-small" onClick={() => input.current?.click()}>
            choose {multiple ? "files" : "a file"}
          </button>
        </p>
        <p class="upload-hint muted">PNG, JPEG or WebP, up to {UPLOAD_MAX_BYTES / (1024 * 1024)} MB each.</p>
        {/* biome-ignore lint/a11y/noAriaHiddenOnFocusable: the visible "choose files" button opens this input; it is out of the tab order so it must not be announced twice */}
        <input
          ref={input}
          type="file"
          class="visually-hidden"
          tabindex={-1}
          aria-hidden="true"
          accept={UPLOAD_CONTENT_TYPES.join(",")}
          multiple={multiple}
          onChange={(event: Event) => {
            const target = event.currentTarget as HTMLInputElement;
            accept(target.files);
            target.value = ""; // the same file may be chosen again
          }}
        />
      </div>
      {items.length > 0 ? (
        <ul class="upload-chips" aria-live="polite">
          {items.map((item) => (
            <UploadChip key={item.key} item={item} onDismiss={() => dismiss(item)} />
          ))}
        </ul>
      ) : null}
    </section>
  );
}
