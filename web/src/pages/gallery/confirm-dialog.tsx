import { useEffect, useRef } from "hono/jsx/dom";

export interface ConfirmProps {
  title: string;
  text: string;
  confirmLabel: string;
  busy: boolean;
  error?: string | null;
  onConfirm: () => void;
  onCancel: () => void;
}

/** A modal question (native `<dialog>`: focus stays inside, Escape cancels); the safe choice has focus first. */
export function ConfirmDialog(props: ConfirmProps) {
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const el = dialog.current;
    if (el && !el.open) el.showModal();
  }, []);
  return (
    <dialog
      ref={dialog}
      class="confirm-dialog"
      aria-labelledby="confirm-title"
      aria-describedby="confirm-text"
      onCancel={(event: Event) => {
        event.preventDefault();
        if (!props.busy) props.onCancel();
      }}
    >
      <h2 id="confirm-title" class="confirm-title">
        {props.title}
      </h2>
      <p id="confirm-text" class="confirm-text">
        {props.text}
      </p>
      {props.error ? (
        <p class="confirm-error" role="alert">
          {props.error}
        </p>
      ) : null}
      <div class="confirm-actions">
        <button type="button" class="btn btn-secondary" autofocus onClick={props.onCancel} disabled={props.busy}>
          Cancel
        </button>
        <button type="button" class="btn btn-danger" onClick={props.onConfirm} disabled={props.busy} aria-busy={props.busy ? "true" : undefined}>
          {props.busy ? <span class="spinner" aria-hidden="true" /> : null}
          {props.confirmLabel}
        </button>
      </div>
    </dialog>
  );
}
