import { describe, expect, it } from 'vitest';
import { Correlator } from '../../src/correlate/correlator.js';
import type { Event } from '../../src/model/events.js';

let lineNo = 0;

function line(device: string, body: string) {
  lineNo++;
  return { input: 'fleet.log', lineNo, raw: `${device}: ${body}`, body, device };
}

function exchange(device: string, connId: string, peer?: string, local?: string): Event {
  const body = `ISAKMP:(${connId}): beginning Main Mode exchange`;
  return { kind: 'ike.exchange', lines: [line(device, body)], connId, peer, local, exchange: 'Main' };
}

function peerless(device: string, connId: string): Event {
  return {
    kind: 'ike.psk-found',
    lines: [line(device, `ISAKMP:(${connId}):found peer pre-shared key`)],
    connId,
  };
}

function isakmpRow(device: string, dst: string, src: string): Event {
  const body = `${dst}  ${src}  QM_IDLE  1001 ACTIVE`;
  return {
    kind: 'show.isakmp-sa',
    lines: [line(device, body)],
    row: { platform: 'ios', dst, src, state: 'QM_IDLE' },
  };
}

describe('Correlator', () => {
  it('does not route by a connection id unseen for days: the id is another SA’s now', () => {
    const c = new Correlator();
    const at = (e: Event, time: string): Event => {
      (e.lines[0] as { time?: string }).time = time;
      return e;
    };
    const old = c.push(at(exchange('R1', '4171', '192.0.2.125'), 'Nov 23 08:00:00.000'))!;
    c.push(at(exchange('R1', '4172', '192.0.2.125'), 'Nov 23 08:00:01.000'));
    // Other tunnels rekey for a week: the clock is read every few bindings.
    for (let day = 24; day <= 30; day++)
      for (let i = 0; i < 16; i++)
        c.push(at(exchange('R1', `${day}${i}`, '192.0.2.130'), `Nov ${day} 09:00:00`));
    const now = c.push(at(exchange('R1', '0', '192.0.2.171'), 'Nov 30 12:00:00'))!;
    expect(c.push(at(peerless('R1', '4171'), 'Nov 30 12:00:01'))).toBe(now);
    expect(c.push(at(peerless('R1', '4172'), 'Nov 30 12:00:01'))).toBe(old);
  });

  it('routes a peer-less message by its connection id, not to the peer the device last named', () => {
    const c = new Correlator();
    const a = c.push(exchange('R1', '1001', '192.0.2.1'));
    c.push(exchange('R1', '1002', '192.0.2.2'));
    expect(c.push(peerless('R1', '1001'))).toBe(a);
  });

  it('forgets the connection ids of an evicted session: the id now follows the device', () => {
    const c = new Correlator();
    const a = c.push(exchange('R1', '1001', '192.0.2.1'))!;
    const b = c.push(exchange('R1', '1002', '192.0.2.2'))!;
    c.evict(a);
    expect(c.holds(a)).toBe(false);
    const next = c.push(peerless('R1', '1001'));
    expect(next).not.toBe(a);
    expect(next).toBe(b);
  });

  it('hands an anonymous session’s connection ids and addresses to the peer it turns out to concern', () => {
    const c = new Correlator();
    const x = c.push(exchange('R1', '1', '192.0.2.1'))!;
    c.evict(c.push(exchange('R1', '2', '192.0.2.2'))!);
    const anonymous = c.push(exchange('R1', '5', undefined, '203.0.113.5'))!;
    expect(anonymous.peer).toBeUndefined();
    expect(c.push(exchange('R1', '6', '192.0.2.1'))).toBe(x);
    expect(c.holds(anonymous)).toBe(false);
    expect(c.push(peerless('R1', '5'))).toBe(x);
    const row = isakmpRow('R1', '203.0.113.5', '192.0.2.1');
    c.push(row);
    expect(row.peer).toBe('192.0.2.1');
  });

  it('keeps a bounded number of connection ids per session, forgetting the oldest', () => {
    const c = new Correlator();
    const rekeyed = c.push(exchange('R1', '1', '192.0.2.1'))!;
    for (let id = 2; id <= 1100; id++) c.push(exchange('R1', String(id), '192.0.2.1'));
    const other = c.push(exchange('R1', '5000', '192.0.2.2'))!;
    // Connection id 1 is a thousand rekeys old: the message goes to R1's current session.
    expect(c.push(peerless('R1', '1'))).toBe(other);
    expect(c.push(peerless('R1', '1100'))).toBe(rekeyed);
  });

  it('reads a show isakmp row’s remote end from the addresses the device’s sessions use', () => {
    const c = new Correlator();
    const a = c.push(exchange('R1', '1001', '192.0.2.1', '203.0.113.5'))!;
    const row = isakmpRow('R1', '203.0.113.5', '192.0.2.1');
    c.push(row);
    expect(row.peer).toBe('192.0.2.1');
    // Once the only session knowing the local address is evicted, the table's dst is taken as the peer.
    c.evict(a);
    const later = isakmpRow('R1', '203.0.113.5', '192.0.2.1');
    c.push(later);
    expect(later.peer).toBe('203.0.113.5');
  });

  it('keeps an address local while another session of the device still uses it', () => {
    const c = new Correlator();
    const a = c.push(exchange('R1', '1', '192.0.2.1', '203.0.113.5'))!;
    c.push(exchange('R1', '2', '192.0.2.2', '203.0.113.5'));
    c.evict(a);
    const row = isakmpRow('R1', '203.0.113.5', '192.0.2.2');
    c.push(row);
    expect(row.peer).toBe('192.0.2.2');
    const elsewhere = isakmpRow('R2', '203.0.113.5', '192.0.2.2');
    c.push(elsewhere);
    expect(elsewhere.peer).toBe('203.0.113.5');
  });
});
