import { useEffect, useState } from "hono/jsx/dom";
import type { ExportView } from "../../../../../shared/privacy";
import { privacyApi } from "../../../api/privacy";
import { ErrorState, Notice, Skeleton } from "../../../components/feedback";
import { ApiError, errorMessage } from "../../../lib/api";
import { formatBytes, formatDate } from "../../../lib/format";
import { useResource } from "../../../lib/resource";
import { toast } from "../../../lib/toasts";

/** How often a building export is checked on. */
const POLL_MS = 1500;

const inFlight = (view: ExportView | null) => view?.status === "queued" || view?.status === "building";

/**
 * Starts the download through the browser (streamed to disk, never held by the page). A cheap API
 * call first lets an expired access cookie be refreshed, which a plain link could not do.
 */
async function download(view: ExportView): Promise<void> {
  try {
    const current = await privacyApi.exportById(view.id);
    if (!current.downloadUrl) throw new ApiError(404, "not_found", "This archive has expired. Please make a new one.");
    location.assign(current.downloadUrl);
  } catch (error) {
    toast({ tone: "error", title: "The download did not start", body: errorMessage(error) });
  }
}

function Status(props: { view: ExportView }) {
  const { view } = props;
  if (inFlight(view)) {
    return (
      <p class="export-progress" role="status">
        <span class="spinner" aria-hidden="true" /> Preparing your archive… You can leave this page; it keeps going.
      </p>
    );
  }
  if (view.status === "ready" && view.downloadUrl) {
    return (
      <div class="export-ready">
        <p role="status">
          Your archive is ready{view.bytes ? ` (${formatBytes(view.bytes)})` : ""}. It can be downloaded until{" "}
          {view.expiresAt ? formatDate(view.expiresAt) : "it expires"}.
        </p>
        <a
          class="btn btn-primary"
          href={view.downloadUrl}
          download
          onClick={(event: Event) => {
            event.preventDefault();
            void download(view);
          }}
        >
          Download ZIP
        </a>
      </div>
    );
  }
  if (view.status === "failed")
    return (
      <Notice tone="error" title="Your last export failed">
        {view.error ?? "Please try again."}
      </Notice>
    );
  return <p class="card-text muted">Your last archive, made {formatDate(view.createdAt)}, has expired and was deleted.</p>;
}

/** "Download my data": builds a ZIP of everything held about the person, shows progress, then the link. */
export function ExportSection() {
  const [load, reload, setLatest] = useResource(privacyApi.latestExport);
  const [starting, setStarting] = useState(false);
  const latest = load.kind === "ready" ? load.value : null;

  // While the archive is being built, ask for its state every POLL_MS.
  useEffect(() => {
    if (!latest || !inFlight(latest)) return;
    const timer = setTimeout(() => {
      privacyApi
        .exportById(latest.id)
        .then(setLatest)
        // A failed check (offline, a blip) keeps the last state; a copy of it schedules the next check.
        .catch(() => setLatest({ ...latest }));
    }, POLL_MS);
    return () => clearTimeout(timer);
  }, [latest]);

  const start = async () => {
    setStarting(true);
    try {
      setLatest(await privacyApi.startExport());
    } catch (error) {
      toast({ tone: "error", title: "Your export did not start", body: errorMessage(error) });
    } finally {
      setStarting(false);
    }
  };

  return (
    <section class="card account-section" aria-labelledby="export-title">
      <h2 id="export-title" class="card-title">
        Download your data
      </h2>
      <p class="card-text">
        A ZIP file with everything we hold about you: a machine-readable <code>ausar-export.json</code> (profile, consents, sign-ins,
        generations and prompts, credits, payments, gallery details) and every image and video you uploaded or made. It stays available for
        7 days.
      </p>
      {load.kind === "loading" ? <Skeleton lines={1} /> : null}
      {load.kind === "error" ? <ErrorState message={load.message} onRetry={() => void reload()} /> : null}
      {latest ? <Status view={latest} /> : null}
      {load.kind === "ready" && !inFlight(latest) ? (
        <div class="form-footer">
          <button
            type="button"
            class={`btn ${latest?.status === "ready" ? "btn-secondary" : "btn-primary"}`}
            disabled={starting}
            onClick={() => void start()}
          >
            {starting ? <span class="spinner" aria-hidden="true" /> : null}
            {latest?.status === "ready" ? "Make a new archive" : "Download my data"}
          </button>
        </div>
      ) : null}
    </section>
  );
}
