import { useEffect, useRef, useState } from "hono/jsx/dom";
import { TRUST_ANCHORS_PATH, type TrustAnchorsView } from "../../../../shared/provenance/trust-anchors";
import { ErrorState, Skeleton } from "../../components/feedback";
import { AlertIcon, CheckIcon, LockIcon, ShieldIcon, UploadIcon } from "../../components/icons";
import { errorMessage } from "../../lib/api";
import { formatBytes } from "../../lib/format";
import type { CredentialsView, Report } from "./read";
import "./verify.css";

/** The reader (c2pa-ts, X.509) is its own chunk, fetched when this page opens, never by any other page. */
const loadReader = () => import("./read");

const IPTC = "http://cv.iptc.org/newscodes/digitalsourcetype/";
/** IPTC's digital source types in plain words (the code itself is shown beside them). */
const SOURCE_TYPES: Record<string, string> = {
  trainedAlgorithmicMedia: "Made by a trained AI model",
  compositeWithTrainedAlgorithmicMedia: "Combines AI-generated material with other material",
  algorithmicMedia: "Made by an algorithm (not a trained model)",
  compositeSynthetic: "Combines synthetic material with other material",
  algorithmicallyEnhanced: "Enhanced by an algorithm",
  digitalCapture: "Captured by a camera or recorder",
  digitalArt: "Made by a person with digital tools",
  compositeCapture: "Combines captured material",
  minorHumanEdits: "Captured, with minor human edits",
  humanEdits: "Captured, with human edits",
  screenCapture: "A screen capture",
  virtualRecording: "A recording of a virtual scene",
  dataDrivenMedia: "Made from data",
};

function SourceType(props: { code: string | null }) {
  if (!props.code) return <span class="muted">Not stated</span>;
  const short = props.code.startsWith(IPTC) ? props.code.slice(IPTC.length) : props.code;
  return (
    <>
      {SOURCE_TYPES[short] ?? "Another source type"} <code class="verify-code">{short}</code>
    </>
  );
}

const ACTIONS: Record<string, string> = {
  "c2pa.created": "Created",
  "c2pa.opened": "Opened an earlier file",
  "c2pa.edited": "Edited",
  "c2pa.converted": "Converted",
  "c2pa.placed": "Placed into",
  "c2pa.resized": "Resized",
};

interface Verdict {
  tone: "success" | "warning" | "danger" | "neutral";
  title: string;
  text: string;
}

function verdictOf(credentials: CredentialsView): Verdict {
  switch (credentials.kind) {
    case "none":
      return {
        tone: "neutral",
        title: "No Content Credentials",
        text: "This file carries no C2PA manifest. That alone says nothing about how it was made: most cameras and apps add none, and editing can strip them.",
      };
    case "unchecked":
      return {
        tone: "neutral",
        title: "Can't check this format here",
        text: `${credentials.reason}${
          credentials.present === true
            ? " The file does hold Content Credentials; check them with another C2PA reader."
            : credentials.present === false
              ? " It holds no Content Credentials either."
              : ""
        }`,
      };
    case "unreadable":
      return { tone: "danger", title: "Content Credentials that can't be read", text: credentials.reason };
    case "read":
      if (!credentials.valid) {
        const changed = credentials.checks.some((c) => c.label === "File contents" && !c.ok);
        return {
          tone: "danger",
          title: "Invalid Content Credentials",
          text: changed
            ? "The file was changed after it was signed, so what its credentials say no longer describes it."
            : "The credentials do not hold: see the checks below.",
        };
      }
      return credentials.trust === "trusted"
        ? { tone: "success", title: "Valid Content Credentials", text: "Signed, unchanged since, and the issuer is on our trust list." }
        : {
            tone: "warning",
            title: "Valid, but the issuer is not on our trust list",
            text: "The signature holds and the file is unchanged since it was signed, but we cannot vouch for who issued the signer's certificate.",
          };
  }
}

function VerdictIcon(props: { tone: Verdict["tone"] }) {
  if (props.tone === "success") return <CheckIcon size={24} />;
  if (props.tone === "neutral") return <ShieldIcon size={24} />;
  return <AlertIcon size={24} />;
}

function Fact(props: { term: string; children: unknown }) {
  return (
    <div class="verify-fact">
      <dt>{props.term}</dt>
      <dd>{props.children as never}</dd>
    </div>
  );
}

