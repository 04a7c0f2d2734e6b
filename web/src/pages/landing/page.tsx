import { CONTACT_EMAIL } from "../../../../shared/policy";
import { ArrowRightIcon, CoinIcon, GridIcon, LockIcon, SparklesIcon } from "../../components/icons";
import { probablySignedIn } from "../../lib/session";

const STEPS = [
  { icon: SparklesIcon, title: "Describe it", text: "Write a prompt, pick a model and a shape. Add a reference image if you have one." },
  {
    icon: CoinIcon,
    title: "See the price first",
    text: "Every model shows its cost in credits, and the Generate button states it. Failed jobs are refunded automatically.",
  },
  {
    icon: GridIcon,
    title: "Keep what you make",
    text: "Results land in your private gallery, with the full recipe to reuse. Each file is marked inside as AI-generated, so others can tell. Download or delete them whenever you like.",
  },
];

const PROMISES = [
  "No third-party analytics, trackers, ads or tracking pixels.",
  "Your prompts go to a model provider only to fulfil your request, and each job shows which one.",
  "Export everything we hold about you, or delete your account and all its data, at any time.",
  "Payments are handled by Whop: your card details never reach us.",
];

/** `/`: what Ausar is, how it works, pricing in one line, the privacy stance. */
export default function LandingPage() {
  const signedIn = probablySignedIn();
  return (
    <div class="landing">
      <section class="hero">
        <div class="hero-copy">
          <p class="eyebrow">AI image and video studio</p>
          <h1 class="hero-title">Make images and video from a sentence.</h1>
          <p class="hero-text">
            Ausar is a calm studio for AI generation: several leading models in one place, clear prices in credits, and a private gallery
            that is yours to keep, export or delete.
          </p>
          <div class="row hero-actions">
            {signedIn ? (
              <a class="btn btn-primary btn-large" href="/create">
                Open the studio <ArrowRightIcon size={18} />
              </a>
            ) : (
              <>
                <a class="btn btn-primary btn-large" href="/signup">
                  Start with free credits <ArrowRightIcon size={18} />
                </a>
                <a class="btn btn-secondary btn-large" href="/login">
                  Sign in
                </a>
              </>
            )}
          </div>
          <p class="hero-note">For adults (18+). No card needed to sign up.</p>
        </div>
        <div class="hero-art" aria-hidden="true">
          {[1, 2, 3, 4, 5, 6].map((n) => (
            <div key={n} class={`art-tile art-${n}`} />
          ))}
        </div>
      </section>

      <section class="landing-section" aria-labelledby="how">
        <h2 id="how" class="section-title">
          How it works
        </h2>
        <ol class="steps">
          {STEPS.map(({ icon: Icon, title, text }, i) => (
            <li key={title} class="card step">
              <span class="step-icon">
                <Icon size={22} />
              </span>
              <p class="step-number">Step {i + 1}</p>
              <h3 class="card-title">{title}</h3>
              <p class="card-text">{text}</p>
            </li>
          ))}
        </ol>
      </section>

      <section class="landing-section" aria-labelledby="pricing">
        <div class="card pricing">
          <div>
            <h2 id="pricing" class="section-title">
              Pay for what you make
            </h2>
            <p class="muted">
              New accounts get free credits once they confirm their email. After that, buy a credit pack or a monthly plan through Whop — no
              surprise charges, and every generation shows its cost before you start.
            </p>
          </div>
          <a class="btn btn-primary" href={signedIn ? "/billing" : "/signup"}>
            {signedIn ? "See plans" : "Create an account"}
          </a>
        </div>
      </section>

      <section class="landing-section" aria-labelledby="privacy">
        <div class="privacy-stance">
          <span class="step-icon">
            <LockIcon size={22} />
          </span>
          <div>
            <h2 id="privacy" class="section-title">
              Private by design
            </h2>
            <ul class="promise-list">
              {PROMISES.map((promise) => (
                <li key={promise}>{promise}</li>
              ))}
            </ul>
            <p class="muted">
              Read the <a href="/privacy">Privacy Policy</a> and the <a href="/terms">Terms</a>, or write to{" "}
              <a href={`mailto:${CONTACT_EMAIL}`}>{CONTACT_EMAIL}</a>.
            </p>
          </div>
        </div>
      </section>
    </div>
  );
}
