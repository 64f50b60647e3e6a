/**
 * The web workbench server (issue 5). `buildServer` is the stable API `serve` and `watch --http`
 * build on; `checkBinding` is the rule both apply before listening.
 */
export { buildServer } from './app.js';
export { BindingError, checkBinding, isLoopback } from './binding.js';
export { DEFAULT_LIMITS, type Limits, type ServerOptions } from './options.js';
export { ApiError, type ErrorCode } from './errors.js';
