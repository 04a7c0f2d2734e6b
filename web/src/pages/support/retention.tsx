import { CONTACT_EMAIL } from "../../../../shared/policy";
import { SUPPORT_RETENTION_MONTHS } from "../../../../shared/support";

/** How long support conversations are kept, and the address for anything that does not fit here (P19, P34). */
export function SupportFootnote() {
  return (
    <p class="muted support-footnote" data-testid="support-retention">
      Closed conversations are deleted {SUPPORT_RETENTION_MONTHS} months after they close. You can also write to{" "}
      <a href={`mailto:${CONTACT_EMAIL}`}>{CONTACT_EMAIL}</a>.
    </p>
  );
}
