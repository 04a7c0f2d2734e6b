import { useState } from "hono/jsx/dom";
import { refreshSession } from "../../lib/refresh";

/**
 * An `<img>` of private media. Media is served only with a live session cookie, and an access cookie
 * can expire while the page is open, so a failed load renews the session once and tries again.
 */
export function MediaImage(props: { src: string; alt: string; class?: string; width?: number; height?: number; lazy?: boolean }) {
  const [attempt, setAttempt] = useState<{ src: string; retried: boolean; failed: boolean }>({ src: props.src, retried: false, failed: false });
  const current = attempt.src.split("?")[0] === props.src.split("?")[0] ? attempt : { src: props.src, retried: false, failed: false };
  const [shownAt] = useState(Date.now());

  const onError = () => {
    if (current.retried) {
      setAttempt({ ...current, failed: true });
      return;
    }
    void refreshSession(shownAt).then((outcome) => {
      const separator = props.src.includes("?") ? "&" : "?";
      setAttempt(outcome === "refreshed" ? { src: `${props.src}${separator}retry=1`, retried: true, failed: false } : { ...current, failed: true });
    });
  };

  if (current.failed) {
    return (
      <span class={`media-missing ${props.class ?? ""}`} role="img" aria-label={`${props.alt} (could not be loaded)`}>
        Not available
      </span>
    );
  }
  return (
    <img
      class={props.class}
      src={current.src}
      alt={props.alt}
      width={props.width}
      height={props.height}
      loading={props.lazy ? "lazy" : undefined}
      decoding="async"
      onError={onError}
    />
  );
}
