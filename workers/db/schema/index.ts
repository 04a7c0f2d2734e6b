export * from "./accounts";
export * from "./credits";
export * from "./email";
export * from "./generation";
export * from "./media";
export * from "./rate-limits";
