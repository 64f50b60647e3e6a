import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ikeEndpoints, walkEntries } from '../../../src/config/negotiate/endpoints.js';
import { protectedTraffic } from '../../../src/config/negotiate/entry-index.js';
import { selectResponderEntry } from '../../../src/config/negotiate/phase2.js';
import { parseConfig } from '../../../src/config/parse/index.js';
import { entryTraffic } from '../../../src/config/traffic/index.js';
import { host, toUint, withWildcard } from '../../../src/config/parse/address.js';

/** Address matches spread over several /16 blocks, including ones that span blocks and `any`. */
const MATCHES = [
  'any',
  'host 10.1.1.1',
  '10.1.1.0 0.0.0.255',
  '10.1.0.0 0.0.255.255',
  '10.2.3.0 0.0.0.255',
  '10.0.0.0 0.255.255.255',
  '172.16.5.0 0.0.0.127',
  '172.16.0.0 0.0.255.255',
  '10.1.1.0 0.0.255.0',
];

function match(words: string) {
  if (words === 'any') return { addr: 0, wildcard: 0xffffffff };
  const [a, b] = words.split(' ');
  return a === 'host' ? host(toUint(b)!) : withWildcard(toUint(a)!, toUint(b)!);
}

const entryArb = fc.record({
  remote: fc.constantFrom(...MATCHES),
  local: fc.constantFrom(...MATCHES),
  peer: fc.constantFrom('198.51.100.1', '198.51.100.2'),
  acl: fc.boolean(),
});

describe('the indexed responder walk', () => {
  it('chooses exactly what a plain walk of every entry in order chooses', () => {
    fc.assert(
      fc.property(
        fc.array(entryArb, { minLength: 1, maxLength: 12 }),
        fc.constantFrom(...MATCHES),
        fc.constantFrom(...MATCHES),
        fc.constantFrom('198.51.100.1', '198.51.100.2'),
        (entries, pl, pr, peer) => {
          const text = [
            'interface Gi0/0',
            ' ip address 192.0.2.1 255.255.255.0',
            ' crypto map M',
            ...entries.flatMap((e, i) => [
              `crypto map M ${(i + 1) * 10} ipsec-isakmp`,
              ` set peer ${e.peer}`,
              ...(e.acl ? [` match address A${i}`] : []),
              ...(e.acl ? [`ip access-list extended A${i}`, ` permit ip ${e.local} ${e.remote}`] : []),
            ]),
          ].join('\n');
          const d = parseConfig('hub.cfg', text);
          const endpoint = ikeEndpoints(d)[0]!;
          const proposal = entryTraffic({ src: match(pl), dst: match(pr) });
          const walk = walkEntries(d, endpoint.map!);
          const covers = (e: (typeof walk)[number]) => {
            const t = protectedTraffic(d, e);
            return e.matchAddress === undefined || (t !== undefined && proposal.isSubsetOf(t));
          };
          const first = walk.find(covers);
          const choice = selectResponderEntry(d, endpoint, peer, proposal);
          if (!first) expect(choice).toHaveProperty('noMatch');
          else if (first.peers.includes(peer)) expect(choice).toEqual({ entry: first });
          else {
            expect(choice).toHaveProperty('peerNotFound', first);
            const owner = walk.find((e) => e !== first && e.peers.includes(peer) && covers(e));
            expect('owner' in choice ? choice.owner : undefined).toBe(owner);
          }
        },
      ),
      { numRuns: 400 },
    );
  });
});
