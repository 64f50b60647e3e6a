import { describe, expect, it } from 'vitest';
import { showEvents } from './harness.js';

describe('show crypto engine connection active', () => {
  it('IOS 12 layout: one row per SA direction with its counters', () => {
    const text = [
      'router#show crypto engine connection active',
      '',
      '  ID Interface       IP-Address      State  Algorithm           Encrypt  Decrypt',
      '   1 FastEthernet0   12.1.1.1        set    HMAC_SHA+DES_56_CB        0        0',
      '3442 FastEthernet0   12.1.1.1        set    HMAC_MD5+3DES_56_C        0  7760382',
      '3443 FastEthernet0   12.1.1.1        set    HMAC_MD5+3DES_56_C  7767918        0',
    ].join('\n');
    const rows = showEvents(text, 'show.engine-connection').map((e) => e.connection);
    expect(rows).toHaveLength(3);
    expect(rows[1]).toMatchObject({
      id: '3442',
      interface: 'FastEthernet0',
      ipAddress: '12.1.1.1',
      decrypt: 7760382,
      encrypt: 0,
    });
    expect(rows[2]).toMatchObject({ id: '3443', encrypt: 7767918 });
  });
  it('IOS 15 layout', () => {
    const text = [
      'Crypto Engine Connections',
      '',
      '   ID  Type    Algorithm           Encrypt  Decrypt LastSeqN IP-Address',
      '    1  IPsec   AES256+SHA256             0      118      118 203.0.113.1',
      '    2  IPsec   AES256+SHA256           121        0        0 203.0.113.1',
      ' 1002  IKE     SHA256+AES256             0        0        0 203.0.113.1',
    ].join('\n');
    const rows = showEvents(text, 'show.engine-connection').map((e) => e.connection);
    expect(rows.map((r) => [r.id, r.type, r.encrypt, r.decrypt])).toEqual([
      ['1', 'IPsec', 0, 118],
      ['2', 'IPsec', 121, 0],
      ['1002', 'IKE', 0, 0],
    ]);
  });
});
