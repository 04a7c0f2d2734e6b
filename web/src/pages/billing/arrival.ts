import { useEffect, useRef, useState } from "hono/jsx/dom";
import type { PaymentView } from "../../../../shared/billing";
import { subscribe } from "../../lib/live";

/** After a checkout: waiting for Whop's webhook, received (with the payment), or taking longer than usual. */
export type Arrival = { kind: "none" } | { kind: "waiting" } | { kind: "received"; payment: PaymentView | null } | { kind: "slow" };

const POLL_MS = 4_000;
/** Whop usually calls within seconds; past this the page says so, and keeps listening. */
const SLOW_AFTER_MS = 90_000;

function isPayment(value: unknown): value is PaymentView {
  return (
    typeof value === "object" &&
    value !== null &&
    typeof (value as { id?: unknown }).id === "string" &&
    typeof (value as { credits?: unknown }).credits === "number"
  );
}

/**
 * Watches for the payment a checkout produced. The live socket announces it the moment the webhook
 * is applied; polling the page's payment list is the fallback when the socket is down. A payment
 * the list held when it first loaded does not count, except the one the return address names.
 */
export function usePaymentArrival(options: {
  waiting: boolean;
  expectedId: string | null;
  /** The page's payment list, null until it has loaded. */
  payments: PaymentView[] | null;
  /** Reloads the page's payment list. */
  poll: () => void;
  /** The payment turned up in a reloaded list (a live message refreshes the page by itself). */
  onFound: () => void;
}): Arrival {
  const [arrival, setArrival] = useState<Arrival>(options.waiting ? { kind: "waiting" } : { kind: "none" });
  const known = useRef<Set<string> | null>(null);
  const done = useRef(!options.waiting);

  const arrived = (payment: PaymentView | null) => {
    if (done.current) return false;
    done.current = true;
    setArrival({ kind: "received", payment });
    return true;
  };

  useEffect(() => {
    const items = options.payments;
    if (done.current || !items) return;
    if (!known.current) {
      known.current = new Set(items.map((p) => p.id));
      // Loaded with the payment already in it: everything else on the page was loaded with it too.
      const expected = options.expectedId ? items.find((p) => p.id === options.expectedId) : undefined;
      if (expected) arrived(expected);
      return;
    }
    const fresh = items.find((p) => !known.current?.has(p.id));
    if (fresh && arrived(fresh)) options.onFound();
  }, [options.payments]);

  useEffect(() => {
    if (!options.waiting) return;
    const stopLive = subscribe("payment", (message) => void arrived(isPayment(message.payment) ? message.payment : null));
    const poll = setInterval(() => {
      if (done.current) return clearInterval(poll);
      options.poll();
    }, POLL_MS);
    const slow = setTimeout(() => {
      if (!done.current) setArrival({ kind: "slow" });
    }, SLOW_AFTER_MS);
    return () => {
      stopLive();
      clearInterval(poll);
      clearTimeout(slow);
    };
  }, []);
  return arrival;
}
