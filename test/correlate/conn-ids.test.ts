import { describe, expect, it } from 'vitest';
import {
  CONN_ID_LIFETIME_SECONDS,
  ConnIdIndex,
  MAX_CONN_IDS_PER_SESSION,
  connKeyOf,
} from '../../src/correlate/conn-ids.js';
import { Session } from '../../src/correlate/session.js';

describe('connection ids routed to sessions', () => {
  it('keeps a bounded number of ids per session, forgetting the least recently bound', () => {
    const index = new ConnIdIndex();
    const s = new Session('log', 'rtr-1', '192.0.2.1');
    for (let id = 1; id <= MAX_CONN_IDS_PER_SESSION; id++) index.bind(id, s, undefined);
    index.bind(1, s, undefined); // bound again: now the most recent
    index.bind(MAX_CONN_IDS_PER_SESSION + 1, s, undefined);
    expect(index.get(1)).toBe(s);
    expect(index.get(2)).toBeUndefined();
    expect(index.get(3)).toBe(s);
    expect(index.get(MAX_CONN_IDS_PER_SESSION + 1)).toBe(s);
  });

  it('moves an id to the session that binds it last, and forgets a session whole', () => {
    const index = new ConnIdIndex();
    const a = new Session('log', 'rtr-1', '192.0.2.1');
    const b = new Session('log', 'rtr-1', '192.0.2.2');
    index.bind(connKeyOf('2001'), a, undefined);
    index.bind(connKeyOf('2001'), b, undefined);
    expect(index.get(2001)).toBe(b);
    index.forget(b);
    expect(index.get(2001)).toBeUndefined();
    expect(connKeyOf('0x1F')).toBe('0x1F');
  });

  it('forgets ids unseen for a day or two of log time, keeping those bound since and each session’s latest', () => {
    const index = new ConnIdIndex();
    const a = new Session('log', 'rtr-1', '192.0.2.1');
    const b = new Session('log', 'rtr-1', '192.0.2.2');
    // Sixteen bindings between readings of the clock: a day's worth of bindings each time.
    const day = (d: number, first: number, s: Session) => {
      for (let id = first; id < first + 32; id++) index.bind(id, s, `Nov ${d} 08:00:00.000 UTC`);
    };
    day(1, 1000, a);
    day(1, 2000, b);
    day(2, 3000, b); // a generation later: a's ids are now the previous generation
    expect(index.get(1000)).toBe(a);
    day(3, 4000, b); // and another: a's ids unseen for two days are gone, but for its latest
    expect(index.get(1000)).toBeUndefined();
    expect(index.get(1030)).toBeUndefined();
    expect(index.get(1031)).toBe(a);
    expect(index.get(3000)).toBe(b);
    expect(index.get(4031)).toBe(b);
    expect(index.size).toBeLessThan(4 * 32);
  });

  it('forgets nothing by time when the clock goes back or is missing', () => {
    const index = new ConnIdIndex();
    const a = new Session('log', 'rtr-1', '192.0.2.1');
    const stamps = ['Nov 30 08:00:00', 'Nov 23 08:00:00', undefined, 'garbage', 'Nov 30 09:00:00'];
    let id = 1;
    for (const stamp of stamps) for (let i = 0; i < 32; i++) index.bind(id++, a, stamp);
    expect(index.size).toBe(id - 1);
    expect(CONN_ID_LIFETIME_SECONDS).toBe(86_400);
  });
});
