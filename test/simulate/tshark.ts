import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/** Debian's tshark (`.ci/run` installs it). */
export const TSHARK = process.env['IPSEC_DOCTOR_TSHARK'] ?? '/usr/bin/tshark';
export const HAS_TSHARK = existsSync(TSHARK);

/** One packet's fields as tshark's JSON gives them: every occurrence, as text. */
export type Dissection = Record<string, string[] | undefined>;

/**
 * tshark's reading of a capture, one entry per packet, with IP and UDP checksum validation on
 * (Wireshark leaves it off by default, so a wrong checksum would otherwise pass unnoticed).
 */
export function dissect(file: string, fields: readonly string[]): Dissection[] {
  const json = execFileSync(
    TSHARK,
    [
      '-r',
      file,
      '-o',
      'ip.check_checksum:TRUE',
      '-o',
      'udp.check_checksum:TRUE',
      '-T',
      'json',
      ...fields.flatMap((field) => ['-e', field]),
    ],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 * 1024 * 1024 },
  );
  return (JSON.parse(json) as { _source: { layers: Dissection } }[]).map((packet) => packet._source.layers);
}

/** `tshark -z expert`: the expert-info table, empty when no packet raised any. */
export function expertSummary(file: string): string {
  return execFileSync(
    TSHARK,
    ['-r', file, '-o', 'ip.check_checksum:TRUE', '-o', 'udp.check_checksum:TRUE', '-q', '-z', 'expert'],
    {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  ).trim();
}
