import { ConsentsSection } from "./consents";
import { DeleteAccountSection } from "./delete-account";
import { ExportSection } from "./export";
import "./privacy.css";

/** "Your data & privacy" on the Account page: choices, a copy of everything, and deletion — each in one click. */
export function PrivacySections() {
  return (
    <>
      <h2 class="account-group-title" id="privacy">
        Your data &amp; privacy
      </h2>
      <ConsentsSection />
      <ExportSection />
      <DeleteAccountSection />
    </>
  );
}
