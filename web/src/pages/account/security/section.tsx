import { useState } from "hono/jsx/dom";
import type { UserView } from "../../../../../shared/auth";
import { twoFactorApi } from "../../../api/two-factor";
import { ShieldIcon } from "../../../components/icons";
import { errorMessage } from "../../../lib/api";
import { updateUser } from "../../../lib/session";
import { toast } from "../../../lib/toasts";
import { EnrolStep } from "./enrol";
import { RecoveryCodes } from "./recovery-codes";
import { TurnOffForm } from "./turn-off";

type Step = { kind: "idle" } | { kind: "enrolling"; secret: string; otpauthUrl: string } | { kind: "codes"; codes: string[] };

/**
 * Account → Security: two-factor sign-in with an authenticator app. Off: set it up (QR code, first
 * code, recovery codes shown once). On: turn it off with a code; staff keep it on (the console needs it).
 */
export function SecuritySection(props: { user: UserView }) {
  const [step, setStep] = useState<Step>({ kind: "idle" });
  const [starting, setStarting] = useState(false);
  const enabled = props.user.twoFactorEnabled === true;
  const staff = props.user.role !== "user";
  const setEnabled = (on: boolean) => updateUser({ ...props.user, twoFactorEnabled: on });

  const start = async () => {
    setStarting(true);
    try {
      setStep({ kind: "enrolling", ...(await twoFactorApi.start()) });
    } catch (error) {
      toast({ tone: "error", title: "Could not start the setup", body: errorMessage(error) });
    } finally {
      setStarting(false);
    }
  };

  return (
    <section id="security" class="card account-section" aria-labelledby="security-title">
      <h2 id="security-title" class="card-title">
        Two-factor sign-in
        {enabled ? <span class="badge badge-accent">On</span> : null}
      </h2>
      {step.kind === "codes" ? (
        <RecoveryCodes codes={step.codes} onDone={() => setStep({ kind: "idle" })} />
      ) : step.kind === "enrolling" ? (
        <EnrolStep
          secret={step.secret}
          otpauthUrl={step.otpauthUrl}
          onEnabled={(codes) => {
            setEnabled(true);
            setStep({ kind: "codes", codes });
          }}
          onCancel={() => setStep({ kind: "idle" })}
        />
      ) : enabled ? (
        <>
          <p class="card-text">Signing in asks for a code from your authenticator app after your password.</p>
          {staff ? (
            <p class="card-text">Staff accounts keep two-factor sign-in on: the staff console needs it.</p>
          ) : (
            <TurnOffForm
              onOff={() => {
                setEnabled(false);
                toast({ tone: "success", title: "Two-factor sign-in is off" });
              }}
            />
          )}
        </>
      ) : (
        <>
          <p class="card-text">
            Add a code from an authenticator app to your password, so a stolen password alone cannot open your account.
            {staff ? " Staff need it to open the console." : null}
          </p>
          <div class="form-footer">
            <button type="button" class="btn btn-primary" disabled={starting} onClick={() => void start()}>
              <ShieldIcon size={16} /> Set up two-factor
            </button>
          </div>
        </>
      )}
    </section>
  );
}
