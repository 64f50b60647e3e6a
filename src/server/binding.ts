import ipaddr from 'ipaddr.js';

const LOOPBACK_NAMES = new Set(['localhost', 'localhost.localdomain', 'ip6-localhost']);

/** Whether a host name or address (as given to `--host`, or in a Host header) stays on this machine. */
export function isLoopback(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  if (LOOPBACK_NAMES.has(h)) return true;
  if (!ipaddr.isValid(h)) return false;
  const addr = ipaddr.process(h);
  return addr.range() === 'loopback';
}

/** Host name of a Host header (`name:port`, `[v6]:port`). */
export function hostOfHeader(header: string): string {
  const v6 = /^\[([^\]]+)\]/.exec(header);
  if (v6) return v6[1]!;
  return header.replace(/:\d+$/, '');
}

export class BindingError extends Error {}

/**
 * Listening beyond this machine exposes pasted logs and configurations: it needs a token, which
 * every API call must then present.
 */
export function checkBinding(host: string, token: string | undefined): void {
  if (!isLoopback(host) && !token)
    throw new BindingError(
      `listening on ${host} (not a loopback address) requires a token: --token or IPSEC_DOCTOR_TOKEN`,
    );
}
