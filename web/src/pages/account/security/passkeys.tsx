import { browserSupportsWebAuthn } from "@simplewebauthn/browser";
import { useState } from "hono/jsx/dom";
import type { PasskeyView } from "../../../../../shared/passkeys";
import { passkeysApi } from "../../../api/passkeys";
import { EmptyState, ErrorState, Notice, Skeleton } from "../../../components/feedback";
import { LockIcon } from "../../../components/icons";
import { errorMessage } from "../../../lib/api";
import { useResource } from "../../../lib/resource";
import { toast } from "../../../lib/toasts";
import { AddPasskeyForm } from "./add-passkey";
import { PasskeyItem } from "./passkey-item";
import "./passkeys.css";

/**
 * Account → Security: passkeys. Add one (password, then the browser's dialog), see each with when it
 * was added and last used, rename, remove. A passkey signs in without the email, the password or
 * the authenticator code: it is both factors at once.
 */
export function PasskeysSection() {
  const [passkeys, reload, setPasskeys] = useResource(() => passkeysApi.list());
  const [adding, setAdding] = useState(false);
  const supported = browserSupportsWebAuthn();

  const remove = async (passkey: PasskeyView) => {
    try {
      await passkeysApi.remove(passkey.id);
      setPasskeys((list) => list.filter((p) => p.id !== passkey.id));
      toast({ tone: "success", title: `${passkey.name} is removed`, body: "It no longer signs you in." });
    } catch (error) {
      toast({ tone: "error", title: "Could not remove the passkey", body: errorMessage(error) });
    }
  };

  return (
    <section id="passkeys" class="card account-section" aria-labelledby="passkeys-title">
      <h2 id="passkeys-title" class="card-title">
        Passkeys
      </h2>
      <p class="card-text">
        Sign in with your fingerprint, face or device PIN instead of your email and password. A passkey counts as two-factor sign-in on its
        own, and only this device or your password manager holds it.
      </p>
      {passkeys.kind === "loading" ? <Skeleton lines={2} /> : null}
      {passkeys.kind === "error" ? <ErrorState message={passkeys.message} onRetry={() => void reload()} /> : null}
      {passkeys.kind === "ready" && passkeys.value.length === 0 && !adding ? (
        <EmptyState icon={<LockIcon size={28} />} title="No passkeys yet" text="Add one to sign in without typing your password." />
      ) : null}
      {passkeys.kind === "ready" && passkeys.value.length > 0 ? (
        <ul class="device-list" aria-label="Your passkeys">
          {passkeys.value.map((passkey) => (
            <PasskeyItem
              key={passkey.id}
              passkey={passkey}
              onRenamed={(renamed) => setPasskeys((list) => list.map((p) => (p.id === renamed.id ? renamed : p)))}
              onRemove={remove}
            />
          ))}
        </ul>
      ) : null}
      {!supported ? (
        <Notice tone="info" title="This browser cannot use passkeys" />
      ) : adding ? (
        <AddPasskeyForm
          onAdded={(passkey) => {
            setPasskeys((list) => [...list, passkey]);
            setAdding(false);
            toast({ tone: "success", title: "Passkey added", body: `${passkey.name} now signs you in.` });
          }}
          onCancel={() => setAdding(false)}
        />
      ) : (
        <div class="form-footer">
          <button type="button" class="btn btn-primary" onClick={() => setAdding(true)}>
            <LockIcon size={16} /> Add a passkey
          </button>
        </div>
      )}
    </section>
  );
}
