/**
 * Connection ids as a device prints them: each device numbers its SAs from its own counter, so
 * one device never prints an id of an earlier attempt again, ids go up over time, and every line
 * of one attempt that names an SA names it with the same id.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { FleetLogGenerator, type ManifestTunnel, sharedCatalogue } from '../../src/generate/index.js';
import {
  CONN_SLOTS,
  IKE_ID,
  IPSEC_ID,
  cutConnIds,
  ikeSlot,
  ipsecSlot,
  newConnIds,
} from '../../src/generate/records.js';

const START = new Date(Date.UTC(2026, 10, 24, 10, 0, 0));
/** IKE SAs: `ISAKMP:(1001):`, `ISAKMP (1001): incrementing …`, `ISAKMP (0:1): `. */
const IKE = /ISAKMP ?:?\((?:0:)?([1-9]\d*)\)/g;
/** IPsec SAs: `sa_conn_id= 2001`, PIX's `conn_id 2003`. */
const IPSEC = /\b(?:sa_)?conn_id=? ?([1-9]\d*)/g;

/** `ike 1001` or `ipsec 2001`: an id with its kind, as the log prints it. */
interface Seen {
  kind: 'ike' | 'ipsec';
  id: number;
}

function ids(text: string): Seen[] {
  const found: (Seen & { at: number })[] = [];
  for (const m of text.matchAll(IKE)) found.push({ kind: 'ike', id: Number(m[1]), at: m.index });
  for (const m of text.matchAll(IPSEC)) found.push({ kind: 'ipsec', id: Number(m[1]), at: m.index });
  return found.sort((x, y) => x.at - y.at).map(({ kind, id }) => ({ kind, id }));
}

/** The ids each device printed, in order (continuation lines belong to the line they continue). */
function idsByDevice(log: string): Map<string, Seen[]> {
  const out = new Map<string, Seen[]>();
  let device = '';
  for (const line of log.split('\n')) {
    if (line === '') continue;
    if (line[0] !== ' ') device = line.split(' ').filter((w) => w !== '')[3]!;
    const found = ids(line);
    if (found.length > 0) out.set(device, [...(out.get(device) ?? []), ...found]);
  }
  return out;
}

/** One side's ids in an attempt, as slots of the episode's template: `ike 0` is its first IKE SA. */
function pattern(t: ManifestTunnel, side: 0 | 1): { kind: 'ike' | 'ipsec'; k: number }[] {
  const episode = sharedCatalogue()
    .byCode.get(t.code)!
    .find((e) => e.pair.name === t.pair)!;
  const slots: { kind: 'ike' | 'ipsec'; k: number }[] = [];
  for (const r of episode.records) {
    if (r.side !== side) continue;
    for (let i = 1; i < r.parts.length; i += 2) {
      const slot = r.parts[i] as number;
      if (slot >= IKE_ID && slot < IPSEC_ID)
        slots.push({ kind: 'ike', k: slot - IKE_ID - side * CONN_SLOTS });
      else if (slot >= IPSEC_ID && slot < IPSEC_ID + 2 * CONN_SLOTS)
        slots.push({ kind: 'ipsec', k: slot - IPSEC_ID - side * CONN_SLOTS });
    }
  }
  return slots;
}

describe('cutting connection ids out of a template', () => {
  it('makes each SA of a run a slot, and leaves id 0 as text', () => {
    const ids = newConnIds();
    expect(cutConnIds(['ISAKMP:(1001):Old State = IKE_I_MM2'], 0, 0, ids)).toEqual([
      'ISAKMP:(',
      ikeSlot(0, 0),
      '):Old State = IKE_I_MM2',
    ]);
    expect(cutConnIds(['ISAKMP (1001): incrementing error counter on sa'], 0, 0, ids)).toEqual([
      'ISAKMP (',
      ikeSlot(0, 0),
      '): incrementing error counter on sa',
    ]);
    // The second run's SA is another one, even where the simulator printed the same number.
    expect(cutConnIds(['ISAKMP:(1001): sending packet to ', 1, ''], 0, 1, ids)).toEqual([
      'ISAKMP:(',
      ikeSlot(0, 1),
      '): sending packet to ',
      1,
      '',
    ]);
    expect(cutConnIds(['ISAKMP:(0):found peer'], 0, 0, ids)).toEqual(['ISAKMP:(0):found peer']);
    expect(ids.ios12).toBe(false);
    const ios12 = newConnIds();
    expect(cutConnIds(['ISAKMP (0:1): beginning Main Mode exchange'], 1, 0, ios12)).toEqual([
      'ISAKMP (0:',
      ikeSlot(1, 0),
      '): beginning Main Mode exchange',
    ]);
    expect(ios12.ios12).toBe(true);
    expect(
      cutConnIds(
        ['sa_trans= esp-aes-256 esp-sha-hmac , sa_conn_id= 2001\n spi= 0x0(0), conn_id= 0, keysize= 0'],
        1,
        0,
        ios12,
      ),
    ).toEqual([
      'sa_trans= esp-aes-256 esp-sha-hmac , sa_conn_id= ',
      ipsecSlot(1, 0),
      '\n spi= 0x0(0), conn_id= 0, keysize= 0',
    ]);
    expect(cutConnIds(['has spi 123 and conn_id 2002 and flags 4'], 1, 0, ios12)).toEqual([
      'has spi 123 and conn_id ',
      ipsecSlot(1, 1),
      ' and flags 4',
    ]);
  });
});

