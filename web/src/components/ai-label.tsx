import { AI_LABEL } from "../../../shared/ai-label";

/**
 * The "AI-generated" label (see `shared/ai-label.ts`). Uploads never get it. `compact` adds the short
 * form, which the CSS shows instead where the label's place is too narrow for the words (small tiles).
 */
export function AiLabel(props: { class?: string; compact?: boolean }) {
  return (
    <span class={`ai-label ${props.class ?? ""}`} title={AI_LABEL.title}>
      {props.compact ? (
        <>
          <span class="ai-label-full">{AI_LABEL.text}</span>
          <span class="ai-label-short">{AI_LABEL.short}</span>
        </>
      ) : (
        AI_LABEL.text
      )}
    </span>
  );
}
