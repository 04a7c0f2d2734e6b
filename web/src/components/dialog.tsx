import type { Child } from "hono/jsx";
import { useEffect, useRef } from "hono/jsx/dom";

/**
 * A ref for a native `<dialog>` that opens as a modal once mounted, so focus stays inside it. When it
 * goes (closed, Escape, or simply no longer rendered), focus returns to the control that opened it
 * instead of dropping to `<body>`.
 */
export function useModal() {
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const el = dialog.current;
    const opener =
      document.activeElement instanceof HTMLElement && document.activeElement !== document.body ? document.activeElement : null;
    if (el && !el.open) el.showModal();
    return () => {
      if (!opener) return;
      // After the dialog has left the page (the cleanup can run before it is removed, while it still traps focus).
      setTimeout(() => {
        const active = document.activeElement;
        const dropped = active === null || active === document.body || !active.isConnected || (el?.contains(active) ?? false);
        if (dropped && opener.isConnected) opener.focus();
      }, 0);
    };
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
