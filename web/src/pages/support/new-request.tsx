import { SUPPORT_SUBJECT_MAX, type SupportThreadView } from "../../../../shared/support";
import { supportApi } from "../../api/support";
import { Notice } from "../../components/feedback";
import { Field, SubmitButton } from "../../components/field";
import { MessageField } from "../../features/support/message-field";
import { text, useApiForm } from "../../lib/form";
import { AttachPicker, attachmentOf } from "./attach-picker";

/** The "New request" form: subject, message (limit shown), an optional attachment. */
export function NewRequest(props: { onCreated: (thread: SupportThreadView) => void; onCancel: () => void }) {
  const form = useApiForm(
    (data) => supportApi.create({ subject: text(data, "subject"), message: text(data, "message"), attachment: attachmentOf(data) }),
    // An attachment that is not the person's answers 404 without issues: it belongs to that field.
    { fields: ["subject", "message", "attachment"], codeFields: { not_found: "attachment" }, onSuccess: props.onCreated },
  );
  return (
    <section class="card support-new" aria-labelledby="support-new-title">
      <h2 id="support-new-title" class="card-title">
        New request
      </h2>
      <form class="form" onSubmit={form.onSubmit} noValidate>
        {form.formError ? <Notice tone="error">{form.formError}</Notice> : null}
        <Field
          label="Subject"
          name="subject"
          required
          maxLength={SUPPORT_SUBJECT_MAX}
          autofocus
          placeholder="A payment, a failed generation, your account…"
          error={form.fieldError("subject")}
        />
        <MessageField label="Message" error={form.fieldError("message")} placeholder="What happened, and what did you expect?" />
        <AttachPicker error={form.fieldError("attachment")} />
        <div class="form-footer">
          <button type="button" class="btn btn-ghost" onClick={props.onCancel}>
            Cancel
          </button>
          <SubmitButton pending={form.pending} pendingLabel="Sending…">
            Send request
          </SubmitButton>
        </div>
      </form>
    </section>
  );
}
