import { useEffect, useRef, useState } from "hono/jsx/dom";
import type { JobView, ModelView } from "../../../../shared/generation";
import type { MediaView } from "../../../../shared/media";
import { PROMPT_MAX_CHARS } from "../../../../shared/models";
import { generationApi } from "../../api/generation";
import { mediaApi } from "../../api/media";
import { ErrorState, Notice, PageHeader, Skeleton } from "../../components/feedback";
import { FieldError } from "../../components/field";
import { type SpendBlock, SpendBlockActions, spendBlock } from "../../features/account-standing/standing";
import { isOver, upsertJob } from "../../features/generation/job-status";
import { useCancel } from "../../features/generation/use-cancel";
import { useLiveJobs, useTicker } from "../../features/generation/use-live-jobs";
import { ApiError, errorMessage } from "../../lib/api";
import { sessionStore } from "../../lib/session";
import { useStore } from "../../lib/store";
import { toast } from "../../lib/toasts";
import type { PageProps } from "../../router/routes";
import { ConfirmDialog } from "../gallery/confirm-dialog";
import { Lightbox } from "../gallery/lightbox";
import { SharePanel } from "../gallery/share-panel";
import { blocker, costOf, EMPTY_FORM, type FormState, fitToModel, fromJob, toRequest } from "./form-state";
import { GenerateBar } from "./generate-bar";
import { ModelPicker } from "./model-picker";
import { OptionsPanel } from "./options-panel";
import { QueuePanel } from "./queue-panel";
import { References } from "./references";
import { ResultsFeed } from "./results-feed";
import { announcement, draftJob, isDraft, replaceDraft, withMedia } from "./results-state";
import "./create.css";

type Models = { kind: "loading" } | { kind: "error"; message: string } | { kind: "ready"; models: ModelView[] };

const FORM_FIELDS = ["model", "prompt", "negativePrompt", "aspectRatio", "count", "seed", "durationSeconds", "inputMediaIds"];
/** Fills the form from `?from=<job>` ("reuse settings") or `?reference=<media>` ("use as reference"). */
async function initialForm(
  models: ModelView[],
  query: URLSearchParams,
): Promise<{ state: FormState; extra: MediaView[]; notice: string | null }> {
  const fallback = models.find((m) => m.kind === "image") ?? models[0]!;
  const from = query.get("from");
  if (from) {
    const job = await generationApi.job(from).catch(() => null);
    if (!job) return { state: fitToModel(EMPTY_FORM, fallback), extra: [], notice: "The settings of that generation could not be loaded." };
    const model = models.find((m) => m.id === job.model);
    const state = fitToModel(fromJob(job), model ?? fallback);
    return {
      state,
      extra: [],
      notice: model ? null : "That model is not offered any more: the prompt and settings were kept for another one.",
    };
  }
  const reference = query.get("reference");
  if (reference) {
    const media = await mediaApi.get(reference).catch(() => null);
    const model = models.find((m) => m.kind === "image" && m.inputs.max > 0);
    if (media && model) return { state: fitToModel({ ...EMPTY_FORM, inputMediaIds: [media.id] }, model), extra: [media], notice: null };
    return { state: fitToModel(EMPTY_FORM, fallback), extra: [], notice: "That picture cannot be used as a reference here." };
  }
  return { state: fitToModel(EMPTY_FORM, fallback), extra: [], notice: null };
}

/** The way out of a 402: Billing when short, and for a debt or a review what the notice says. */
function RefusalActions(props: { code: string; standing: SpendBlock | null }) {
  if (props.code === "insufficient_credits") return <a href="/billing">Buy credits</a>;
  if (props.code === "credit_debt") return <SpendBlockActions block={props.standing ?? { code: "credit_debt", debt: 0 }} />;
  if (props.code === "account_flagged") return <SpendBlockActions block={{ code: "account_flagged" }} />;
  return null;
}

/** Whether a key press in the prompt sends the form: Enter in a one-line prompt, Ctrl/⌘+Enter always. */
function submitsForm(event: KeyboardEvent, prompt: string): boolean {
  if (event.key !== "Enter" || event.isComposing) return false;
  if (event.ctrlKey || event.metaKey) return true;
  return !event.shiftKey && !event.altKey && !prompt.includes("\n");
}

const IS_MAC = /Mac|iPhone|iPad/.test(navigator.platform);

/**
 * `/create`: a prompt bar (sticky, Generate inside it) with the results right under it as a feed,
 * newest first; model and options in a side panel that folds away on phones. Pressing Generate puts
 * a placeholder of the right shape at the top of the feed at once, replaced in place by the result.
 */
