/** What every receiver hands on: one message (or, following a file, one line) and where it came from. */
export type Deliver = (origin: string, text: string, cut: boolean) => void;

/** A running receiver: where it really listens (port 0 resolved) and how to stop it. */
export interface Receiver {
  readonly url: string;
  close(): Promise<void>;
}

export interface ListenAddress {
  transport: 'udp' | 'tcp';
  host: string;
  port: number;
}

const LISTEN = /^(udp|tcp):\/\/(\[[0-9a-fA-F:.]+\]|[^:/\s]+):(\d{1,5})\/?$/;

/** `udp://0.0.0.0:5514`, `tcp://[::]:5514`; null when the text is no such address. */
export function parseListen(text: string): ListenAddress | null {
  const m = LISTEN.exec(text.trim());
  if (!m) return null;
  const port = Number(m[3]);
  if (port > 65535) return null;
  return { transport: m[1] as 'udp' | 'tcp', host: m[2]!.replace(/^\[|\]$/g, ''), port };
}

export function formatListen(transport: string, host: string, port: number): string {
  return `${transport}://${host.includes(':') ? `[${host}]` : host}:${port}`;
}

/** A source address as an origin: IPv4-mapped IPv6 (`::ffff:10.0.0.1`) reads as the IPv4 it is. */
export function originOf(address: string | undefined): string {
  if (!address) return 'unknown';
  return address.startsWith('::ffff:') && address.includes('.') ? address.slice(7) : address;
}
