import { useState } from "hono/jsx/dom";
import type { ConsentEvent, ConsentsResponse, OptionalPurpose } from "../../../../../shared/privacy";
import { privacyApi } from "../../../api/privacy";
import { ErrorState, Skeleton } from "../../../components/feedback";
import { errorMessage } from "../../../lib/api";
import { formatDate } from "../../../lib/format";
import { useResource } from "../../../lib/resource";
import { toast } from "../../../lib/toasts";
import { Switch } from "./switch";

const CHOICES: { purpose: OptionalPurpose; label: string; text: string }[] = [
  {
    purpose: "product_emails",
    label: "Product emails",
    text: "Occasional news about new models and features. Off unless you turn it on.",
  },
  {
    purpose: "usage_analysis",
    label: "Usage analysis",
    text: "We may study how Ausar is used, first-party only, to improve it. Turn this off to object.",
  },
];

const PURPOSE_NAMES: Record<ConsentEvent["purpose"], string> = {
  terms: "the Terms of Service",
  privacy_policy: "the Privacy Policy",
  product_emails: "product emails",
  usage_analysis: "usage analysis",
};

function describe(event: ConsentEvent): string {
  const name = PURPOSE_NAMES[event.purpose];
  if (event.purpose === "terms" || event.purpose === "privacy_policy") return `Accepted ${name} (version of ${event.policyVersion})`;
  if (event.purpose === "usage_analysis") return event.granted ? "Allowed usage analysis" : "Objected to usage analysis";
  return event.granted ? "Agreed to product emails" : "Withdrew consent to product emails";
}

/** Consent toggles, restriction of processing and the history of every choice. Changes apply at once. */
export function ConsentsSection() {
  const [load, reload, setData] = useResource(privacyApi.consents);
  const [busy, setBusy] = useState<string | null>(null);

  const change = async (what: string, request: () => Promise<ConsentsResponse>): Promise<boolean> => {
    setBusy(what);
    try {
      setData(await request());
      return true;
    } catch (error) {
      toast({ tone: "error", title: "Your choice was not saved", body: errorMessage(error) });
      return false;
    } finally {
      setBusy(null);
    }
  };

  return (
    <section class="card account-section" aria-labelledby="consents-title">
      <h2 id="consents-title" class="card-title">
        Privacy choices
      </h2>
      <p class="card-text">Changes take effect immediately. We never use third-party trackers or advertising.</p>
      {load.kind === "loading" ? <Skeleton lines={3} /> : null}
      {load.kind === "error" ? <ErrorState message={load.message} onRetry={() => void reload()} /> : null}
      {load.kind === "ready" ? (
        <>
          <div class="switch-list">
            {CHOICES.map((choice) => {
              const state = load.value.consents.find((c) => c.purpose === choice.purpose);
              return (
                <Switch
                  key={choice.purpose}
                  label={choice.label}
                  text={choice.text}
                  checked={state?.granted ?? false}
                  busy={busy === choice.purpose}
                  note={state?.granted && !state.effective ? "Paused while processing is restricted." : undefined}
                  onChange={(granted) => change(choice.purpose, () => privacyApi.setConsent(choice.purpose, granted))}
                />
              );
            })}
            <Switch
              label="Restrict processing"
              text="Keep your account and data, but stop everything not needed to run it: no product emails and no usage analysis."
              checked={load.value.restriction.restricted}
              busy={busy === "restriction"}
              note={load.value.restriction.since ? `Restricted since ${formatDate(load.value.restriction.since)}.` : undefined}
              onChange={(restricted) => change("restriction", () => privacyApi.setRestricted(restricted))}
            />
          </div>
          <details class="consent-history">
            <summary>History of your choices ({load.value.history.length})</summary>
            <ul>
              {load.value.history.map((event) => (
                <li key={`${event.purpose}-${event.createdAt}`}>
                  <span>{describe(event)}</span>
                  <time dateTime={new Date(event.createdAt).toISOString()}>{formatDate(event.createdAt)}</time>
                </li>
              ))}
            </ul>
          </details>
          <p class="card-text muted">
            The Terms and the Privacy Policy stay accepted while you have an account; to withdraw them, delete your account below.
          </p>
        </>
      ) : null}
    </section>
  );
}