describe('connection ids in a generated log', () => {
  let manifest: ManifestTunnel[];
  let byDevice: Map<string, Seen[]>;
  beforeAll(() => {
    // Failing tunnels retry every 30-90 s: half an hour of fleet time is many attempts each.
    // Several tunnels share each template, so every one of them is stamped from the same text.
    const g = new FleetLogGenerator({
      tunnels: 24,
      mix: [
        ['PSK_MISMATCH', 2],
        ['PROXY_ID_MISMATCH', 2],
        ['IKE_PEER_NOT_RESPONDING', 1],
        ['healthy', 1],
      ],
      limit: { lines: 120_000 },
      seed: 11,
      start: START,
    });
    const chunks: Buffer[] = [];
    for (let c = g.nextChunk(); c !== undefined; c = g.nextChunk()) chunks.push(c);
    manifest = g.manifest;
    byDevice = idsByDevice(Buffer.concat(chunks).toString('latin1'));
  }, 60_000);

  it('stamps one template onto several tunnels with their own ids', () => {
    const templates = new Map<string, number>();
    for (const t of manifest)
      templates.set(`${t.pair} ${t.code}`, (templates.get(`${t.pair} ${t.code}`) ?? 0) + 1);
    expect(Math.max(...templates.values())).toBeGreaterThan(2);
    const firsts = manifest
      .filter((t) => t.a.platform === 'ios')
      .map((t) => byDevice.get(t.a.device)?.find((s) => s.kind === 'ike')?.id);
    expect(new Set(firsts).size).toBeGreaterThan(firsts.length / 2);
  });

  it('never prints an id of an earlier attempt again on one device, and ids go up', () => {
    let attempts = 0;
    for (const t of manifest)
      for (const [s, side] of [t.a, t.b].entries()) {
        const seen = byDevice.get(side.device) ?? [];
        const slots = pattern(t, s as 0 | 1);
        expect(seen.length > 0, `${side.device} ${t.pair} ${t.code}`).toBe(slots.length > 0);
        if (slots.length === 0) continue;
        const last: Record<string, number> = { ike: -1, ipsec: -1 };
        for (let from = 0; from < seen.length; from += slots.length) {
          attempts++;
          const attempt = seen.slice(from, from + slots.length);
          // Within an attempt: one id per SA of the template, the same on every line naming it.
          const idOf = new Map<string, number>();
          for (const [i, x] of attempt.entries()) {
            const slot = slots[i]!;
            expect(x.kind).toBe(slot.kind);
            const key = `${slot.kind} ${slot.k}`;
            expect(x.id, `${side.device} attempt ${from / slots.length}: ${key}`).toBe(idOf.get(key) ?? x.id);
            idOf.set(key, x.id);
          }
          // Across attempts: fresh ids, above every id the device printed before.
          for (const kind of ['ike', 'ipsec'] as const) {
            const mine = [...idOf].filter(([k]) => k.startsWith(kind)).map(([, id]) => id);
            expect(new Set(mine).size).toBe(mine.length);
            for (const id of mine) expect(id, `${side.device} ${kind}`).toBeGreaterThan(last[kind]!);
            if (mine.length > 0) last[kind] = Math.max(...mine);
          }
        }
      }
    expect(attempts).toBeGreaterThan(200);
  });

  it('numbers IKE SAs from about 1001 on IOS 15 and from about 1 on IOS 12', () => {
    const ios12 = manifest.filter((t) => t.pair === 'ios12-ios15' || t.pair === 'ios-pix63');
    const ios15 = manifest.filter((t) => t.pair === 'ios15-ios15' || t.pair === 'ios-asa9');
    expect(ios12.length).toBeGreaterThan(0);
    expect(ios15.length).toBeGreaterThan(0);
    const firstIke = (device: string) => byDevice.get(device)!.find((s) => s.kind === 'ike')!.id;
    for (const t of ios12) expect(firstIke(t.a.device)).toBeLessThan(1000);
    for (const t of ios15) expect(firstIke(t.a.device)).toBeGreaterThanOrEqual(1001);
    for (const t of ios15) expect(firstIke(t.a.device)).toBeLessThan(2000);
  });
});
