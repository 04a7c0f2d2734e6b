import type { Child } from "hono/jsx";
import { useId } from "hono/jsx/dom";

export interface FieldProps {
  label: string;
  name: string;
  type?: "text" | "email" | "password" | "search" | "number" | "url";
  autocomplete?: string;
  required?: boolean;
  defaultValue?: string;
  placeholder?: string;
  /** A short help line under the input, always shown. */
  hint?: Child;
  /** The API's message for this field (from `issues`), shown next to it. */
  error?: string | undefined;
  minLength?: number;
  maxLength?: number;
  inputMode?: "text" | "email" | "numeric";
  autofocus?: boolean;
}

/** The API's message for a field, under it; `id` is what the input's `aria-describedby` names. */
export function FieldError(props: { id: string; error?: string | undefined }) {
  return props.error ? (
    <p class="field-error" id={props.id}>
      {props.error}
    </p>
  ) : null;
}

/** A labelled input: label above, hint and error below, tied together for screen readers. */
export function Field(props: FieldProps) {
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy = [props.hint ? hintId : "", props.error ? errorId : ""].filter(Boolean).join(" ") || undefined;
  return (
    <div class={`field${props.error ? " field-invalid" : ""}`}>
      <label class="field-label" for={id}>
        {props.label}
      </label>
      <input
        id={id}
        class="input"
        name={props.name}
        type={props.type ?? "text"}
        autocomplete={props.autocomplete}
        required={props.required}
        value={props.defaultValue}
        placeholder={props.placeholder}
        minlength={props.minLength}
        maxlength={props.maxLength}
        inputmode={props.inputMode}
        autofocus={props.autofocus}
        aria-invalid={props.error ? "true" : undefined}
        aria-describedby={describedBy}
      />
      {props.hint ? (
        <p class="field-hint" id={hintId}>
          {props.hint}
        </p>
      ) : null}
      <FieldError id={errorId} error={props.error} />
    </div>
  );
}

export interface CheckboxProps {
  name: string;
  label: Child;
  error?: string | undefined;
  required?: boolean;
}

/** A checkbox with its label to the right and its error below. */
export function Checkbox(props: CheckboxProps) {
  const id = useId();
  const errorId = `${id}-error`;
  return (
    <div class={`check${props.error ? " field-invalid" : ""}`}>
      <input
        id={id}
        type="checkbox"
        name={props.name}
        value="true"
        required={props.required}
        aria-invalid={props.error ? "true" : undefined}
        aria-describedby={props.error ? errorId : undefined}
      />
      <label for={id}>{props.label}</label>
      <FieldError id={errorId} error={props.error} />
    </div>
  );
}

/** The form's submit button: disabled and labelled with progress while the request runs. */
export function SubmitButton(props: { pending: boolean; children: Child; pendingLabel?: string; class?: string }) {
  return (
    <button
      type="submit"
      class={`btn btn-primary ${props.class ?? ""}`}
      disabled={props.pending}
      aria-busy={props.pending ? "true" : undefined}
    >
      {props.pending ? <span class="spinner" aria-hidden="true" /> : null}
      <span>{props.pending ? (props.pendingLabel ?? "Working…") : props.children}</span>
    </button>
  );
}
