import { useRef, useState } from "hono/jsx/dom";
import { API_KEYS_MAX } from "../../../../shared/developer-limits";
import type { ApiKeyView, CreatedApiKeyResponse } from "../../../../shared/developers";
import { developersApi } from "../../api/developers";
import { EmptyState, ErrorState, Skeleton } from "../../components/feedback";
import { errorMessage } from "../../lib/api";
import { useResource } from "../../lib/resource";
import { toast } from "../../lib/toasts";
import { ConfirmDialog } from "../gallery/confirm-dialog";
import { KeyForm } from "./key-form";
import { KeyTable } from "./key-table";
import { NewSecret } from "./new-secret";

/**
 * Account → Developers → API keys: the form (or, right after creating, the secret shown once), the
 * live keys, and revoking one behind a confirmation.
 */
export function ApiKeysSection() {
  const [keys, reload, setKeys] = useResource(() => developersApi.keys());
  const [created, setCreated] = useState<CreatedApiKeyResponse | null>(null);
  /** Whether the form is back after a secret was put away (then it takes focus; on first load it does not). */
  const [returned, setReturned] = useState(false);
  const [revoking, setRevoking] = useState<ApiKeyView | null>(null);
  const [busy, setBusy] = useState(false);
  const [revokeError, setRevokeError] = useState<string | null>(null);
  const listTitle = useRef<HTMLHeadingElement>(null);

  const onCreated = (result: CreatedApiKeyResponse) => {
    setKeys((list) => [result.key, ...list]);
    setCreated(result);
  };
  const closeDialog = () => {
    setRevoking(null);
    setRevokeError(null);
  };
  const confirmRevoke = async () => {
    if (!revoking) return;
    setBusy(true);
    try {
      await developersApi.revokeKey(revoking.id);
      setKeys((list) => list.filter((k) => k.id !== revoking.id));
      toast({ tone: "success", title: `${revoking.name} is revoked`, body: "Programs using it are refused from their next request." });
      closeDialog();
      // The row and its Revoke button are gone; the list's heading is where the person was.
      requestAnimationFrame(() => listTitle.current?.focus());
    } catch (error) {
      setRevokeError(errorMessage(error, "Could not revoke the key. Please try again."));
    } finally {
      setBusy(false);
    }
  };

  const count = keys.kind === "ready" ? keys.value.length : null;
  return (
    <section class="card account-section" aria-labelledby="api-keys-title">
      <h2 id="api-keys-title" class="card-title">
        API keys
      </h2>
      <p class="card-text">
        A key lets your own program call the Ausar API as you, with only the permissions you give it. Send it as{" "}
        <code>Authorization: Bearer &lt;key&gt;</code>. An account holds up to {API_KEYS_MAX} keys. What each route takes and answers: the{" "}
        <a href="/docs/api">API reference</a>.
      </p>
      {created ? (
        <NewSecret
          title={`${created.key.name} is ready`}
          label={`Secret of ${created.key.name}`}
          secret={created.secret}
          onDone={() => {
            setCreated(null);
            setReturned(true);
          }}
        >
          Copy this secret now. It will not be shown again: Ausar keeps only a fingerprint of it. If you lose it, revoke the key and make
          another.
        </NewSecret>
      ) : (
        <KeyForm keyCount={count} focusOnShow={returned} onCreated={onCreated} />
      )}
      <h3 ref={listTitle} id="api-key-list-title" class="key-list-title" tabindex={-1}>
        Your keys <span class="muted">{count !== null ? `· ${count} of ${API_KEYS_MAX}` : ""}</span>
      </h3>
      {keys.kind === "loading" ? <Skeleton lines={3} /> : null}
      {keys.kind === "error" ? <ErrorState message={keys.message} onRetry={() => void reload()} /> : null}
      {keys.kind === "ready" && keys.value.length === 0 ? (
        <EmptyState title="No API keys yet" text="Create one above to call Ausar from your own code; its secret is shown once." />
      ) : null}
      {keys.kind === "ready" && keys.value.length > 0 ? <KeyTable keys={keys.value} onRevoke={setRevoking} /> : null}
      {revoking ? (
        <ConfirmDialog
          title={`Revoke ${revoking.name}?`}
          text={`Programs using ${revoking.prefix}… are refused from their next request. This cannot be undone.`}
          confirmLabel="Revoke key"
          busy={busy}
          error={revokeError}
          onConfirm={() => void confirmRevoke()}
          onCancel={closeDialog}
        />
      ) : null}
    </section>
  );
}
