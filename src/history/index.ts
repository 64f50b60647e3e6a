/** History of past analyses (the web workbench's History view and `GET /api/history`). */
export {
  HistoryStore,
  type HistoryEntry,
  type HistoryFilter,
  type HistorySummary,
  type NewAnalysis,
} from './store.js';
export { defaultHistoryPath } from './path.js';
export { maskInput } from './mask.js';
