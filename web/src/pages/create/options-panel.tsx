import type { ModelView } from "../../../../shared/generation";
import { type AspectRatio, NEGATIVE_PROMPT_MAX_CHARS, SEED_MAX } from "../../../../shared/models";
import { FieldError } from "../../components/field";
import type { FormState } from "./form-state";

export interface OptionsProps {
  model: ModelView;
  state: FormState;
  update: (patch: Partial<FormState>) => void;
  fieldError: (name: string) => string | undefined;
}

const RATIO_NAMES: Record<AspectRatio, string> = {
  "1:1": "Square",
  "16:9": "Wide",
  "9:16": "Tall",
  "4:3": "Landscape",
  "3:4": "Portrait",
  "3:2": "Photo",
  "2:3": "Photo portrait",
};

/** Aspect ratio as buttons drawn in their own shape. */
function Shapes(props: OptionsProps) {
  const error = props.fieldError("aspectRatio");
  return (
    <fieldset class="option-group">
      <legend class="field-label">Shape</legend>
      <div class="shape-options">
        {props.model.aspectRatios.map((ratio) => (
          <label key={ratio} class="shape-option" title={RATIO_NAMES[ratio]}>
            <input
              type="radio"
              name="aspectRatio"
              value={ratio}
              checked={props.state.aspectRatio === ratio}
              onChange={() => props.update({ aspectRatio: ratio })}
              class="visually-hidden"
            />
            <span class={`shape-swatch shape-${ratio.replace(":", "-")}`} aria-hidden="true" />
            <span class="shape-label">{ratio}</span>
          </label>
        ))}
      </div>
      <FieldError error={error} id="aspect-error" />
    </fieldset>
  );
}

/** A row of radio "pills" for small number choices (count, duration). */
function Choices(props: {
  legend: string;
  name: string;
  values: readonly number[];
  selected: number;
  unit?: string;
  onSelect: (v: number) => void;
  error?: string;
}) {
  return (
    <fieldset class="option-group">
      <legend class="field-label">{props.legend}</legend>
      <div class="segmented segmented-compact">
        {props.values.map((value) => (
          <label key={value} class="segmented-option">
            <input
              type="radio"
              name={props.name}
              value={String(value)}
              checked={props.selected === value}
              onChange={() => props.onSelect(value)}
            />
            {value}
            {props.unit ?? ""}
          </label>
        ))}
      </div>
      <FieldError error={props.error} id={`${props.name}-error`} />
    </fieldset>
  );
}

/** A seed to pin when none was typed or reused yet, so "Pinned" always states the number it repeats. */
const randomSeed = () => crypto.getRandomValues(new Uint32Array(1))[0]! % (SEED_MAX + 1);

/**
 * Random or pinned, saying which: random draws a new seed each run (also after "reuse settings");
 * pinned sends the typed seed, so the same prompt gives the same picture.
 */
function SeedControl(props: { state: FormState; update: (patch: Partial<FormState>) => void; error?: string }) {
  const { state, update, error } = props;
  const pinned = state.seedMode === "pinned";
  return (
    <fieldset class={`option-group seed-control${error ? " field-invalid" : ""}`} aria-describedby="seed-hint">
      <legend class="field-label">Seed</legend>
      <div class="segmented segmented-compact">
        <label class="segmented-option">
          <input type="radio" name="seedMode" value="random" checked={!pinned} onChange={() => update({ seedMode: "random" })} />
          Random
        </label>
        <label class="segmented-option">
          <input
            type="radio"
            name="seedMode"
            value="pinned"
            checked={pinned}
            onChange={() => update({ seedMode: "pinned", seed: state.seed.trim() || String(randomSeed()) })}
          />
          Pinned
        </label>
      </div>
      {pinned ? (
        <input
          id="create-seed"
          class="input"
          name="seed"
          inputMode="numeric"
          aria-label="Seed to pin"
          placeholder="A whole number"
          value={state.seed}
          onInput={(event: Event) => update({ seed: (event.currentTarget as HTMLInputElement).value })}
          aria-invalid={error ? "true" : undefined}
          aria-describedby={error ? "seed-error seed-hint" : "seed-hint"}
        />
      ) : null}
      <p class="field-hint" id="seed-hint" data-testid="seed-hint">
        {pinned
          ? "Pinned: the same prompt and seed give the same picture."
          : state.seed.trim()
            ? `Random: each run draws a new seed (the reused one was ${state.seed.trim()}; pin it to repeat that picture).`
            : "Random: each run draws a new seed."}
      </p>
      <FieldError error={error} id="seed-error" />
    </fieldset>
  );
}

/** The options the chosen model takes: shape, count or duration, seed, negative prompt. */
export function OptionsPanel(props: OptionsProps) {
  const { model, state, update, fieldError } = props;
  const counts = Array.from({ length: model.maxCount }, (_, i) => i + 1);
  const seedError = fieldError("seed");
  const negativeError = fieldError("negativePrompt");
  return (
    <div class="options-body">
      <Shapes {...props} />
      {model.kind === "image" && model.maxCount > 1 ? (
        <Choices
          legend="Images"
          name="count"
          values={counts}
          selected={state.count}
          onSelect={(count) => update({ count })}
          error={fieldError("count")}
        />
      ) : null}
      {model.durations ? (
        <Choices
          legend="Length"
          name="durationSeconds"
          values={model.durations.options}
          selected={state.durationSeconds}
          unit=" s"
          onSelect={(durationSeconds) => update({ durationSeconds })}
          error={fieldError("durationSeconds")}
        />
      ) : null}
      {model.seed ? <SeedControl state={state} update={update} error={seedError} /> : null}
      {model.negativePrompt ? (
        <div class={`field${negativeError ? " field-invalid" : ""}`}>
          <label class="field-label" for="create-negative">
            Avoid
          </label>
          <input
            id="create-negative"
            class="input"
            name="negativePrompt"
            maxLength={NEGATIVE_PROMPT_MAX_CHARS}
            placeholder="Things to leave out (optional)"
            value={state.negativePrompt}
            onInput={(event: Event) => update({ negativePrompt: (event.currentTarget as HTMLInputElement).value })}
            aria-invalid={negativeError ? "true" : undefined}
            aria-describedby={negativeError ? "negative-error" : undefined}
          />
          <FieldError error={negativeError} id="negative-error" />
        </div>
      ) : null}
    </div>
  );
}
