import type { Child } from "hono/jsx";
import { AlertIcon, CheckIcon } from "./icons";

/** A message box inside a page or form; `role=alert` for errors so screen readers announce them. */
export function Notice(props: { tone: "error" | "success" | "info"; title?: string; children?: Child }) {
  return (
    <div class={`notice notice-${props.tone}`} role={props.tone === "error" ? "alert" : "status"} tabindex={-1}>
      {props.tone === "success" ? <CheckIcon /> : <AlertIcon />}
      <div>
        {props.title ? <p class="notice-title">{props.title}</p> : null}
        {props.children ? <div class="notice-body">{props.children}</div> : null}
      </div>
    </div>
  );
}

/** An inline failure with a way to try again. */
export function ErrorState(props: { message: string; onRetry?: () => void; title?: string }) {
  return (
    <div class="state state-error" role="alert">
      <AlertIcon size={28} />
      <p class="state-title">{props.title ?? "That did not load"}</p>
      <p class="state-text">{props.message}</p>
      {props.onRetry ? (
        <button type="button" class="btn btn-secondary" onClick={props.onRetry}>
          Try again
        </button>
      ) : null}
    </div>
  );
}

/** What an empty list says, with the next step. */
export function EmptyState(props: { title: string; text?: string; icon?: Child; action?: { label: string; href: string } }) {
  return (
    <div class="state">
      {props.icon ?? null}
      <p class="state-title">{props.title}</p>
      {props.text ? <p class="state-text">{props.text}</p> : null}
      {props.action ? (
        <a class="btn btn-primary" href={props.action.href}>
          {props.action.label}
        </a>
      ) : null}
    </div>
  );
}

/** Grey placeholder lines while content loads. */
export function Skeleton(props: { lines?: number; class?: string }) {
  const lines = Array.from({ length: props.lines ?? 3 }, (_, i) => i);
  return (
    <div class={`skeleton-group ${props.class ?? ""}`} aria-hidden="true">
      {lines.map((i) => (
        <div key={i} class="skeleton skeleton-line" />
      ))}
    </div>
  );
}

/** The placeholder of a whole page (title and a couple of blocks), announced once as loading. */
export function PageSkeleton() {
  return (
    <div class="page" aria-busy="true">
      <span class="visually-hidden" role="status">
        Loading…
      </span>
      <div class="skeleton skeleton-title" aria-hidden="true" />
      <Skeleton lines={2} />
      <div class="skeleton skeleton-block" aria-hidden="true" />
    </div>
  );
}

/** A page's title row: heading, optional description and actions. */
export function PageHeader(props: { title: string; description?: Child; actions?: Child }) {
  return (
    <header class="page-header">
      <div>
        <h1 class="page-title">{props.title}</h1>
        {props.description ? <p class="page-description">{props.description}</p> : null}
      </div>
      {props.actions ? <div class="page-actions">{props.actions}</div> : null}
    </header>
  );
}
