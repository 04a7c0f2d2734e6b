import { z } from "zod";
import type { ModelView } from "../../shared/generation";
import { optionsSchema } from "../../shared/model-options";
import { MODEL_CATALOG, type ModelDef, PROVIDER_NAMES } from "../../shared/models";
import type { ProviderRegistry } from "./providers/registry";

/** The catalog entries whose provider is enabled here: the only models anyone may use. */
export function availableModels(providers: ProviderRegistry, catalog: readonly ModelDef[] = MODEL_CATALOG): ModelDef[] {
  return catalog.filter((model) => providers.has(model.provider));
}

/** The enabled model with this id, or undefined. */
export function availableModel(providers: ProviderRegistry, id: string): ModelDef | undefined {
  return availableModels(providers).find((model) => model.id === id);
}

// Catalog entries never change, so each view (its JSON Schema is the costly part) is built once per isolate.
const views = new WeakMap<ModelDef, ModelView>();

/** A model as `GET /api/models` shows it: its pricing, its limits and the JSON Schema of its options. */
export function toModelView(model: ModelDef): ModelView {
  let view = views.get(model);
  if (!view) {
    view = buildView(model);
    views.set(model, view);
  }
  return view;
}

function buildView(model: ModelDef): ModelView {
  const view: ModelView = {
    id: model.id,
    kind: model.kind,
    name: model.name,
    description: model.description,
    provider: model.provider,
    providerName: PROVIDER_NAMES[model.provider],
    providerModel: model.providerModel,
    cost: model.cost,
    params: z.toJSONSchema(optionsSchema(model), { io: "input" }) as Record<string, unknown>,
    aspectRatios: model.aspectRatios,
    maxCount: model.maxCount,
    inputs: model.inputs,
    negativePrompt: model.negativePrompt,
    seed: model.seed,
  };
  if (model.durations) view.durations = model.durations;
  return view;
}
