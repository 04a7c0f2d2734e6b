// Vite's `?raw` suffix imports a file's text (used by tests that check config files).
declare module "*?raw" {
  const text: string;
  export default text;
}

// A `.wasm` import is a compiled WebAssembly.Module in workerd (as photon's own import is).
declare module "@contentauth/c2pa-wasm/c2pa.wasm" {
  const module: WebAssembly.Module;
  export default module;
}
