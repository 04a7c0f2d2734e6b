import { AI_LABEL } from "../../../shared/ai-label";

/** The "AI-generated" label (see `shared/ai-label.ts`). Uploads never get it. */
export function AiLabel(props: { class?: string }) {
  return (
    <span class={`ai-label ${props.class ?? ""}`} title={AI_LABEL.title}>
      {AI_LABEL.text}
    </span>
  );
}
