/**
 * The plain-words label on everything a model made (EU AI Act Art. 50: people told at first sight),
 * in the app and on public share pages alike; the files themselves carry the machine-readable mark.
 */
export const AI_LABEL = {
  text: "AI-generated",
  /** Where the words do not fit (a small tile); the title still says it all. */
  short: "AI",
  title: "Made by an AI model. Its file is marked as AI-generated too.",
} as const;
