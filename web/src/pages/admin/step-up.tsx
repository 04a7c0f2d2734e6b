import type { StepUpProof } from "../../../../shared/step-up";
import { Field } from "../../components/field";
import { stepUpWithPasskey } from "../../features/passkeys/ceremony";
import { text } from "../../lib/form";

/** How a dialog's submission is stepped up: the code typed, or a passkey assertion made just now. */
export type StepUp = (form: HTMLFormElement) => Promise<StepUpProof>;

/** The code field's value, spaces dropped (apps show codes as "123 456"). */
const typedCode: StepUp = async (form) => ({ code: text(new FormData(form), "code").replace(/\s/g, "") });

/** The browser's passkey dialog for a step-up challenge (throws an `ApiError` the dialog shows when the browser has none or says no). */
export const passkeyAssertion: StepUp = async () => ({ passkey: await stepUpWithPasskey() });

/** A dialog form's submit: the code typed is the step-up. */
export function onSubmit(event: Event, submit: (form: HTMLFormElement, stepUp: StepUp) => Promise<void>): void {
  event.preventDefault();
  void submit(event.currentTarget as HTMLFormElement, typedCode);
}

/**
 * The form's other fields are filled in as the browser requires (the code aside, since the passkey
 * stands in for it); reports the first missing one if not.
 */
function readyWithoutCode(form: HTMLFormElement): boolean {
  const code = form.elements.namedItem("code");
  const input = code instanceof HTMLInputElement ? code : null;
  if (input) input.required = false;
  const valid = form.reportValidity();
  if (input) input.required = true;
  return valid;
}

/**
 * A destructive action's step-up: the code from the authenticator app, and beside it "Use a
 * passkey instead", which runs the browser's passkey dialog and submits with its assertion.
 */
export function StepUpField(props: { error: string | undefined; disabled: boolean; onPasskey: (form: HTMLFormElement) => void }) {
  const usePasskey = (event: Event) => {
    const form = (event.currentTarget as HTMLButtonElement).form;
    if (form && readyWithoutCode(form)) props.onPasskey(form);
  };
  return (
    <div class="admin-step-up">
      <Field
        label="Code from your authenticator app"
        name="code"
        required
        inputMode="numeric"
        autocomplete="one-time-code"
        maxLength={6}
        minLength={6}
        error={props.error}
      />
      <button
        type="button"
        class="btn btn-small btn-secondary admin-step-up-passkey"
        onClick={usePasskey}
        disabled={props.disabled}
        data-testid="step-up-passkey"
      >
        Use a passkey instead
      </button>
    </div>
  );
}
