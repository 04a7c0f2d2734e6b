/**
 * Where the share page's stylesheet is served: a fixed name (not hashed), because the Worker
 * renders `/share/:token` itself and cannot read the build's hashed file names. The web build
 * emits it; the Worker links it.
 */
export const SHARE_STYLESHEET_PATH = "/share.css";
