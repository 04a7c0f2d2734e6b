import { Dialog } from "../../components/dialog";

export interface ConfirmProps {
  title: string;
  text: string;
  confirmLabel: string;
  busy: boolean;
  error?: string | null;
  onConfirm: () => void;
  onCancel: () => void;
}

/** A modal question (Escape cancels unless busy); the safe choice has focus first. */
export function ConfirmDialog(props: ConfirmProps) {
  return (
    <Dialog
      class="confirm-dialog"
      titleId="confirm-title"
      textId="confirm-text"
      onCancel={() => {
        if (!props.busy) props.onCancel();
      }}
    >
      <h2 id="confirm-title" class="dialog-title">
        {props.title}
      </h2>
      <p id="confirm-text" class="dialog-text">
        {props.text}
      </p>
      {props.error ? (
        <p class="dialog-error" role="alert">
          {props.error}
        </p>
      ) : null}
      <div class="dialog-actions">
        <button type="button" class="btn btn-secondary" autofocus onClick={props.onCancel} disabled={props.busy}>
          Cancel
        </button>
        <button
          type="button"
          class="btn btn-danger"
          onClick={props.onConfirm}
          disabled={props.busy}
          aria-busy={props.busy ? "true" : undefined}
        >
          {props.busy ? <span class="spinner" aria-hidden="true" /> : null}
          {props.confirmLabel}
        </button>
      </div>
    </Dialog>
  );
}
