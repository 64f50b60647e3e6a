import type { Translator } from '../i18n/index.js';
import type { Event } from '../model/events.js';
import type { LogLine } from '../model/lines.js';

const KNOWN_STATES = new Set([
  'QM_IDLE',
  'MM_NO_STATE',
  'MM_KEY_EXCH',
  'MM_ACTIVE',
  'AM_ACTIVE',
  'MM_WAIT_MSG2',
]);

/** One-line meaning of an event, in the translator's language. */
export function glossOf(e: Event, t: Translator): string {
  const vars: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(e)) if (typeof v === 'string' || typeof v === 'number') vars[k] = v;
  if (e.kind === 'ipsec.key-eng') vars['fn'] = e.msg.fn;
  if (e.kind === 'show.isakmp-sa') {
    vars['state'] = e.row.state;
    vars['stateMeaning'] = t.text(`gloss.state.${KNOWN_STATES.has(e.row.state) ? e.row.state : 'other'}`);
  }
  if (e.kind === 'show.ipsec-sa') vars['peer'] = e.entry.currentPeer ?? '?';
  if (e.kind === 'ike.payload') vars['messageId'] = e.messageId ?? '?';
  return t.text(`gloss.${e.kind}`, vars);
}

/** Field-level meanings inside `show crypto ipsec sa` (the note's walk through its output). */
const FIELDS: Array<[RegExp, string]> = [
  [/^interface:/, 'interface'],
  [/^Crypto map tag:/, 'cryptoMap'],
  [/^local\s+ident/, 'localIdent'],
  [/^remote\s+ident/, 'remoteIdent'],
  [/^current_peer/, 'currentPeer'],
  [/^#pkts encaps/, 'encaps'],
  [/^#pkts decaps/, 'decaps'],
  [/#send errors|#recv errors/, 'errors'],
  [/^local crypto endpt/, 'endpoints'],
  [/path mtu/, 'mtu'],
  [/^current outbound spi/, 'outboundSpi'],
  [/^inbound esp sas/, 'inboundEsp'],
  [/^outbound esp sas/, 'outboundEsp'],
  [/^(inbound|outbound) ah sas/, 'ah'],
  [/^spi:/, 'spi'],
  [/^transform:/, 'transform'],
  [/^in use settings/, 'settings'],
  [/^sa timing/, 'lifetime'],
  [/^replay detection/, 'replay'],
];

export function fieldGloss(line: LogLine, t: Translator): string | undefined {
  const body = line.body.trim();
  for (const [re, key] of FIELDS) if (re.test(body)) return t.text(`gloss.field.${key}`);
  return undefined;
}
