import type { Draft } from '../draft.js';

/** `debug ip icmp` lines and the extended `ping` dialogue (the note's path-MTU procedure). */
export function classifyIcmp(text: string): Draft | null {
  if (text.startsWith('ICMP:')) {
    const frag = /dst \(?([\d.]+)\)?:? frag\. needed and DF set/.exec(text);
    if (frag?.[1]) return { kind: 'icmp.frag-needed', dst: frag[1] };
    const echo = /echo reply rcvd, src ([\d.]+), dst ([\d.]+)/.exec(text);
    if (echo?.[1]) return { kind: 'icmp.echo-reply', src: echo[1], dst: echo[2] ?? '' };
    return null;
  }
  if (text.startsWith('frag. needed and DF set')) return { kind: 'icmp.frag-needed', dst: '' };
  if (text.startsWith('Sending ')) {
    const m = /^Sending (\d+), (\d+)-byte ICMP Echos to ([\d.]+)/.exec(text);
    if (m?.[3]) return { kind: 'ping.sending', count: Number(m[1]), size: Number(m[2]), target: m[3] };
  }
  if (text.startsWith('Set DF bit')) return { kind: 'ping.df', set: /:\s*y(es)?\s*$/i.test(text) };
  if (text.startsWith('Success rate is')) {
    const m = /^Success rate is (\d+) percent \((\d+)\/(\d+)\)/.exec(text);
    if (m) return { kind: 'ping.result', percent: Number(m[1]), ok: Number(m[2]), sent: Number(m[3]) };
  }
  return null;
}
