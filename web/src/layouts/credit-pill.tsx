import { useEffect, useRef } from "hono/jsx/dom";
import { CoinIcon } from "../components/icons";
import type { Credits } from "../lib/session";

const format = new Intl.NumberFormat();

/** The live balance in the header; opens the credit ledger. Briefly glows when the number changes. */
export function CreditPill(props: { credits: Credits | null }) {
  const ref = useRef<HTMLAnchorElement>(null);
  const previous = useRef<number | null>(null);
  const available = props.credits?.available ?? null;

  useEffect(() => {
    const el = ref.current;
    if (el && previous.current !== null && available !== null && available !== previous.current) {
      el.classList.remove("credit-pill-changed");
      void el.offsetWidth; // restart the animation
      el.classList.add("credit-pill-changed");
    }
    previous.current = available;
  }, [available]);

  if (available === null) return <span class="credit-pill skeleton" aria-hidden="true" />;
  const held = props.credits?.held ?? 0;
  const label = `${format.format(available)} credits available${held ? `, ${format.format(held)} reserved` : ""}. Open the credit ledger.`;
  return (
    <a ref={ref} class="credit-pill" href="/credits" aria-label={label} title="Credits available" data-testid="credit-pill">
      <CoinIcon size={16} />
      <span class="credit-pill-value">{format.format(available)}</span>
    </a>
  );
}
