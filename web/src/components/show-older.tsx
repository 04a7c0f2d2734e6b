/** Where loading a paged list's next page stands. */
export type MoreState = "idle" | "loading" | "error";

/** The button under a paged list that loads the next, older page; says so when that page failed. */
export function ShowOlder(props: { class: string; more: MoreState; failedText: string; label?: string; onClick: () => void }) {
  return (
    <div class={props.class}>
      {props.more === "error" ? <p class="muted">{props.failedText}</p> : null}
      <button
        type="button"
        class="btn btn-secondary"
        disabled={props.more === "loading"}
        aria-busy={props.more === "loading" ? "true" : undefined}
        onClick={props.onClick}
      >
        {props.more === "loading" ? "Loading…" : props.more === "error" ? "Try again" : (props.label ?? "Show older")}
      </button>
    </div>
  );
}
