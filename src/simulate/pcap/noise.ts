import { createHash } from 'node:crypto';

/**
 * Bytes that look random (key exchange values, nonces, hashes, ciphertext) but are the same on
 * every run for the same seed, so a capture can be compared byte for byte: SHA-256 in counter mode.
 */
export function noise(seed: string, length: number): Buffer {
  const out = Buffer.alloc(length);
  for (let block = 0, offset = 0; offset < length; block++, offset += 32) {
    createHash('sha256').update(`${seed}#${block}`).digest().copy(out, offset);
  }
  return out;
}
