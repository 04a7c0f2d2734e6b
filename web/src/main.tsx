import { render } from "hono/jsx/dom";
import { startLiveNews } from "./lib/live-news";
import { startSession } from "./lib/session";
import { startTheme } from "./lib/theme";
import { startUsage } from "./lib/usage-pages";
import { App, preloadRoute } from "./router/app";
import { startHistory } from "./router/history";
import { matchRoute } from "./router/routes";
import "./styles/tokens.css";
import "./styles/base.css";
import "./styles/components.css";
import "./styles/layout.css";
import "./styles/pages.css";

startTheme();
startSession();
startHistory((path) => {
  const match = matchRoute(path);
  if (match) void preloadRoute(match.route).catch(() => {});
});
startLiveNews();
startUsage();

const root = document.getElementById("app");
if (root) render(<App />, root);
