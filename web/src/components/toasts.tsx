import { useStore } from "../lib/store";
import { dismissToast, toastStore } from "../lib/toasts";
import { AlertIcon, CheckIcon, CloseIcon } from "./icons";

/** The toast stack, a polite live region so news is announced without stealing focus. */
export function Toasts() {
  const toasts = useStore(toastStore);
  return (
    <section class="toasts" aria-label="Notifications" aria-live="polite">
      {toasts.map((t) => (
        <div key={t.id} class={`toast toast-${t.tone}`}>
          {t.tone === "error" ? <AlertIcon /> : <CheckIcon />}
          <div class="toast-text">
            <p class="toast-title">{t.title}</p>
            {t.body ? <p class="toast-body">{t.body}</p> : null}
            {t.action ? (
              <a class="toast-action" href={t.action.href} onClick={() => dismissToast(t.id)}>
                {t.action.label}
              </a>
            ) : null}
          </div>
          <button type="button" class="icon-btn" aria-label="Dismiss" onClick={() => dismissToast(t.id)}>
            <CloseIcon size={16} />
          </button>
        </div>
      ))}
    </section>
  );
}
