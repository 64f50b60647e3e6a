import { describe, expect, it } from 'vitest';
import { ConnIdIndex, MAX_CONN_IDS_PER_SESSION, connKeyOf } from '../../src/correlate/conn-ids.js';
import { Session } from '../../src/correlate/session.js';

describe('connection ids routed to sessions', () => {
  it('keeps a bounded number of ids per session, forgetting the least recently bound', () => {
    const index = new ConnIdIndex();
    const s = new Session('log', 'rtr-1', '192.0.2.1');
    for (let id = 1; id <= MAX_CONN_IDS_PER_SESSION; id++) index.bind(id, s);
    index.bind(1, s); // bound again: now the most recent
    index.bind(MAX_CONN_IDS_PER_SESSION + 1, s);
    expect(index.get(1)).toBe(s);
    expect(index.get(2)).toBeUndefined();
    expect(index.get(3)).toBe(s);
    expect(index.get(MAX_CONN_IDS_PER_SESSION + 1)).toBe(s);
  });

  it('moves an id to the session that binds it last, and forgets a session whole', () => {
    const index = new ConnIdIndex();
    const a = new Session('log', 'rtr-1', '192.0.2.1');
    const b = new Session('log', 'rtr-1', '192.0.2.2');
    index.bind(connKeyOf('2001'), a);
    index.bind(connKeyOf('2001'), b);
    expect(index.get(2001)).toBe(b);
    index.forget(b);
    expect(index.get(2001)).toBeUndefined();
    expect(connKeyOf('0x1F')).toBe('0x1F');
  });
});
