import { useState } from "hono/jsx/dom";
import { refreshSession } from "../../lib/refresh";
import { formatSrcset, type SrcCandidate } from "./tile-sources";

interface MediaImageProps {
  src: string;
  alt: string;
  /** Smaller renditions the browser may pick instead of `src` (with `sizes`). */
  srcset?: SrcCandidate[];
  sizes?: string;
  class?: string;
  width?: number;
  height?: number;
  lazy?: boolean;
}

/** The same URL made distinct, so the browser asks again instead of reusing the failed answer. */
function retried(url: string): string {
  return `${url}${url.includes("?") ? "&" : "?"}retry=1`;
}

/**
 * An `<img>` of private media. Media is served only with a live session cookie, and an access cookie
 * can expire while the page is open, so a failed load renews the session once and tries again
 * (every URL, `src` and `srcset` alike: the browser may be loading any of them).
 */
export function MediaImage(props: MediaImageProps) {
  const [attempt, setAttempt] = useState<{ src: string; retried: boolean; failed: boolean }>({
    src: props.src,
    retried: false,
    failed: false,
  });
  const current = attempt.src === props.src ? attempt : { src: props.src, retried: false, failed: false };
  const [shownAt] = useState(Date.now());

  const onError = () => {
    if (current.retried) {
      setAttempt({ ...current, failed: true });
      return;
    }
    void refreshSession(shownAt).then((outcome) =>
      setAttempt({ ...current, retried: outcome === "refreshed", failed: outcome !== "refreshed" }),
    );
  };

  if (current.failed) {
    return (
      <span class={`media-missing ${props.class ?? ""}`} role="img" aria-label={`${props.alt} (could not be loaded)`}>
        Not available
      </span>
    );
  }
  const url = (u: string) => (current.retried ? retried(u) : u);
  return (
    // `loading`, `sizes` and `srcset` come before `src`, so no browser starts fetching `src` before it knows them.
    <img
      class={props.class}
      alt={props.alt}
      width={props.width}
      height={props.height}
      loading={props.lazy ? "lazy" : undefined}
      decoding="async"
      sizes={props.srcset ? props.sizes : undefined}
      srcset={props.srcset ? formatSrcset(props.srcset.map((c) => ({ ...c, url: url(c.url) }))) : undefined}
      src={url(props.src)}
      onError={onError}
    />
  );
}
