export * from "./accounts";
export * from "./billing";
export * from "./credits";
export * from "./email";
export * from "./generation";
export * from "./media";
export * from "./privacy";
export * from "./rate-limits";
