/** The rights a person can ask for (privacy policy §7); the `data_requests.kind` column takes these. Kept free of zod for the web bundle. */
export const DATA_REQUEST_KINDS = ["access", "rectification", "erasure", "restriction", "portability", "objection", "withdrawal"] as const;
export type DataRequestKind = (typeof DATA_REQUEST_KINDS)[number];
