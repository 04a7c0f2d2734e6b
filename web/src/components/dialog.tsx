import type { Child } from "hono/jsx";
import { useEffect, useRef } from "hono/jsx/dom";

/** A ref for a native `<dialog>` that opens as a modal once mounted, so focus stays inside it. */
export function useModal() {
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const el = dialog.current;
    if (el && !el.open) el.showModal();
  }, []);
  return dialog;
}

export interface DialogProps {
  /** Names this dialog for its own styles and for tests. */
  class: string;
  titleId: string;
  textId: string;
  /** Escape calls it; without it Escape does nothing, for a question that must be answered. */
  onCancel?: () => void;
  children: Child;
}

/** A modal question: native `<dialog>` labelled by its title and described by its text. */
export function Dialog(props: DialogProps) {
  const dialog = useModal();
  return (
    <dialog
      ref={dialog}
      class={`dialog ${props.class}`}
      aria-labelledby={props.titleId}
      aria-describedby={props.textId}
      onCancel={(event: Event) => {
        event.preventDefault();
        props.onCancel?.();
      }}
    >
      {props.children}
    </dialog>
  );
}
