/**
 * Streams a generated log to a writable (a file, stdout): large chunks, and a pause whenever the
 * destination asks for one, so memory stays the same whatever the size.
 */
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { FleetLogGenerator, type GenerateOptions } from './generator.js';
import type { ManifestTunnel } from './fleet.js';

export interface GenerateResult {
  bytes: number;
  lines: number;
  manifest: ManifestTunnel[];
}

export async function writeFleetLog(
  out: Writable,
  options: GenerateOptions,
  onProgress?: (bytes: number) => void,
): Promise<GenerateResult> {
  const generator = new FleetLogGenerator(options);
  for (let chunk = generator.nextChunk(); chunk !== undefined; chunk = generator.nextChunk()) {
    if (!out.write(chunk)) await once(out, 'drain');
    onProgress?.(generator.bytesWritten);
  }
  return { bytes: generator.bytesWritten, lines: generator.linesWritten, manifest: generator.manifest };
}
