import type { Dialect, Side, Trace } from '../trace.js';

/** What a dialect needs besides the trace: who is speaking and when the run started. */
export interface SpeakerContext {
  side: Side;
  hostname: string;
  /** Address IKE is spoken from on this side, and the peer's. */
  local: string;
  peer: string;
  /** Wall-clock time of `at = 0`, so timestamps are realistic and every run is the same. */
  start: Date;
  /** This side started the exchange (IOS marks its lines `(I)`, else `(R)`). */
  initiates: boolean;
  /** The ISAKMP connection id this side gives the SA (IOS `(0:N)`, `(100N)`). */
  connId: number;
}

/**
 * A device's way of logging: each trace event becomes zero or more lines, timestamps included,
 * exactly as `debug crypto isakmp`, `debug crypto ipsec` and the informational syslog of that
 * platform would print them. Multi-line messages are one string with `\n` inside.
 */
export interface DialectWriter {
  dialect: Dialect;
  /** What an engineer types (and the device answers) before its debug output starts. */
  debugOn(host: string): string[];
  lines(trace: Trace, ctx: SpeakerContext): string[];
}
