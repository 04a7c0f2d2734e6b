import { createApp } from "./app";
import { runScheduled } from "./scheduled";

export { Account } from "./credits/account";

const app = createApp();

export default {
  fetch: app.fetch,
  scheduled: (controller, env) => runScheduled(controller, env),
} satisfies ExportedHandler<Env>;
