/**
 * The plan catalog: what can be bought through Whop and the credits it brings. Each entry maps
 * one Whop plan id (`data.plan.id` in payment webhooks) to credits — once for a pack, every paid
 * month for a subscription. Prices are integers in minor units of `currency` (cents).
 *
 * The `plan_dev_…` ids are the development catalog, used by the offline checkout; a deployment
 * replaces them with the plan ids shown in its Whop dashboard.
 */
export type PlanKind = "pack" | "subscription";

export interface Plan {
  id: string;
  whopPlanId: string;
  name: string;
  kind: PlanKind;
  /** Credits per purchase (pack) or per paid month (subscription). */
  credits: number;
  /** Minor units of `currency` (cents). */
  price: number;
  currency: string;
}

export const PLANS: readonly Plan[] = [
  { id: "pack-500", whopPlanId: "plan_dev_pack_500", name: "500 credit pack", kind: "pack", credits: 500, price: 500, currency: "usd" },
  {
    id: "pack-2000",
    whopPlanId: "plan_dev_pack_2000",
    name: "2,000 credit pack",
    kind: "pack",
    credits: 2000,
    price: 1800,
    currency: "usd",
  },
  { id: "pro-monthly", whopPlanId: "plan_dev_pro_monthly", name: "Pro", kind: "subscription", credits: 1500, price: 1200, currency: "usd" },
];

/** A plan by our id. */
export function planById(id: string): Plan | undefined {
  return PLANS.find((plan) => plan.id === id);
}

/** A plan by the Whop plan id a webhook names. */
export function planByWhopId(whopPlanId: string): Plan | undefined {
  return PLANS.find((plan) => plan.whopPlanId === whopPlanId);
}

/**
 * Referral bonus credits, granted once per referred user when their first payment succeeds.
 * A refund or dispute of that payment takes the referrer's bonus back.
 */
export const REFERRAL_BONUS = { referrer: 200, referred: 100 } as const;

/** The cheapest price of an image and of a second of video among the models on offer. */
export interface CreditRates {
  image?: number;
  videoSecond?: number;
}

/** The cheapest image and per-second video prices in a model list (`GET /api/models`' `cost`). */
export function cheapestRates(models: readonly { cost: { unit: "image" | "second"; credits: number } }[]): CreditRates {
  const cheapest = (unit: "image" | "second") => {
    const prices = models.filter((m) => m.cost.unit === unit).map((m) => m.cost.credits);
    return prices.length ? Math.min(...prices) : undefined;
  };
  return { image: cheapest("image"), videoSecond: cheapest("second") };
}

/** "≈ 500 images or 100 s of video" at the cheapest models on offer; empty when none is. */
export function creditsBuy(credits: number, rates: CreditRates): string {
  const parts = [
    rates.image ? `${Math.floor(credits / rates.image).toLocaleString("en-US")} images` : null,
    rates.videoSecond ? `${Math.floor(credits / rates.videoSecond).toLocaleString("en-US")} s of video` : null,
  ].filter(Boolean);
  return parts.length ? `≈ ${parts.join(" or ")}` : "";
}

/** "$12.00" for 1200 usd; other currencies by their code. */
export function formatPrice(minor: number, currency: string): string {
  const code = currency.toUpperCase();
  const digits = minorDigits(currency);
  const major = (minor / 10 ** digits).toFixed(digits);
  return code === "USD" ? `$${major}` : `${major} ${code}`;
}

/** ISO 4217 currencies without minor units, and those with three decimals; all others have two. */
const ZERO_DECIMAL = new Set([
  "bif",
  "clp",
  "djf",
  "gnf",
  "isk",
  "jpy",
  "kmf",
  "krw",
  "pyg",
  "rwf",
  "ugx",
  "vnd",
  "vuv",
  "xaf",
  "xof",
  "xpf",
]);
const THREE_DECIMAL = new Set(["bhd", "iqd", "jod", "kwd", "lyd", "omr", "tnd"]);

/** How many minor-unit digits a currency has (2 for usd, 0 for jpy, 3 for kwd). */
export function minorDigits(currency: string): number {
  const code = currency.toLowerCase();
  if (ZERO_DECIMAL.has(code)) return 0;
  if (THREE_DECIMAL.has(code)) return 3;
  return 2;
}
