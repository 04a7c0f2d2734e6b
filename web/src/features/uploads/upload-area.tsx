import { useRef, useState } from "hono/jsx/dom";
import type { MediaView } from "../../../../shared/media";
import { UPLOAD_CONTENT_TYPES, UPLOAD_MAX_BYTES } from "../../../../shared/media-limits";
import { UploadIcon } from "../../components/icons";
import { errorMessage } from "../../lib/api-error";
import { precheck, uploadFile } from "./upload";
import "./uploads.css";

type Progress = { key: number; name: string } & (
  | { status: "uploading"; fraction: number }
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

/**
 * Drag-and-drop or pick images to upload, with per-file progress and plain-words errors. Used by
 * the Gallery and embedded in the Create page (for reference images) through `onUploaded`.
 */
export function UploadArea(props: UploadAreaProps) {
  const [items, setItems] = useState<Progress[]>([]);
  const [dragging, setDragging] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const multiple = props.multiple ?? true;

  const update = (key: number, next: Progress) => setItems((list) => list.map((item) => (item.key === key ? next : item)));

  const start = (file: File) => {
    const key = nextKey++;
    const refused = precheck(file);
    if (refused) {
      setItems((list) => [...list, { key, name: file.name, status: "error", message: refused }]);
      return;
    }
    setItems((list) => [...list, { key, name: file.name, status: "uploading", fraction: 0 }]);
    uploadFile(file, { onProgress: (fraction) => update(key, { key, name: file.name, status: "uploading", fraction }) })
      .then((media) => {
        update(key, { key, name: file.name, status: "done", media });
        props.onUploaded?.(media);
      })
      .catch((error: unknown) => {
        const message = errorMessage(error, "The upload did not finish.");
        update(key, { key, name: file.name, status: "error", message });
      });
  };

  const accept = (files: FileList | null | undefined) => {
    const list = [...(files ?? [])];
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
        <ul class="upload-list" aria-live="polite">
          {items.map((item) => (
            <li key={item.key} class={`upload-item upload-item-${item.status}`}>
              <span class="upload-name">{item.name}</span>
              {item.status === "uploading" ? (
                <progress class="upload-progress" max={1} value={item.fraction} aria-label={`Uploading ${item.name}`}>
                  {percent(item.fraction)}
                </progress>
              ) : null}
              {item.status === "done" ? <span class="upload-status">Uploaded</span> : null}
              {item.status === "error" ? (
                <span class="upload-status upload-error" role="alert">
                  {item.message}
                </span>
              ) : null}
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
