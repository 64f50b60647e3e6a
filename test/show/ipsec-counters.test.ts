import { describe, expect, it } from 'vitest';
import { showEvents } from './harness.js';

/** One IOS entry whose counter lines are `counterLines`; returns its counters. */
function countersOf(counterLines: string[]): Record<string, number> {
  const text = [
    'rtr#show crypto ipsec sa',
    'interface: Tunnel1',
    '    Crypto map tag: Tunnel1-head-0, local addr 10.0.0.1',
    '   local  ident (addr/mask/prot/port): (10.0.0.1/255.255.255.255/47/0)',
    '   remote ident (addr/mask/prot/port): (10.0.0.2/255.255.255.255/47/0)',
    '   current_peer 10.0.0.2 port 500',
    ...counterLines.map((l) => `    ${l}`),
  ].join('\n');
  const [event] = showEvents(text, 'show.ipsec-sa');
  return event!.entry.counters;
}

describe('show crypto ipsec sa counters', () => {
  it('reads the layouts IOS prints, in order, whatever the values', () => {
    expect(
      countersOf([
        '#pkts encaps: 4981028, #pkts encrypt: 4981028, #pkts digest: 4981027',
        '#pkts no sa (send) 0, #pkts invalid sa (rcv) 12',
        '##pkts replay failed (rcv): 7',
        '#send errors 3, #recv errors 0',
      ]),
    ).toEqual({
      encaps: 4981028,
      encrypt: 4981028,
      digest: 4981027,
      noSaSend: 0,
      invalidSaRcv: 12,
      replayFailedRcv: 7,
      sendErrors: 3,
      recvErrors: 0,
    });
  });
  it('reads lines laid out otherwise the same way, pair by pair', () => {
    expect(
      countersOf([
        '#pkts encaps:5,#pkts encrypt :  6, #pkts digest: 7, #pkts teleported (send): 2',
        '#pkts not compressed: 0, #pkts compr. failed: 0,',
      ]),
    ).toEqual({ encaps: 5, encrypt: 6, digest: 7, teleportedSend: 2, notCompressed: 0, comprFailed: 0 });
  });
});
