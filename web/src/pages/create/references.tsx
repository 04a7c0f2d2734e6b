import { useEffect, useState } from "hono/jsx/dom";
import type { ModelView } from "../../../../shared/generation";
import type { MediaView } from "../../../../shared/media";
import { mediaApi } from "../../api/media";
import { CloseIcon } from "../../components/icons";
import { UploadArea } from "../../features/uploads/upload-area";

type Library = { kind: "loading" } | { kind: "error" } | { kind: "ready"; items: MediaView[] };

export interface ReferencesProps {
  model: ModelView;
  selected: string[];
  onChange: (ids: string[]) => void;
  /** Pictures to list even if they are not uploads (a generated image chosen as reference). */
  extra: MediaView[];
  error?: string;
}

/** Reference images for models that take them: pick from your uploads, or upload new ones here. */
export function References(props: ReferencesProps) {
  const [library, setLibrary] = useState<Library>({ kind: "loading" });
  const max = props.model.inputs.max;

  const load = () => {
    setLibrary({ kind: "loading" });
    mediaApi.uploads().then(
      (items) => setLibrary({ kind: "ready", items }),
      () => setLibrary({ kind: "error" }),
    );
  };
  useEffect(load, []);

  const items = [...props.extra, ...(library.kind === "ready" ? library.items : [])].filter(
    (item, i, all) => all.findIndex((other) => other.id === item.id) === i,
  );
  const toggle = (id: string) => {
    if (props.selected.includes(id)) props.onChange(props.selected.filter((s) => s !== id));
    else if (props.selected.length < max) props.onChange([...props.selected, id]);
    else if (max === 1) props.onChange([id]);
  };

  return (
    <fieldset class="option-group references">
      <legend class="field-label">
        Reference {max === 1 ? "image" : `images (up to ${max})`}
        {props.model.inputs.min > 0 ? "" : " — optional"}
      </legend>
      {library.kind === "loading" ? <p class="muted">Loading your uploads…</p> : null}
      {library.kind === "error" ? (
        <p class="muted">
          Your uploads did not load.{" "}
          <button type="button" class="btn btn-ghost btn-small" onClick={load}>
            Try again
          </button>
        </p>
      ) : null}
      {items.length > 0 ? (
        <ul class="reference-grid">
          {items.map((item) => {
            const chosen = props.selected.includes(item.id);
            const name = item.prompt ?? "your upload";
            // The picture is a toggle (pressed = in use); a chosen one also shows × that only removes it.
            return (
              <li key={item.id} class="reference-item">
                <button
                  type="button"
                  class={`reference-tile${chosen ? " reference-tile-chosen" : ""}`}
                  aria-pressed={chosen ? "true" : "false"}
                  aria-label={`Use as reference: ${name}`}
                  onClick={() => toggle(item.id)}
                >
                  <img src={item.thumbnailUrl ?? item.url} alt="" width={item.width} height={item.height} loading="lazy" />
                </button>
                {chosen ? (
                  <button
                    type="button"
                    class="reference-remove"
                    aria-label={`Remove reference: ${name}`}
                    onClick={() => props.onChange(props.selected.filter((s) => s !== item.id))}
                  >
                    <CloseIcon size={14} />
                  </button>
                ) : null}
              </li>
            );
          })}
        </ul>
      ) : null}
      <UploadArea
        label="Upload a reference"
        multiple={max > 1}
        onUploaded={(media) => {
          setLibrary((l) => (l.kind === "ready" ? { kind: "ready", items: [media, ...l.items] } : { kind: "ready", items: [media] }));
          if (props.selected.length < max) props.onChange([...props.selected, media.id]);
        }}
      />
      {props.error ? <p class="field-error">{props.error}</p> : null}
    </fieldset>
  );
}
