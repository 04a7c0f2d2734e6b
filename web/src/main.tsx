import { render } from "hono/jsx/dom";

function App() {
  return <h1>Ausar</h1>;
}

const root = document.getElementById("app");
if (root) render(<App />, root);
