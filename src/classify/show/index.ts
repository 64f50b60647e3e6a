import type { ShowParser } from './block.js';

// Placeholder until the show parsers land.
export const showParsers: readonly ShowParser[] = [];
