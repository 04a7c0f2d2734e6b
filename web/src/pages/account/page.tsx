import { PageHeader } from "../../components/feedback";
import { LogOutIcon } from "../../components/icons";
import { ThemeToggle } from "../../components/theme-toggle";
import { signOutAndLeave } from "../../layouts/account-menu";
import { sessionStore } from "../../lib/session";
import { useStore } from "../../lib/store";
import type { PageProps } from "../../router/routes";
import { DevelopersSection } from "./developers";
import { DevicesSection } from "./devices";
import { PasswordSection } from "./password";
import { PrivacySections } from "./privacy/privacy-sections";
import { ProfileSection } from "./profile";
import { PasskeysSection } from "./security/passkeys";
import { SecuritySection } from "./security/section";
import { WhopSection } from "./security/whop";
import { UsageSection } from "./usage";

/** `/account`: profile, password, two-factor, devices, usage and developers (links to their pages), appearance, sign out. Each section is its own file. */
export default function AccountPage(props: PageProps) {
  const session = useStore(sessionStore);
  if (session.status !== "signed-in") return null;
  return (
    <div class="page page-narrow">
      <PageHeader
        title="Account"
        description="Your details, how you sign in, and where you are signed in."
        actions={
          <button type="button" class="btn btn-secondary" onClick={() => void signOutAndLeave()}>
            <LogOutIcon size={16} /> Sign out
          </button>
        }
      />
      <ProfileSection user={session.user} />
      <PasswordSection />
      <SecuritySection user={session.user} />
      <PasskeysSection />
      <WhopSection user={session.user} connected={props.query.get("whop") === "connected"} />
      <DevicesSection />
      <UsageSection />
      <DevelopersSection />
      <section class="card account-section" aria-labelledby="appearance-title">
        <h2 id="appearance-title" class="card-title">
          Appearance
        </h2>
        <p class="card-text">Follow your system, or keep Ausar dark or light on this device.</p>
        <ThemeToggle />
      </section>
      <PrivacySections />
    </div>
  );
}
