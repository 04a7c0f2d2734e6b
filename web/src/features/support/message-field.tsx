import { useId, useState } from "hono/jsx/dom";
import { SUPPORT_MESSAGE_MAX } from "../../../../shared/support";
import { FieldError } from "../../components/field";

/**
 * A message box with the limit shown as a running count ("120 / 5,000"). The textarea stays
 * uncontrolled, so the text survives a failed send; the parent gives it a new `key` after a send.
 */
export function MessageField(props: { label: string; name?: string; error?: string | undefined; rows?: number; placeholder?: string }) {
  const id = useId();
  const [length, setLength] = useState(0);
  const countId = `${id}-count`;
  const errorId = `${id}-error`;
  const near = length > SUPPORT_MESSAGE_MAX * 0.9;
  return (
    <div class={`field${props.error ? " field-invalid" : ""}`}>
      <label class="field-label" for={id}>
        {props.label}
      </label>
      <textarea
        id={id}
        class="input message-input"
        name={props.name ?? "message"}
        rows={props.rows ?? 5}
        required
        maxlength={SUPPORT_MESSAGE_MAX}
        placeholder={props.placeholder}
        aria-invalid={props.error ? "true" : undefined}
        aria-describedby={[countId, props.error ? errorId : ""].filter(Boolean).join(" ")}
        onInput={(event: Event) => setLength((event.currentTarget as HTMLTextAreaElement).value.length)}
      />
      <p class={`field-hint message-count${near ? " message-count-near" : ""}`} id={countId}>
        {length.toLocaleString()} / {SUPPORT_MESSAGE_MAX.toLocaleString()} characters
      </p>
      <FieldError id={errorId} error={props.error} />
    </div>
  );
}
