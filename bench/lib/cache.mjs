/**
 * Generated inputs are cached between runs under the temp directory, keyed by what they depend
 * on (the generator's own source files, size, seed): changing a generator regenerates them.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, statfsSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { URL, fileURLToPath } from 'node:url';

export const DEFAULT_CACHE_DIR = join(tmpdir(), 'ipsec-doctor-bench');

/** Short hash of source files (paths relative to bench/). */
export function sourceHash(files) {
  const hash = createHash('sha256');
  for (const f of files) hash.update(readFileSync(fileURLToPath(new URL(`../${f}`, import.meta.url))));
  return hash.digest('hex').slice(0, 10);
}

export function freeBytes(dir) {
  mkdirSync(dir, { recursive: true });
  const s = statfsSync(dir);
  return s.bavail * s.bsize;
}

/**
 * Returns the cached artefact's metadata, building it first when absent. `build(path)` writes
 * the artefact and returns its metadata (kept next to it as JSON).
 */
export function cached(cacheDir, name, build) {
  mkdirSync(cacheDir, { recursive: true });
  const path = join(cacheDir, name);
  const metaPath = `${path}.json`;
  if (existsSync(path) && existsSync(metaPath)) {
    return { path, fresh: false, ...JSON.parse(readFileSync(metaPath, 'utf8')) };
  }
  const meta = build(path);
  writeFileSync(metaPath, JSON.stringify(meta));
  return { path, fresh: true, ...meta };
}