export default function CreatePage(props: PageProps) {
  const session = useStore(sessionStore);
  const available = session.status === "signed-in" ? session.credits.available : null;
  const [models, setModels] = useState<Models>({ kind: "loading" });
  const [state, setState] = useState<FormState>(EMPTY_FORM);
  const [extraRefs, setExtraRefs] = useState<MediaView[]>([]);
  const [notice, setNotice] = useState<string | null>(null);
  const [jobs, setJobs] = useState<JobView[]>([]);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [emptyTried, setEmptyTried] = useState(false);
  const [now, setNow] = useState(Date.now());
  const [wide] = useState(() => window.matchMedia("(min-width: 960px)").matches);
  const [live, setLive] = useState("");
  const [viewing, setViewing] = useState<string | null>(null);
  const [sharing, setSharing] = useState<string | null>(null);
  const [deleting, setDeleting] = useState<MediaView | null>(null);
  const [deleteBusy, setDeleteBusy] = useState(false);
  const [deleteError, setDeleteError] = useState<string | null>(null);
  // One key per form content: a retry after a lost answer cannot start the same job twice.
  const idempotencyKey = useRef<string | null>(null);
  // A job that replaced its placeholder keeps the placeholder's key, so its card is updated, not remounted.
  const cardKeys = useRef(new Map<string, string>());
  // Jobs started here, whose start, progress and end the live region announces (and what it said last).
  const announced = useRef(new Map<string, string>());

  const onJob = (job: JobView) => setJobs((list) => replaceDraft(list, job, cardKeys.current).slice(0, 12));
  const { canceling, cancel } = useCancel(onJob);
  useLiveJobs(
    jobs.filter((j) => !isDraft(j)),
    onJob,
  );
  useTicker(
    jobs.some((j) => !isOver(j)),
    setNow,
  );

  // Start, progress and finish of this page's jobs, said once each in the polite live region.
  useEffect(() => {
    const said: string[] = [];
    for (const job of jobs) {
      const key = cardKeys.current.get(job.id) ?? job.id;
      const last = announced.current.get(key);
      if (last === undefined) continue;
      const text = announcement(job);
      if (text !== last) {
        announced.current.set(key, text);
        said.push(text);
      }
    }
    if (said.length > 0) setLive(said.join(" "));
  }, [jobs]);

  const load = () => {
    setModels({ kind: "loading" });
    generationApi
      .models()
      .then(async (list) => {
        if (list.length === 0) throw new ApiError(503, "unavailable", "No models are available right now.");
        const initial = await initialForm(list, props.query);
        setState(initial.state);
        setExtraRefs(initial.extra);
        setNotice(initial.notice);
        setModels({ kind: "ready", models: list });
      })
      .catch((e: unknown) => setModels({ kind: "error", message: errorMessage(e) }));
    generationApi.list({ limit: 6 }).then(
      (page) => setJobs((list) => page.items.reduce((acc, job) => upsertJob(acc, job, { addIfMissing: true }), list)),
      () => undefined,
    );
  };
  useEffect(load, [props.query.get("from"), props.query.get("reference")]);

  if (models.kind === "loading") {
    return (
      <div class="page create-page">
        <PageHeader title="Create" />
        <Skeleton lines={4} />
      </div>
    );
  }
  if (models.kind === "error") {
    return (
      <div class="page create-page">
        <PageHeader title="Create" />
        <ErrorState message={models.message} onRetry={load} />
      </div>
    );
  }

  const model = models.models.find((m) => m.id === state.modelId) ?? models.models[0]!;
  const update = (patch: Partial<FormState>) => {
    idempotencyKey.current = null;
    setError(null);
    setState((s) => ({ ...s, ...patch }));
  };
  const selectModel = (id: string) => {
    const next = models.models.find((m) => m.id === id);
    if (next) update(fitToModel(state, next));
  };
  const cost = costOf(state, model);
  const blocked = blocker(state, model);
  // A debt left by a refund or dispute, or a review, pauses generation (the API refuses with 402 too).
  const standing = spendBlock(session.status === "signed-in" ? session.credits : null);
  const fieldError = (name: string) => error?.issueFor(name);
  const formError = error && !FORM_FIELDS.some((f) => error.issueFor(f)) ? error : null;
  const promptField = () => document.getElementById("create-prompt") as HTMLTextAreaElement | null;

  const submit = (event: Event) => {
    event.preventDefault();
    if (!state.prompt.trim()) {
      // Only reachable from the keyboard (the button is disabled): say so next to the prompt.
      setEmptyTried(true);
      promptField()?.focus();
      return;
    }
    if (pending || blocked || standing) return;
    idempotencyKey.current ??= crypto.randomUUID();
    const draft = draftJob(state, model, cost);
    announced.current.set(draft.id, announcement(draft));
    setLive(announcement(draft));
    setJobs((list) => [draft, ...list].slice(0, 12));
    setPending(true);
    setError(null);
    // Focus stays in (or returns to) the prompt: the next idea can be typed at once.
    promptField()?.focus();
    generationApi
      .create(toRequest(state, model), idempotencyKey.current)
      .then((job) => {
        idempotencyKey.current = null;
        setJobs((list) => replaceDraft(list, job, cardKeys.current, draft.id).slice(0, 12));
      })
      .catch((e: unknown) => {
        setJobs((list) => list.filter((j) => j.id !== draft.id));
        announced.current.delete(draft.id);
        setLive("Not started.");
        setError(e instanceof ApiError ? e : new ApiError(0, "internal", "Something went wrong. Please try again."));
        requestAnimationFrame(() =>
          document.querySelector<HTMLElement>('.create-form [aria-invalid="true"], .create-page .notice-error')?.focus(),
        );
      })
      .finally(() => setPending(false));
  };

  const changeMedia = (media: MediaView | null, id: string) =>
    setJobs((list) => list.map((job) => (job.media.some((m) => m.id === id) ? withMedia(job, id, media) : job)));

  const toggleFavorite = (media: MediaView) => {
    const changed = { ...media, favorite: !media.favorite };
    changeMedia(changed, media.id);
    mediaApi.setFavorite(media.id, changed.favorite).catch((e: unknown) => {
      changeMedia(media, media.id);
      toast({ tone: "error", title: "Favourite not saved", body: errorMessage(e), key: "favorite" });
    });
  };

  const reuse = (job: JobView) => {
    const next = models.models.find((m) => m.id === job.model);
    update(fitToModel(fromJob(job), next ?? model));
    setExtraRefs([]);
    setNotice(next ? null : "That model is not offered any more: the prompt and settings were kept for another one.");
    setLive(`Settings of ${job.prompt} are in the form. The seed is random; pin it to repeat the picture.`);
    window.scrollTo({ top: 0 });
    promptField()?.focus();
  };

  const useAsReference = (media: MediaView) => {
    const target = model.inputs.max > 0 ? model : models.models.find((m) => m.kind === "image" && m.inputs.max > 0);
    if (!target) {
      toast({ tone: "error", title: "No model here takes a reference image", key: "reference" });
      return;
    }
    const ids = state.inputMediaIds.includes(media.id) ? state.inputMediaIds : [...state.inputMediaIds, media.id].slice(-target.inputs.max);
    update(fitToModel({ ...state, inputMediaIds: ids }, target));
    setExtraRefs((list) => [media, ...list.filter((m) => m.id !== media.id)]);
    setLive(`Added as a reference image${target.id === model.id ? "" : ` for ${target.name}`}.`);
    toast({
      tone: "success",
      title: "Added as a reference",
      body: target.id === model.id ? undefined : `Model: ${target.name}`,
      key: "reference",
    });
  };

  const copyPrompt = (job: JobView) => {
    const copied = navigator.clipboard?.writeText(job.prompt) ?? Promise.reject(new Error("no clipboard"));
    copied.then(
      () => toast({ tone: "success", title: "Prompt copied", key: "copy" }),
      () => toast({ tone: "error", title: "The prompt could not be copied", key: "copy" }),
    );
  };

  const viewerItems = jobs.flatMap((job) => (job.status === "succeeded" ? job.media : []));
  const viewIndex = viewing ? viewerItems.findIndex((m) => m.id === viewing) : -1;

  const confirmDelete = () => {
    if (!deleting) return;
    const media = deleting;
    setDeleteBusy(true);
    setDeleteError(null);
    mediaApi
      .remove(media.id)
      .then(() => {
        const rest = viewerItems.filter((m) => m.id !== media.id);
        if (viewing === media.id) setViewing(rest[Math.min(viewIndex, rest.length - 1)]?.id ?? null);
        changeMedia(null, media.id);
        setDeleting(null);
        toast({ tone: "success", title: "Deleted", key: "delete" });
      })
      .catch((e: unknown) => setDeleteError(errorMessage(e)))
      .finally(() => setDeleteBusy(false));
  };

  const running = jobs.filter((j) => !isOver(j));
  const promptError = fieldError("prompt") ?? (emptyTried && !state.prompt.trim() ? "Write a prompt first." : undefined);
  const multiLine = state.prompt.includes("\n");
  const submitKeys = multiLine ? `${IS_MAC ? "⌘" : "Ctrl"}+Enter to generate` : "Enter to generate · Shift+Enter for a new line";
  const seedSummary = model.seed ? (state.seedMode === "pinned" ? `seed ${state.seed.trim() || "?"}` : "random seed") : null;
  return (
    <div class="page create-page">
      <PageHeader title="Create" />
      {notice ? <Notice tone="info">{notice}</Notice> : null}
      <div class="create-layout">
        <form id="create-form" class="create-form" onSubmit={submit} noValidate>
          <div class="prompt-bar">
            <div class={`field prompt-field${promptError ? " field-invalid" : ""}`}>
              <label class="field-label visually-hidden" for="create-prompt">
                Prompt
              </label>
              <textarea
                id="create-prompt"
                class="input prompt-box"
                name="prompt"
                rows={2}
                maxLength={PROMPT_MAX_CHARS}
                placeholder="Describe an image or a video…"
                value={state.prompt}
                onInput={(e: Event) => {
                  setEmptyTried(false);
                  update({ prompt: (e.currentTarget as HTMLTextAreaElement).value });
                }}
                onKeyDown={(e: KeyboardEvent) => {
                  if (!submitsForm(e, state.prompt)) return;
                  e.preventDefault();
                  (e.currentTarget as HTMLTextAreaElement).form?.requestSubmit();
                }}
                aria-invalid={promptError ? "true" : undefined}
                aria-describedby={promptError ? "prompt-error prompt-count" : "prompt-count"}
                autofocus
              />
              <p class="field-hint prompt-count" id="prompt-count">
                <span class="prompt-keys">{submitKeys}</span>
                <span>
                  {state.prompt.length} / {PROMPT_MAX_CHARS}
                </span>
              </p>
              <FieldError error={promptError} id="prompt-error" />
            </div>
            {formError ? (
              <Notice tone="error" title="Not started">
                {formError.message} <RefusalActions code={formError.code} standing={standing} />
              </Notice>
            ) : null}
            <GenerateBar cost={cost} available={available} pending={pending} blocked={blocked} standing={standing} />
          </div>
          <details class="options-panel card" open={wide}>
            <summary class="options-summary">
              Model and options
              <span class="muted options-summary-detail">
                {" "}
                · {model.name} · {state.aspectRatio}
                {seedSummary ? ` · ${seedSummary}` : ""}
              </span>
            </summary>
            <ModelPicker models={models.models} selected={model.id} onSelect={selectModel} />
            {fieldError("model") ? <p class="field-error">{fieldError("model")}</p> : null}
            <OptionsPanel model={model} state={state} update={update} fieldError={fieldError} />
            {model.inputs.max > 0 ? (
              <References
                model={model}
                selected={state.inputMediaIds}
                onChange={(inputMediaIds) => update({ inputMediaIds })}
                extra={extraRefs}
                error={fieldError("inputMediaIds")}
              />
            ) : null}
          </details>
        </form>
        <section class="create-results" aria-labelledby="results-title">
          <div class="results-head">
            <h2 id="results-title" class="results-title">
              Results
            </h2>
            <a class="btn btn-ghost btn-small" href="/history">
              All history
            </a>
          </div>
          <ResultsFeed
            jobs={jobs}
            now={now}
            cardKey={(job) => cardKeys.current.get(job.id) ?? job.id}
            canceling={canceling}
            sharing={sharing}
            sharePanel={(id) => <SharePanel mediaId={id} canShowPrompt />}
            actions={{
              onOpen: (media) => setViewing(media.id),
              onFavorite: toggleFavorite,
              onShare: (media) => setSharing(sharing === media.id ? null : media.id),
              onUseAsReference: useAsReference,
              onCopyPrompt: copyPrompt,
              onReuse: reuse,
              onCancel: cancel,
            }}
          />
        </section>
      </div>
      <QueuePanel jobs={running} now={now} canceling={canceling} onCancel={cancel} />
      <p class="visually-hidden" role="status" aria-live="polite" data-testid="create-live">
        {live}
      </p>
      {viewIndex !== -1 ? (
        <Lightbox
          items={viewerItems}
          index={viewIndex}
          hasMore={false}
          onIndex={(index) => setViewing(viewerItems[index]?.id ?? null)}
          onLoadMore={() => Promise.resolve()}
          onClose={() => setViewing(null)}
          onFavorite={toggleFavorite}
          onDelete={(media) => setDeleting(media)}
        />
      ) : null}
      {deleting ? (
        <ConfirmDialog
          title="Delete this item?"
          text="It is removed from your gallery and from our storage for good. This cannot be undone."
          confirmLabel="Delete"
          busy={deleteBusy}
          error={deleteError}
          onConfirm={confirmDelete}
          onCancel={() => {
            setDeleting(null);
            setDeleteError(null);
          }}
        />
      ) : null}
    </div>
  );
}
