import type { ModelView } from "../../../../shared/generation";
import { describeCost } from "../../../../shared/models";

/** The models as cards (a radio group): kind, provider and price on each. */
export function ModelPicker(props: { models: ModelView[]; selected: string; onSelect: (id: string) => void }) {
  return (
    <fieldset class="model-picker">
      <legend class="field-label">Model</legend>
      <div class="model-cards">
        {props.models.map((model) => (
          <label key={model.id} class={`model-card${model.id === props.selected ? " model-card-selected" : ""}`}>
            <input
              type="radio"
              name="model"
              value={model.id}
              checked={model.id === props.selected}
              onChange={() => props.onSelect(model.id)}
              class="visually-hidden"
            />
            <span class="model-card-top">
              <span class="model-name">{model.name}</span>
              <span class={`badge${model.kind === "video" ? " badge-accent" : ""}`}>{model.kind === "video" ? "Video" : "Image"}</span>
            </span>
            <span class="model-provider muted">{model.providerName}</span>
            <span class="model-price">{describeCost(model.cost)}</span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}
