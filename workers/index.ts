import { createApp } from "./app";

export { Account } from "./credits/account";

const app = createApp();

export default {
  fetch: app.fetch,
} satisfies ExportedHandler<Env>;
