import { useEffect, useState } from "hono/jsx/dom";
import type { ShareView } from "../../../../shared/media";
import { mediaApi } from "../../api/media";
import { errorMessage } from "../../lib/api";
import { formatDateTime } from "../../lib/format";

type Links = { status: "loading" } | { status: "ready"; links: ShareView[] } | { status: "error"; message: string };

/** Makes an expiring link to one item (shown once, with Copy), and lists live links with Revoke. */
export function SharePanel(props: { mediaId: string }) {
  const [links, setLinks] = useState<Links>({ status: "loading" });
  const [fresh, setFresh] = useState<ShareView | null>(null);
  const [busy, setBusy] = useState(false);
  const [copied, setCopied] = useState(false);

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
      .share(props.mediaId)
      .then((share) => {
        setFresh(share);
        setCopied(false);
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
      {fresh?.url ? (
        <div class="share-fresh">
          <label class="field-label" for="share-url">
            New link (expires {formatDateTime(fresh.expiresAt)})
          </label>
          <div class="share-copy">
            <input
              id="share-url"
              class="input"
              readonly
              value={fresh.url}
              onFocus={(e: FocusEvent) => (e.currentTarget as HTMLInputElement).select()}
            />
            <button
              type="button"
              class="btn btn-secondary"
              onClick={() => void navigator.clipboard?.writeText(fresh.url ?? "").then(() => setCopied(true))}
            >
              {copied ? "Copied" : "Copy"}
            </button>
          </div>
        </div>
      ) : (
        <button type="button" class="btn btn-secondary" onClick={create} disabled={busy} aria-busy={busy ? "true" : undefined}>
          Create a share link
        </button>
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