function Credentials(props: { credentials: Extract<CredentialsView, { kind: "read" }> }) {
  const c = props.credentials;
  return (
    <section class="verify-section" aria-labelledby="verify-says">
      <h3 id="verify-says" class="verify-section-title">
        {c.valid ? "What the Content Credentials say" : "What the Content Credentials claim (they do not hold, so do not rely on this)"}
      </h3>
      <dl class="verify-facts">
        <Fact term="Made with">{c.claimGenerator ?? <span class="muted">Not stated</span>}</Fact>
        {c.actions.map((action, i) => (
          <Fact key={i} term={ACTIONS[action.action] ?? action.action}>
            <span class="verify-action">
              <span>
                <SourceType code={action.digitalSourceType} />
              </span>
              {action.softwareAgent ? <span>By {action.softwareAgent}</span> : null}
            </span>
          </Fact>
        ))}
        {c.ingredients.length > 0 ? (
          <Fact term="Made from">An earlier file with its own Content Credentials, from {c.ingredients.join(", ")}</Fact>
        ) : null}
        <Fact term="Signed by">{c.signer ?? <span class="muted">Unknown</span>}</Fact>
        <Fact term="Issuer">
          <span class="verify-issuer">
            <span>{c.issuer ?? <span class="muted">Unknown</span>}</span>
            {c.valid ? (
              <span class={`badge ${c.trust === "trusted" ? "badge-success" : "badge-warning"} verify-trust`}>
                {c.trust === "trusted" ? "On our trust list" : "Not on our trust list"}
              </span>
            ) : null}
          </span>
        </Fact>
        <Fact term="Signing time">
          {c.signedAt ? (
            <time datetime={c.signedAt.toISOString()}>{c.signedAt.toLocaleString()}</time>
          ) : (
            <span class="muted">Not stated (the signature has no trusted timestamp)</span>
          )}
        </Fact>
      </dl>
      {c.checks.length > 0 ? (
        <>
          <h3 class="verify-section-title">Checks</h3>
          <ul class="verify-checks">
            {c.checks.map((check) => (
              <li key={check.label} class={check.ok ? "verify-check-ok" : "verify-check-bad"}>
                {check.ok ? <CheckIcon size={16} /> : <AlertIcon size={16} />}
                <span>
                  <strong>{check.label}:</strong> {check.detail}
                </span>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}

function ReportView(props: { report: Report }) {
  const { report } = props;
  const verdict = verdictOf(report.credentials);
  return (
    <article class="card verify-report" aria-labelledby="verify-verdict" data-testid="verify-report" data-file={report.name}>
      <div class={`verify-verdict verify-verdict-${verdict.tone}`}>
        <VerdictIcon tone={verdict.tone} />
        <div>
          <h2 id="verify-verdict" class="verify-verdict-title" data-testid="verify-verdict">
            {verdict.title}
          </h2>
          <p class="verify-verdict-text">{verdict.text}</p>
        </div>
      </div>
      <p class="verify-file muted">
        <span class="verify-file-name">{report.name}</span> · {report.format.label} · {formatBytes(report.bytes)}
      </p>
      {report.credentials.kind === "read" ? <Credentials credentials={report.credentials} /> : null}
      <section class="verify-section" aria-labelledby="verify-xmp">
        <h3 id="verify-xmp" class="verify-section-title">
          Digital source type in the file's metadata (IPTC, XMP)
        </h3>
        {report.xmp ? (
          <>
            <dl class="verify-facts" data-testid="verify-xmp">
              <Fact term="Source">
                <SourceType code={report.xmp.digitalSourceType} />
              </Fact>
              {report.xmp.creatorTool ? <Fact term="Creator tool">{report.xmp.creatorTool}</Fact> : null}
            </dl>
            <p class="verify-note muted">This metadata is not signed: anyone can add, change or remove it.</p>
          </>
        ) : (
          <p class="muted" data-testid="verify-xmp">
            {report.format.kind === "other" ? "Not read for this format." : "None in the file."} Metadata like this is not signed: anyone
            can add or remove it.
          </p>
        )}
      </section>
    </article>
  );
}

/**
 * `/verify`: anyone (no sign-in) chooses a file and sees whether it carries Content Credentials,
 * whether they hold, whether the issuer is one we trust, and what they say. The file is read here in
 * the browser and never sent: only the trust anchors are fetched (`GET /api/provenance/trust-anchors`).
 */
export default function VerifyPage() {
  const [anchors, setAnchors] = useState<string[] | null>(null);
  const [state, setState] = useState<
    { kind: "idle" } | { kind: "reading"; name: string } | { kind: "done"; report: Report } | { kind: "error"; message: string }
  >({ kind: "idle" });
  const [dragging, setDragging] = useState(false);
  const latest = useRef(0);

  useEffect(() => {
    void loadReader();
    fetch(TRUST_ANCHORS_PATH)
      .then(async (res) => setAnchors(res.ok ? ((await res.json()) as TrustAnchorsView).anchors : []))
      // Without the list every valid file reads as "not on our trust list", which is still true of what we know.
      .catch(() => setAnchors([]));
  }, []);

  const check = async (file: File) => {
    const run = ++latest.current;
    setState({ kind: "reading", name: file.name });
    try {
      const { readFile } = await loadReader();
      const list =
        anchors ??
        (await fetch(TRUST_ANCHORS_PATH)
          .then(async (res) => (res.ok ? ((await res.json()) as TrustAnchorsView).anchors : []))
          .catch(() => []));
      const report = await readFile(file, list);
      if (run === latest.current) setState({ kind: "done", report });
    } catch (error) {
      if (run === latest.current) setState({ kind: "error", message: errorMessage(error) });
    }
  };

  const onChange = (event: Event) => {
    const file = (event.target as HTMLInputElement).files?.[0];
    if (file) void check(file);
  };
  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setDragging(false);
    const file = event.dataTransfer?.files[0];
    if (file) void check(file);
  };

  return (
    <div class="verify">
      <header class="verify-header">
        <p class="eyebrow">Content Credentials</p>
        <h1 class="page-title">Check a file</h1>
        <p class="page-description">
          See whether an image or video carries Content Credentials (C2PA), whether they hold, and what they say about how it was made —
          including whether it is AI-generated.
        </p>
      </header>

      <section
        aria-label="Choose a file to check"
        class={`verify-drop ${dragging ? "verify-drop-active" : ""}`}
        onDragOver={(event: DragEvent) => {
          event.preventDefault();
          setDragging(true);
        }}
        onDragLeave={(event: DragEvent) => {
          if (!(event.currentTarget as Element).contains(event.relatedTarget as Node | null)) setDragging(false);
        }}
        onDrop={onDrop}
      >
        <UploadIcon size={28} />
        <label class="btn btn-primary" for="verify-file">
          Choose a file
        </label>
        <input id="verify-file" class="verify-input" type="file" accept="image/*,video/*" onChange={onChange} />
        <p class="verify-drop-hint muted">or drop it here · PNG, JPEG, WebP and MP4</p>
        <p class="verify-private">
          <LockIcon size={16} /> Read here in your browser. The file is never uploaded.
        </p>
      </section>

      <div aria-live="polite">
        {state.kind === "reading" ? (
          <div class="card verify-report" aria-busy="true">
            <p class="muted">Reading {state.name}…</p>
            <Skeleton lines={4} />
          </div>
        ) : null}
        {state.kind === "error" ? <ErrorState title="That file could not be read" message={state.message} /> : null}
        {state.kind === "done" ? <ReportView report={state.report} /> : null}
      </div>

      <section class="verify-about" aria-labelledby="verify-about-title">
        <h2 id="verify-about-title" class="verify-section-title">
          What this checks
        </h2>
        <ul>
          <li>
            <strong>Valid</strong>: the manifest's signature matches its certificate, and the file has not changed since it was signed.
          </li>
          <li>
            <strong>Trusted</strong>: the signing certificate was issued by a certificate authority on our trust list
            {anchors === null ? "" : anchors.length === 0 ? " (no issuer is configured on it yet)" : ""}. A valid file from an issuer we do
            not know says so.
          </li>
          <li>
            <strong>Digital source type</strong>: what the file says about its origin — "made by a trained AI model" for everything Ausar
            generates — in the signed credentials and in the file's unsigned metadata.
          </li>
        </ul>
        <p class="muted">
          Content Credentials show who signed a file and what they declared; they cannot prove a file without them is genuine. A video's
          signature is checked here up to 32 MB; a larger one is only looked through for its boxes.
        </p>
      </section>
    </div>
  );
}
