import type { ApiKeyScope } from "../../../../shared/developer-limits";

/** What each permission lets a program do, in the words the create form shows next to its checkbox. */
export const SCOPE_TEXT: Record<ApiKeyScope, { label: string; explanation: string }> = {
  generate: { label: "Generate", explanation: "Start image and video generations and follow them; they spend your credits." },
  "gallery:read": { label: "Read gallery", explanation: "List and download the pictures and videos in your gallery." },
  "gallery:write": { label: "Change gallery", explanation: "Upload, favourite and delete items in your gallery." },
  "credits:read": { label: "Read credits", explanation: "See your credit balance and its history." },
};
