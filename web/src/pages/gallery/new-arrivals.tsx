/**
 * "2 new items · Show", over the top of the grid while finished media wait (use-gallery.ts says why
 * they wait). The region is always in the page, empty when nothing waits: appearing takes no room, so
 * nothing moves, and a screen reader hears the count as it changes.
 */
export function NewArrivals(props: { count: number; onShow: () => void }) {
  const words = `${props.count} new ${props.count === 1 ? "item" : "items"}`;
  return (
    <div class="gallery-arrivals" aria-live="polite">
      {props.count > 0 ? (
        <button type="button" class="btn btn-primary gallery-arrivals-button" onClick={props.onShow}>
          {words} · Show
        </button>
      ) : null}
    </div>
  );
}
