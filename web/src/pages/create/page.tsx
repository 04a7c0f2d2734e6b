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
import type { PageProps } from "../../router/routes";
import { blocker, costOf, EMPTY_FORM, type FormState, fitToModel, fromJob, toRequest } from "./form-state";
import { GenerateBar } from "./generate-bar";
import { ModelPicker } from "./model-picker";
import { OptionsPanel } from "./options-panel";
import { References } from "./references";
import { ResultsStrip } from "./results-strip";
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

/** `/create`: prompt, model, options, a Generate button that states the price, and live results. */
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
  const [now, setNow] = useState(Date.now());
  const [wide] = useState(() => window.matchMedia("(min-width: 960px)").matches);
  // One key per form content: a retry after a lost answer cannot start the same job twice.
  const idempotencyKey = useRef<string | null>(null);

  const onJob = (job: JobView) => setJobs((list) => upsertJob(list, job, { addIfMissing: true }).slice(0, 12));
  const { canceling, cancel } = useCancel(onJob);
  useLiveJobs(jobs, onJob);
  useTicker(
    jobs.some((j) => !isOver(j)),
    setNow,
  );

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
      <div class="page">
        <PageHeader title="Create" description="Describe an image or a video and pick a model." />
        <Skeleton lines={4} />
      </div>
    );
  }
  if (models.kind === "error") {
    return (
      <div class="page">
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

  const submit = (event: Event) => {
    event.preventDefault();
    if (pending || blocked || standing) return;
    idempotencyKey.current ??= crypto.randomUUID();
    setPending(true);
    setError(null);
    generationApi
      .create(toRequest(state, model), idempotencyKey.current)
      .then((job) => {
        idempotencyKey.current = null;
        onJob(job);
      })
      .catch((e: unknown) => {
        setError(e instanceof ApiError ? e : new ApiError(0, "internal", "Something went wrong. Please try again."));
        requestAnimationFrame(() =>
          document.querySelector<HTMLElement>('.create-form [aria-invalid="true"], .create-form .notice-error')?.focus(),
        );
      })
      .finally(() => setPending(false));
  };

  const promptError = fieldError("prompt");
  return (
    <div class="page create-page">
      <PageHeader title="Create" description="Describe an image or a video and pick a model." />
      {notice ? <Notice tone="info">{notice}</Notice> : null}
      <form class="create-form" onSubmit={submit} noValidate>
        <div class="create-main">
          <div class={`field${promptError ? " field-invalid" : ""}`}>
            <label class="field-label" for="create-prompt">
              Prompt
            </label>
            <textarea
              id="create-prompt"
              class="input prompt-box"
              name="prompt"
              rows={5}
              maxLength={PROMPT_MAX_CHARS}
              placeholder="A lighthouse on a cliff at dusk, warm light, long exposure…"
              value={state.prompt}
              onInput={(e: Event) => update({ prompt: (e.currentTarget as HTMLTextAreaElement).value })}
              aria-invalid={promptError ? "true" : undefined}
              aria-describedby={promptError ? "prompt-count prompt-error" : "prompt-count"}
              autofocus
            />
            <p class="field-hint prompt-count" id="prompt-count">
              {state.prompt.length} / {PROMPT_MAX_CHARS}
            </p>
            <FieldError error={promptError} id="prompt-error" />
          </div>
          <ModelPicker models={models.models} selected={model.id} onSelect={selectModel} />
          {fieldError("model") ? <p class="field-error">{fieldError("model")}</p> : null}
          {formError ? (
            <Notice tone="error" title="Not started">
              {formError.message} <RefusalActions code={formError.code} standing={standing} />
            </Notice>
          ) : null}
          <GenerateBar cost={cost} available={available} pending={pending} blocked={blocked} standing={standing} />
        </div>
        <details class="options-panel card" open={wide}>
          <summary class="options-summary">Options</summary>
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
          <h2 id="results-title" class="card-title">
            Results
          </h2>
          <a class="btn btn-ghost btn-small" href="/history">
            All history
          </a>
        </div>
        <ResultsStrip jobs={jobs} now={now} onCancel={cancel} canceling={canceling} />
      </section>
    </div>
  );
}
