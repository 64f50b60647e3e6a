import type { Code } from '../../diagnose/catalogue.js';
import type { Severity } from '../../model/findings.js';
import type { DeviceConfig, SourceRef } from '../model.js';

/** What a configuration rule found, before texts are attached. */
export interface ConfigHit {
  code: Code;
  /** The device whose configuration should change (the fix goes there). */
  device: DeviceConfig;
  /** Remote peer concerned, when there is one. */
  peer?: string;
  refs: SourceRef[];
  /** Stable per code; also the values the localised texts interpolate. */
  details: Record<string, unknown>;
  /** Text variant (`finding.CODE.summary_<context>`). */
  context?: string;
  severity?: Severity;
  /** Configuration commands to paste on `device`, already filled in. */
  commands: string[];
}

/** A rule over one device's configuration. */
export interface LintRule {
  code: Code;
  check(d: DeviceConfig): ConfigHit[];
}

/** Device name for texts: hostname, else the file name. */
export function nameOf(d: DeviceConfig): string {
  return d.hostname ?? d.file;
}

/** Source references that point at a real line (implicit defaults have line 0). */
export function lines(...refs: (SourceRef | undefined)[]): SourceRef[] {
  const seen = new Set<string>();
  const out: SourceRef[] = [];
  for (const r of refs) {
    if (!r || r.line <= 0) continue;
    const k = `${r.file}\u0000${r.line}`;
    if (!seen.has(k)) {
      seen.add(k);
      out.push(r);
    }
  }
  return out.sort((a, b) => (a.file === b.file ? a.line - b.line : a.file < b.file ? -1 : 1));
}
