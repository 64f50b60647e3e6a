import { entry } from '../diagnose/catalogue.js';
import type { Translator } from '../i18n/index.js';
import { interpolationVars } from '../i18n/vars.js';
import type { Finding, Severity } from '../model/findings.js';
import { type ConfigHit, nameOf } from './checks/hit.js';

const RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** Texts from `finding.<CODE>` (config variants as `summary_<context>`), evidence as file:line. */
export function localiseHit(h: ConfigHit, t: Translator, names: Record<string, string> = {}): Finding {
  const e = entry(h.code);
  const device = nameOf(h.device);
  const vars: Record<string, string> = {
    peer: h.peer ?? t.text('label.thePeer'),
    device,
    ...interpolationVars(h.details, t),
    ...Object.fromEntries(Object.entries(names).map(([k, v]) => [`device_${k}`, v])),
  };
  const when = h.details['failsWhen'];
  if (Array.isArray(when))
    vars.failsWhen = when
      .map((w) =>
        t.text('label.whenInitiates', { device: names[String(w).charAt(0)] ?? String(w).charAt(0) }),
      )
      .join(', ');
  const key = `finding.${h.code}`;
  const summary = t.text(`${key}.summary`, vars, h.context);
  const finding: Finding = {
    code: h.code,
    severity: h.severity ?? e.severity,
    source: 'config',
    phase: e.phase,
    title: t.text(`${key}.title`, vars),
    summary,
    explanation: `${summary} ${t.text(`${key}.explanation`, vars)}`,
    remedy: [...t.list(`${key}.remedy`, vars), ...h.commands],
    evidence: h.refs.map((r) => ({ input: r.file, line: r.line, text: r.text })),
    details: h.details,
    device,
  };
  if (h.peer !== undefined) finding.peer = h.peer;
  return finding;
}

export function sortFindings(findings: Finding[]): Finding[] {
  return findings.sort(
    (a, b) =>
      RANK[a.severity] - RANK[b.severity] ||
      (a.evidence[0]?.input ?? '').localeCompare(b.evidence[0]?.input ?? '') ||
      (a.evidence[0]?.line ?? 0) - (b.evidence[0]?.line ?? 0),
  );
}
