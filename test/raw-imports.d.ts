// Vite's `?raw` suffix imports a file's text (used by tests that check config files).
declare module "*?raw" {
  const text: string;
  export default text;
}
