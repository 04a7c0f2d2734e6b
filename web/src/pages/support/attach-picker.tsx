import { useEffect, useState } from "hono/jsx/dom";
import type { CreateThreadBody } from "../../../../shared/support";
import { generationApi } from "../../api/generation";
import { mediaApi } from "../../api/media";
import { FieldError } from "../../components/field";
import { text } from "../../lib/form";
import { formatDate } from "../../lib/format";

const RECENT = 8;
const PASTE = "paste";

interface Choice {
  value: string;
  label: string;
}

type Recent = { kind: "loading" } | { kind: "failed" } | { kind: "ready"; jobs: Choice[]; media: Choice[] };

const short = (prompt: string | undefined) => {
  const trimmed = (prompt ?? "").trim();
  return trimmed.length > 48 ? `${trimmed.slice(0, 47)}…` : trimmed || "No prompt";
};

const MEDIA_KIND = { upload: "Upload", image: "Image", video: "Video" } as const;

/** The person's newest generations and gallery items, as choices (failures leave pasting an id). */
async function loadRecent(): Promise<Recent> {
  const [jobs, media] = await Promise.all([
    generationApi.list({ limit: RECENT }),
    mediaApi.list({ kind: "all", favorite: false, q: "" }, RECENT),
  ]);
  return {
    kind: "ready",
    jobs: jobs.items.map((j) => ({ value: `job:${j.id}`, label: `${short(j.prompt)} · ${j.model} · ${formatDate(j.createdAt)}` })),
    media: media.items.map((m) => ({
      value: `media:${m.id}`,
      label: `${MEDIA_KIND[m.kind]} · ${m.kind === "upload" ? formatDate(m.createdAt) : `${short(m.prompt)} · ${formatDate(m.createdAt)}`}`,
    })),
  };
}

/** The attachment the form names: a recent item, a pasted id, or none. */
export function attachmentOf(data: FormData): CreateThreadBody["attachment"] {
  const choice = text(data, "attach");
  if (choice === PASTE) {
    const id = text(data, "attachId").trim();
    return id ? { kind: text(data, "attachKind") === "media" ? "media" : "job", id } : undefined;
  }
  const [kind, id] = choice.split(":");
  return (kind === "job" || kind === "media") && id ? { kind, id } : undefined;
}

/**
 * Optionally attach one of the person's own generations or gallery items: a short list of the
 * newest, or an id pasted from elsewhere. The server checks the item is theirs.
 */
export function AttachPicker(props: { error?: string | undefined }) {
  const [recent, setRecent] = useState<Recent>({ kind: "loading" });
  const [choice, setChoice] = useState("");
  useEffect(() => {
    loadRecent().then(setRecent, () => setRecent({ kind: "failed" }));
  }, []);
  const errorId = "support-attach-error";
  return (
    <fieldset class={`field attach-picker${props.error ? " field-invalid" : ""}`}>
      <legend class="field-label">Attach a generation or gallery item (optional)</legend>
      <select
        class="input"
        name="attach"
        aria-label="Item to attach"
        aria-describedby={props.error ? errorId : undefined}
        value={choice}
        onChange={(event: Event) => setChoice((event.currentTarget as HTMLSelectElement).value)}
      >
        <option value="">Nothing attached</option>
        {recent.kind === "ready" && recent.jobs.length ? (
          <optgroup label="Recent generations">
            {recent.jobs.map((c) => (
              <option key={c.value} value={c.value}>
                {c.label}
              </option>
            ))}
          </optgroup>
        ) : null}
        {recent.kind === "ready" && recent.media.length ? (
          <optgroup label="Recent gallery items">
            {recent.media.map((c) => (
              <option key={c.value} value={c.value}>
                {c.label}
              </option>
            ))}
          </optgroup>
        ) : null}
        <option value={PASTE}>Paste an id…</option>
      </select>
      {recent.kind === "loading" ? <p class="field-hint">Loading your recent items…</p> : null}
      {recent.kind === "failed" ? <p class="field-hint">Your recent items did not load; you can still paste an id.</p> : null}
      {choice === PASTE ? (
        <div class="attach-paste">
          <label class="field-label">
            Kind
            <select class="input" name="attachKind">
              <option value="job">Generation</option>
              <option value="media">Gallery item</option>
            </select>
          </label>
          <label class="field-label">
            Id
            <input class="input mono" name="attachId" required maxLength={64} autocomplete="off" spellcheck={false} />
          </label>
        </div>
      ) : null}
      <p class="field-hint">
        Support staff will see the attached item: its prompt and settings, and for a gallery item the picture or video itself. Nothing else
        from your gallery is shared.
      </p>
      <FieldError id={errorId} error={props.error} />
    </fieldset>
  );
}
