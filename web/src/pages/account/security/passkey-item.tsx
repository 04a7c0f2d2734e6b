import { useState } from "hono/jsx/dom";
import type { PasskeyView } from "../../../../../shared/passkeys";
import { passkeysApi } from "../../../api/passkeys";
import { Notice } from "../../../components/feedback";
import { Field, SubmitButton } from "../../../components/field";
import { LockIcon } from "../../../components/icons";
import { text, useApiForm } from "../../../lib/form";
import { formatDate, formatDateTime, formatRelative } from "../../../lib/format";

/** One passkey: its name, when it was added and last used; rename in place, remove after a confirmation. */
export function PasskeyItem(props: {
  passkey: PasskeyView;
  onRenamed: (p: PasskeyView) => void;
  onRemove: (p: PasskeyView) => Promise<void>;
}) {
  const p = props.passkey;
  const [mode, setMode] = useState<"view" | "rename" | "confirm">("view");
  const [removing, setRemoving] = useState(false);
  const rename = useApiForm((data) => passkeysApi.rename(p.id, text(data, "name")), {
    fields: ["name"],
    onSuccess: (renamed) => {
      props.onRenamed(renamed);
      setMode("view");
    },
  });
  const remove = async () => {
    setRemoving(true);
    try {
      await props.onRemove(p);
    } finally {
      setRemoving(false);
    }
  };

  if (mode === "rename") {
    return (
      <li class="device passkey-row" data-testid="passkey">
        <form class="passkey-rename" noValidate onSubmit={rename.onSubmit}>
          {rename.formError ? <Notice tone="error" title={rename.formError} /> : null}
          <Field
            label={`New name for ${p.name}`}
            name="name"
            defaultValue={p.name}
            maxLength={60}
            required
            autofocus
            error={rename.fieldError("name")}
          />
          <SubmitButton pending={rename.pending} pendingLabel="Saving…" class="btn-small">
            Save
          </SubmitButton>
          <button type="button" class="btn btn-ghost btn-small" onClick={() => setMode("view")}>
            Cancel
          </button>
        </form>
      </li>
    );
  }

  return (
    <li class="device passkey-row" data-testid="passkey">
      <LockIcon />
      <div class="device-text">
        <p class="device-name">
          {p.name} {p.backedUp ? <span class="badge">Synced</span> : null}
        </p>
        <p class="device-meta">
          Added <time datetime={new Date(p.createdAt).toISOString()}>{formatDate(p.createdAt)}</time> ·{" "}
          {p.lastUsedAt === null ? (
            "never used to sign in"
          ) : (
            <>
              last used{" "}
              <time datetime={new Date(p.lastUsedAt).toISOString()} title={formatDateTime(p.lastUsedAt)}>
                {formatRelative(p.lastUsedAt)}
              </time>
            </>
          )}
        </p>
      </div>
      <div class="passkey-actions">
        {mode === "confirm" ? (
          <>
            <button type="button" class="btn btn-danger btn-small" disabled={removing} onClick={() => void remove()}>
              {removing ? "Removing…" : `Remove ${p.name}`}
            </button>
            <button type="button" class="btn btn-ghost btn-small" onClick={() => setMode("view")}>
              Keep it
            </button>
          </>
        ) : (
          <>
            <button type="button" class="btn btn-secondary btn-small" onClick={() => setMode("rename")} aria-label={`Rename ${p.name}`}>
              Rename
            </button>
            <button type="button" class="btn btn-secondary btn-small" onClick={() => setMode("confirm")} aria-label={`Remove ${p.name}…`}>
              Remove
            </button>
          </>
        )}
      </div>
    </li>
  );
}
