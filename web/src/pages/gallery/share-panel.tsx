import { useEffect, useState } from "hono/jsx/dom";
import type { ShareView } from "../../../../shared/media";
import { mediaApi } from "../../api/media";
import { errorMessage } from "../../lib/api";
import { formatDateTime } from "../../lib/format";

type Links = { status: "loading" } | { status: "ready"; links: ShareView[] } | { status: "error"; message: string };

/** A read-only address with its own Copy button (the text is selected on focus, for copying by hand). */
function CopyField(props: { id: string; label: string; value: string }) {
  const [copied, setCopied] = useState(false);
  useEffect(() => setCopied(false), [props.value]);
  return (
    <>
      <label class="field-label" for={props.id}>
        {props.label}
      </label>
      <div class="share-copy">
        <input
          id={props.id}
          class="input"
          readonly
          value={props.value}
          onFocus={(e: FocusEvent) => (e.currentTarget as HTMLInputElement).select()}
        />
        <button
          type="button"
          class="btn btn-secondary"
          aria-label={`Copy ${props.label.toLowerCase()}`}
          onClick={() => void navigator.clipboard?.writeText(props.value).then(() => setCopied(true))}
        >
          {copied ? "Copied" : "Copy"}
        </button>
      </div>
    </>
  );
}

/**
 * Makes an expiring link to one item (shown once): the public share page to paste (it previews as a
 * card) and the file itself for embedding. The prompt is on the page only if ticked. Lists live links
 * with Revoke.
 */
export function SharePanel(props: { mediaId: string; canShowPrompt: boolean }) {
  const [links, setLinks] = useState<Links>({ status: "loading" });
  const [fresh, setFresh] = useState<ShareView | null>(null);
  const [busy, setBusy] = useState(false);
  const [showPrompt, setShowPrompt] = useState(false);

  const load = () =>
    mediaApi
      .shares(props.mediaId)
      .then((list) => setLinks({ status: "ready", links: list }))
      .catch((error: unknown) => setLinks({ status: "error", message: errorMessage(error) }));
  useEffect(() => {
    setFresh(null);
    void load();
  }, [props.mediaId]);

  const create = () => {
    setBusy(true);
    mediaApi
      .share(props.mediaId, { showPrompt: props.canShowPrompt && showPrompt })
      .then((share) => {
        setFresh(share);
        return load();
      })
      .catch((error: unknown) => setLinks({ status: "error", message: errorMessage(error) }))
      .finally(() => setBusy(false));
  };

  const revoke = (shareId: string) => {
    mediaApi
      .revokeShare(props.mediaId, shareId)
      .then(() => {
        if (fresh?.id === shareId) setFresh(null);
        return load();
      })
      .catch((error: unknown) => setLinks({ status: "error", message: errorMessage(error) }));
  };

  return (
    <div class="share-panel">
      <p class="muted">Anyone with a link can view this item, without signing in, until it expires or you revoke it.</p>
      {fresh?.pageUrl && fresh.url ? (
        <div class="share-fresh">
          <p class="muted">
            New link, expires {formatDateTime(fresh.expiresAt)}.{" "}
            {fresh.showPrompt ? "The page shows the prompt." : "The page shows only the picture."}{" "}
            <a href={fresh.pageUrl} target="_blank" rel="noopener noreferrer">
              Open the page
            </a>
          </p>
          <CopyField id="share-page-url" label="Share page" value={fresh.pageUrl} />
          <CopyField id="share-file-url" label="File link, for embedding" value={fresh.url} />
        </div>
      ) : (
        <div class="share-new">
          {props.canShowPrompt ? (
            <div class="check">
              <input
                id="share-show-prompt"
                type="checkbox"
                checked={showPrompt}
                onChange={(e: Event) => setShowPrompt((e.currentTarget as HTMLInputElement).checked)}
              />
              <label for="share-show-prompt">Show the prompt on the page</label>
            </div>
          ) : null}
          <button type="button" class="btn btn-secondary" onClick={create} disabled={busy} aria-busy={busy ? "true" : undefined}>
            Create a share link
          </button>
        </div>
      )}
      {links.status === "error" ? (
        <p class="field-error" role="alert">
          {links.message}
        </p>
      ) : null}
      {links.status === "ready" && links.links.length > 0 ? (
        <ul class="share-list" aria-label="Live share links">
          {links.links.map((link) => (
            <li key={link.id} class="share-item">
              <span>Expires {formatDateTime(link.expiresAt)}</span>
              <button type="button" class="btn btn-ghost btn-small" onClick={() => revoke(link.id)}>
                Revoke
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
