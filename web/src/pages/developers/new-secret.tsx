import type { Child } from "hono/jsx";
import { useEffect, useId, useRef, useState } from "hono/jsx/dom";
import { CheckIcon } from "../../components/icons";

export interface NewSecretProps {
  /** What is ready ("Render server is ready"). */
  title: string;
  /** The field's label ("Secret of Render server"). */
  label: string;
  secret: string;
  /** Why to copy it now; the field is described by it. */
  children: Child;
  onDone: () => void;
}

/**
 * A secret the API answers only once (an API key's, a webhook endpoint's). Focus lands on the field
 * with the secret selected, so Ctrl/⌘+C copies it straight away. A textarea, so that on a phone the
 * whole secret wraps into view instead of scrolling inside a one-line input.
 */
export function NewSecret(props: NewSecretProps) {
  const id = useId();
  const field = useRef<HTMLTextAreaElement>(null);
  const [copied, setCopied] = useState<"idle" | "copied" | "failed">("idle");
  useEffect(() => {
    field.current?.focus();
    field.current?.select();
  }, []);
  const copy = () => {
    navigator.clipboard
      .writeText(props.secret)
      .then(() => setCopied("copied"))
      .catch(() => setCopied("failed"));
  };
  return (
    <div class="new-secret" data-testid="new-secret">
      <p class="new-secret-title">
        <CheckIcon size={16} /> {props.title}
      </p>
      <div class="new-secret-warning" id={`${id}-warning`}>
        {props.children}
      </div>
      <label class="field-label" for={`${id}-value`}>
        {props.label}
      </label>
      <div class="row new-secret-row">
        <textarea
          ref={field}
          id={`${id}-value`}
          class="input new-secret-value"
          rows={1}
          readonly
          spellcheck={false}
          autocomplete="off"
          value={props.secret}
          aria-describedby={`${id}-warning`}
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
