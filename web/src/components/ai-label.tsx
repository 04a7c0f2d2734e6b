/**
 * The plain-words label on everything a model made (EU AI Act Art. 50: people told at first sight);
 * the files themselves carry the machine-readable mark. Uploads never get it.
 */
export function AiLabel(props: { class?: string }) {
  return (
    <span class={`ai-label ${props.class ?? ""}`} title="Made by an AI model. Its file is marked as AI-generated too.">
      AI-generated
    </span>
  );
}
