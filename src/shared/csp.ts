/**
 * The renderer's Content-Security-Policy: everything from the app itself, no inline script, no remote
 * anything. 'wasm-unsafe-eval' is the one relaxation (WebAssembly crypto), as DESIGN.md §5 allows.
 */
export const RENDERER_CSP = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "worker-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
  "frame-src 'none'",
].join('; ')
