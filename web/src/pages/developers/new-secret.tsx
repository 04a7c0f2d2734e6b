import { useEffect, useRef, useState } from "hono/jsx/dom";
import type { CreatedApiKeyResponse } from "../../../../shared/developers";
import { CheckIcon } from "../../components/icons";

/**
 * The new key's secret, the only time it is shown (the API keeps only its hash). Focus lands on the
 * field with the secret selected, so Ctrl/⌘+C copies it straight away. A textarea, so that on a phone
 * the whole secret wraps into view instead of scrolling inside a one-line input.
 */
export function NewSecret(props: { created: CreatedApiKeyResponse; onDone: () => void }) {
  const field = useRef<HTMLTextAreaElement>(null);
  const [copied, setCopied] = useState<"idle" | "copied" | "failed">("idle");
  useEffect(() => {
    field.current?.focus();
    field.current?.select();
  }, []);
  const copy = () => {
    navigator.clipboard
      .writeText(props.created.secret)
      .then(() => setCopied("copied"))
      .catch(() => setCopied("failed"));
  };
  return (
    <div class="new-secret" data-testid="new-secret">
      <p class="new-secret-title">
        <CheckIcon size={16} /> {props.created.key.name} is ready
      </p>
      <p class="new-secret-warning" id="new-secret-warning">
        Copy this secret now. It will not be shown again: Ausar keeps only a fingerprint of it. If you lose it, revoke the key and make
        another.
      </p>
      <label class="field-label" for="new-secret-value">
        Secret of {props.created.key.name}
      </label>
      <div class="row new-secret-row">
        <textarea
          ref={field}
          id="new-secret-value"
          class="input new-secret-value"
          rows={1}
          readonly
          spellcheck={false}
          autocomplete="off"
          value={props.created.secret}
          aria-describedby="new-secret-warning"
          onFocus={(e: FocusEvent) => (e.target as HTMLTextAreaElement).select()}
        />
        <button type="button" class="btn btn-secondary" onClick={copy}>
          Copy secret
        </button>
      </div>
      <p class="muted new-secret-copied" role="status">
        {copied === "copied" ? "Secret copied." : copied === "failed" ? "Copy did not work; select the secret and copy it." : ""}
      </p>
      <div class="form-footer">
        <button type="button" class="btn btn-primary" onClick={props.onDone}>
          I have saved it
        </button>
      </div>
    </div>
  );
}
