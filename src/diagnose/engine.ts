import type { Session } from '../correlate/session.js';
import type { Finding, Phase, Severity } from '../model/findings.js';
import type { Translator } from '../i18n/index.js';
import { interpolationVars } from '../i18n/vars.js';
import { type Code, entry } from './catalogue.js';
import { dataPlaneRules } from './rules/dataplane.js';
import { healthRules } from './rules/health.js';
import { phase1Rules } from './rules/phase1.js';
import { phase2Rules } from './rules/phase2.js';
import { type Hit, type Rule, evidenceOfEvents, mergeEvidence, sourceOf } from './rules/rule.js';

export const RULES: readonly Rule[] = [...phase1Rules, ...phase2Rules, ...dataPlaneRules, ...healthRules];

export interface Placed extends Hit {
  session: Session;
  /** The other end's device when both logs told one story. */
  otherDevice?: string;
}

/** Rules over every session, then root cause over symptom within each session and across both ends. */
export function diagnoseSessions(sessions: readonly Session[], t: Translator): Finding[] {
  return detectSessions(sessions)
    .map((h) => localiseHit(h, t))
    .sort(bySeverityThenPlace);
}

/**
 * The findings before their texts are attached (`localiseHit`): the live monitor compares them
 * between diagnoses and localises only those that opened or recurred.
 */
export function detectSessions(sessions: readonly Session[]): Placed[] {
  const bySession = new Map<Session, Placed[]>();
  for (const s of sessions) {
    const hits: Placed[] = [];
    for (const rule of RULES) {
      const hit = rule.detect(s);
      if (hit) hits.push({ ...hit, session: s });
    }
    bySession.set(s, resolve(hits));
  }
  for (const [a, b] of pairs(sessions)) tellOneStory(bySession, a, b);
  return [...bySession.values()].flat();
}

function phaseOf(code: Code): Phase {
  return entry(code).phase;
}

/** Drops findings another finding of the same session explains, and weak ones that others confirm. */
function resolve(hits: Placed[]): Placed[] {
  return hits.filter((h) => {
    for (const other of hits) {
      if (other === h) continue;
      if (entry(other.code).supersedes?.includes(h.code)) return false;
      if (
        h.weak &&
        !other.weak &&
        phaseOf(other.code) === phaseOf(h.code) &&
        entry(other.code).severity !== 'info'
      )
        return false;
    }
    return true;
  });
}

/**
 * Sessions of two different devices that are the two ends of one tunnel: each names the other's
 * address, or, when addresses are unknown, each device speaks of a single peer.
 */
function pairs(sessions: readonly Session[]): Array<[Session, Session]> {
  const byDevice = new Map<string, Session[]>();
  const byLocal = new Map<string, Session[]>();
  for (const s of sessions) {
    byDevice.set(s.device, [...(byDevice.get(s.device) ?? []), s]);
    for (const l of s.locals) byLocal.set(l, [...(byLocal.get(l) ?? []), s]);
  }
  const out: Array<[Session, Session]> = [];
  const seen = new Set<string>();
  const add = (a: Session, b: Session) => {
    const k = a.key < b.key ? `${a.key}\u0001${b.key}` : `${b.key}\u0001${a.key}`;
    if (!seen.has(k) && a.device !== b.device) {
      seen.add(k);
      out.push([a, b]);
    }
  };
  for (const a of sessions) if (a.peer !== undefined) for (const b of byLocal.get(a.peer) ?? []) add(a, b);
  const singles = [...byDevice.values()].filter((list) => list.length === 1).map((list) => list[0]!);
  for (let i = 0; i < singles.length; i++)
    for (let j = i + 1; j < singles.length && singles.length === 2; j++) {
      if (singles[i]!.peer !== singles[j]!.peer) add(singles[i]!, singles[j]!);
    }
  return out;
}

