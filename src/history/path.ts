import { join } from 'node:path';
import envPaths from 'env-paths';

/** The history database when `--db` is not given: under the user's data directory (XDG, macOS, Windows). */
export function defaultHistoryPath(): string {
  return join(envPaths('ipsec-doctor', { suffix: '' }).data, 'history.sqlite');
}
