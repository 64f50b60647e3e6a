import type { IdPayload, IkeMessage, PolicyAttributes } from '../trace.js';
import type { SpeakerContext } from './dialect.js';
import { ASA_DEBUG, FIREWALL_SYSLOG, stampAt } from '../stamp.js';

/** What PIX 6 and ASA share when they log: clock formats, proxy identities, per-speaker memory. */

/** `logging timestamp` on a PIX or ASA: `Nov 24 2026 10:00:01: ` before `%ASA-5-713119: …`. */
export function syslogStamp(start: Date, at: number): string {
  return stampAt(FIREWALL_SYSLOG, start, at);
}

/** ASA debug output: `Nov 24 10:00:01 ` before `[IKEv1]: …` (no year, no colon). */
export function debugStamp(start: Date, at: number): string {
  return stampAt(ASA_DEBUG, start, at);
}

/** `10.1.1.0/255.255.255.0/0/0`: a proxy identity as ASA syslog and IPSEC key-engine messages write it. */
export function proxyText(id: IdPayload): string {
  const mask = id.idType === 1 ? '255.255.255.255' : (id.second ?? '255.255.255.255');
  return `${id.address}/${mask}/${id.protocol}/${id.port}`;
}

export function hex32(n: number): string {
  return (n >>> 0).toString(16).padStart(8, '0');
}

/** A stable pseudo-address for `struct &0x…` fields: the same speaker prints the same pointer. */
export function pointer(ctx: SpeakerContext, salt: number): string {
  return hex32(Math.imul(ctx.connId + salt, 0x9e3779b1) ^ 0x7f2b0000);
}

/**
 * What a writer remembers of one speaker between traces: a few facts a later line needs and
 * its trace does not carry (the policy that was refused last, the quick-mode message id).
 * Keyed by the speaker's context object, which the simulator keeps for a whole run.
 */
export interface SpeakerMemory {
  lastCheck?: { transform: number; offer: PolicyAttributes; local: PolicyAttributes; mismatched: string[] };
  quickMode?: IkeMessage;
  phase1Done?: boolean;
}

const memories = new WeakMap<SpeakerContext, SpeakerMemory>();

export function memoryOf(ctx: SpeakerContext): SpeakerMemory {
  let m = memories.get(ctx);
  if (!m) memories.set(ctx, (m = {}));
  return m;
}
