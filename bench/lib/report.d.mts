export const BEGIN: string;
export const END: string;
export function writeResults(path: string | URL, markdown: string): void;
