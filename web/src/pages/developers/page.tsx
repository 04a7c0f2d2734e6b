import { PageHeader } from "../../components/feedback";
import { ApiKeysSection } from "./api-keys";
import { WebhooksSection } from "./webhooks";
import "./developers.css";

/** `/account/developers`: what a person's own programs may do with their account (API keys) and what they hear about it (webhooks). */
export default function DevelopersPage() {
  return (
    <div class="page developers-page">
      <a class="developers-back" href="/account">
        ← Account
      </a>
      <PageHeader title="Developers" description="Use Ausar from your own programs, paid from your credits." />
      <ApiKeysSection />
      <WebhooksSection />
    </div>
  );
}
