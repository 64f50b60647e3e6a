import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { HistoryStore, maskInput } from '../../src/history/index.js';
import { diagnose } from '../../src/index.js';

const MM_FAIL = [
  'ISAKMP (0:1): atts are not acceptable. Next payload is 0',
  'ISAKMP (0:1); no offers accepted!',
  '%CRYPTO-6-IKMP_MODE_FAILURE: Processing of Main Mode failed with',
  'peer at 150.150.150.1',
].join('\n');

const analysis = (text: string, name = 'r1.log') => ({
  verb: 'diagnose',
  lang: 'en',
  inputs: [{ name, text }],
  report: diagnose([{ name, text }]),
});

describe('history store', () => {
  it('masks pre-shared keys, passwords and control characters before storing', () => {
    const masked = maskInput({
      name: 'cfg\u0007.txt',
      text: 'crypto isakmp key Sup3r address 10.0.0.1\r\nusername admin password 0 hunter2\n\u001b[31mred\u001b[0m',
    });
    expect(masked).toEqual({
      name: 'cfg.txt',
      text: 'crypto isakmp key ***** address 10.0.0.1\nusername admin password 0 *****\nred',
    });
  });

  it('survives a reopen of the file, lists newest first, finds by peer and code', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'ipsec-doctor-history-')), 'sub', 'history.sqlite');
    const first = new HistoryStore(file);
    const a = first.save(analysis(MM_FAIL));
    const b = first.save(analysis('ISAKMP (0:1): SA has been authenticated with 10.1.1.2'));
    first.close();

    const store = new HistoryStore(file);
    expect(store.list().map((e) => e.id)).toEqual([b, a]);
    const entry = store.list({ peer: '150.150' })[0]!;
    expect(entry).toMatchObject({ id: a, verb: 'diagnose', worst: 'error', names: ['r1.log'] });
    expect(entry.peers).toEqual(['150.150.150.1']);
    expect(entry.codes).toContain('IKE_POLICY_MISMATCH');
    expect(entry.verdict).toContain('150.150.150.1');
    expect(store.list({ code: 'ike_sa' }).map((e) => e.id)).toEqual([b]);
    expect(store.list({ peer: '150.150', code: 'IKE_SA' })).toEqual([]);
    // LIKE wildcards in a search are literal characters.
    expect(store.list({ peer: '_' })).toEqual([]);
    expect(store.get(a)?.inputs[0]?.text).toBe(MM_FAIL);
    expect(store.delete(a)).toBe(true);
    expect(store.get(a)).toBeUndefined();
    expect(store.delete(a)).toBe(false);
    store.close();
  });

  it('keeps at most its number of entries, dropping the oldest', () => {
    const store = new HistoryStore(':memory:', 3);
    const ids = Array.from({ length: 5 }, () => store.save(analysis(MM_FAIL)));
    expect(store.list().map((e) => e.id)).toEqual(ids.slice(2).reverse());
    expect(store.list({ code: 'IKE' }).length).toBe(3);
    store.close();
  });
});
