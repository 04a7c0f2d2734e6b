import { twoFactorApi } from "../../../api/two-factor";
import { Notice } from "../../../components/feedback";
import { Field, SubmitButton } from "../../../components/field";
import { text, useApiForm } from "../../../lib/form";
import { QrCode } from "./qr-code";

/** The secret in groups of four, for typing into an app by hand. */
const grouped = (secret: string) => secret.match(/.{1,4}/g)?.join(" ") ?? secret;

/** Setting up: scan the QR code (or type the key), then confirm with the app's first code. */
export function EnrolStep(props: { secret: string; otpauthUrl: string; onEnabled: (codes: string[]) => void; onCancel: () => void }) {
  const form = useApiForm((data) => twoFactorApi.confirm(text(data, "code")), {
    fields: ["code"],
    codeFields: { invalid_code: "code" },
    onSuccess: props.onEnabled,
  });

  return (
    <div class="two-factor-enrol">
      <ol class="two-factor-steps">
        <li>Open an authenticator app (1Password, Google Authenticator, Authy, …) and scan this code.</li>
        <li>Enter the 6-digit code the app shows.</li>
      </ol>
      <QrCode value={props.otpauthUrl} label="QR code for your authenticator app" />
      <p class="card-text">
        Cannot scan? Enter this key instead: <code class="two-factor-key">{grouped(props.secret)}</code>
      </p>
      <form class="form" noValidate onSubmit={form.onSubmit}>
        {form.formError ? <Notice tone="error" title={form.formError} /> : null}
        <Field
          label="Code from the app"
          name="code"
          autocomplete="one-time-code"
          inputMode="numeric"
          maxLength={32}
          required
          autofocus
          error={form.fieldError("code")}
        />
        <div class="form-footer">
          <button type="button" class="btn btn-ghost" onClick={props.onCancel}>
            Cancel
          </button>
          <SubmitButton pending={form.pending} pendingLabel="Checking…">
            Turn on
          </SubmitButton>
        </div>
      </form>
    </div>
  );
}
