import { useState } from "hono/jsx/dom";
import { usageApi } from "../../api/usage";
import { Notice } from "../../components/feedback";
import { errorMessage } from "../../lib/api";
import type { PageProps } from "../../router/routes";

type Step = { kind: "ask" } | { kind: "working" } | { kind: "done" } | { kind: "failed"; message: string };

/**
 * `/unsubscribe?token=…`: the link at the foot of a product email. It asks before it acts, because
 * mail scanners open links; the button works signed out, and mail clients' one-click unsubscribe
 * posts to the same API directly.
 */
export default function UnsubscribePage(props: PageProps) {
  const token = props.query.get("token") ?? "";
  const [step, setStep] = useState<Step>({ kind: "ask" });

  const stop = async () => {
    setStep({ kind: "working" });
    try {
      await usageApi.unsubscribe(token);
      setStep({ kind: "done" });
    } catch (error) {
      setStep({ kind: "failed", message: errorMessage(error) });
    }
  };

  return (
    <div class="auth-page">
      <h1 class="auth-title">Stop product emails</h1>
      {!token ? (
        <Notice tone="error" title="This link is incomplete">
          Open the link from the email again, or switch product emails off under Account → Your data &amp; privacy.
        </Notice>
      ) : step.kind === "done" ? (
        <Notice tone="success" title="Product emails are off">
          We will not send you emails like "your video is ready" any more. Emails about your account, payments and security still arrive.
          You can switch product emails back on under Account → Your data &amp; privacy.
        </Notice>
      ) : (
        <>
          <p class="auth-subtitle">
            Product emails tell you when a long generation is ready. Stopping them does not affect emails about your account, payments or
            security.
          </p>
          {step.kind === "failed" ? (
            <Notice tone="error" title="That did not work">
              {step.message}
            </Notice>
          ) : null}
          <button type="button" class="btn btn-primary btn-block" disabled={step.kind === "working"} onClick={() => void stop()}>
            {step.kind === "working" ? "Stopping…" : "Stop product emails"}
          </button>
        </>
      )}
      <p class="auth-switch">
        <a href="/">Back to Ausar</a>
      </p>
    </div>
  );
}