function tellOneStory(bySession: Map<Session, Placed[]>, a: Session, b: Session): void {
  const ha = [...(bySession.get(a) ?? []), ...addressMismatch(a, b)];
  const hb = [...(bySession.get(b) ?? []), ...addressMismatch(b, a)];
  const all = [...ha, ...hb];
  const keep = resolve(all);
  // Same code on both ends: one finding with both ends' evidence, from the end that says most.
  const merged: Placed[] = [];
  for (const h of keep) {
    const twin = merged.find(
      (m) => m.code === h.code && m.session !== h.session && entry(h.code).severity !== 'info',
    );
    if (twin) {
      twin.evidence = mergeEvidence(twin.evidence, h.evidence);
      twin.details = mergeDetails(twin.details, h.details);
      twin.otherDevice = h.session.device;
    } else merged.push(h);
  }
  for (const h of merged) {
    const other = h.session === a ? b : a;
    const dropped = all.filter(
      (x) => x.session === other && !merged.includes(x) && entry(x.code).severity !== 'info',
    );
    if (dropped.length > 0 && h.otherDevice === undefined && entry(h.code).severity === 'error') {
      h.otherDevice = other.device;
      h.evidence = mergeEvidence(h.evidence, ...dropped.map((d) => d.evidence));
      h.details = { ...h.details, otherSideSaw: [...new Set(dropped.map((d) => d.code))] };
    }
  }
  bySession.set(
    a,
    merged.filter((h) => h.session === a),
  );
  bySession.set(
    b,
    merged.filter((h) => h.session === b),
  );
}

/** Both ends' details: lists (mismatched attributes, checked policies) are united, the rest kept. */
function mergeDetails(a: Record<string, unknown>, b: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...b, ...a };
  for (const [k, v] of Object.entries(b)) {
    const mine = a[k];
    if (Array.isArray(v) && Array.isArray(mine)) {
      const seen = new Set(mine.map((x) => JSON.stringify(x)));
      out[k] = [...mine, ...v.filter((x) => !seen.has(JSON.stringify(x)))];
    }
  }
  return out;
}

/**
 * One end names as its peer an address the other end does not use: the other end's IKE comes
 * from another address (its crypto-map interface or local-address).
 */
function addressMismatch(s: Session, other: Session): Placed[] {
  if (s.peer === undefined || other.locals.size === 0 || other.locals.has(s.peer)) return [];
  const sample = [...s.seen.values()].flatMap((x) => x.kept).slice(0, 4);
  const actual = [...other.locals].join(', ');
  return [
    {
      code: 'PEER_ADDRESS_MISMATCH',
      source: sourceOf(sample),
      session: s,
      evidence: evidenceOfEvents(sample),
      details: { configuredPeer: s.peer, actualAddresses: [...other.locals] },
      commands: [
        `crypto map <map> <seq> ipsec-isakmp\n set peer ${actual.split(', ')[0]}`,
        `crypto isakmp key <same-secret-on-both-peers> address ${actual.split(', ')[0]}`,
      ],
    },
  ];
}

export function localiseHit(h: Placed, t: Translator): Finding {
  const e = entry(h.code);
  const vars = { ...textVars(h, t), peer: h.session.peer ?? t.text('label.thePeer') };
  const key = `finding.${h.code}`;
  const summary = t.text(`${key}.summary`, vars, h.context);
  let explanation = `${summary} ${t.text(`${key}.explanation`, vars)}`;
  if (h.otherDevice !== undefined)
    explanation += ' ' + t.text('story.bothEnds', { device: h.session.device, other: h.otherDevice });
  const severity: Severity = h.severity ?? e.severity;
  const finding: Finding = {
    code: h.code,
    severity,
    source: h.source,
    phase: e.phase,
    title: t.text(`${key}.title`, vars),
    summary,
    explanation,
    remedy: [...t.list(`${key}.remedy`, vars), ...h.commands],
    evidence: h.evidence,
    details:
      h.otherDevice !== undefined ? { ...h.details, devices: [h.session.device, h.otherDevice] } : h.details,
  };
  if (h.session.peer !== undefined) finding.peer = h.session.peer;
  if (h.session.device !== h.session.input) finding.device = h.session.device;
  return finding;
}

function textVars(h: Placed, t: Translator): Record<string, string> {
  return { peer: h.session.peer ?? '?', device: h.session.device, ...interpolationVars(h.details, t) };
}

const RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

function bySeverityThenPlace(a: Finding, b: Finding): number {
  return (
    RANK[a.severity] - RANK[b.severity] ||
    (a.evidence[0]?.input ?? '').localeCompare(b.evidence[0]?.input ?? '') ||
    (a.evidence[0]?.line ?? 0) - (b.evidence[0]?.line ?? 0)
  );
}
