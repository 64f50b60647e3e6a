import { describe, expect, it } from 'vitest';
import { LineReader, splitLines } from '../src/read/lines.js';
import { stripPrefix } from '../src/read/prefix.js';
import { maskSecrets } from '../src/read/secrets.js';
import { MAX_LINE_CHARS, sanitizeLine } from '../src/read/sanitize.js';

describe('prefixes real logs carry are taken off', () => {
  const cases: Array<[string, string, { host?: string; time?: string }]> = [
    [
      '1d00h: ISAKMP (0:1): atts are not acceptable',
      'ISAKMP (0:1): atts are not acceptable',
      { time: '1d00h' },
    ],
    [
      '2w5d: ICMP: dst (172.16.1.56): frag. needed and DF set.',
      'ICMP: dst (172.16.1.56): frag. needed and DF set.',
      { time: '2w5d' },
    ],
    [
      '1d00H:%CRPTO-4-IKMP_BAD_MESSAGE: IKE message from 150.150.150.1',
      '%CRPTO-4-IKMP_BAD_MESSAGE: IKE message from 150.150.150.1',
      {},
    ],
    [
      '20:44:44: IPSEC(validate_proposal_request): proposal part #1,',
      'IPSEC(validate_proposal_request): proposal part #1,',
      { time: '20:44:44' },
    ],
    [
      '*Mar  1 00:01:18.619: ISAKMP:(1001):Old State = IKE_I_MM1',
      'ISAKMP:(1001):Old State = IKE_I_MM1',
      { time: 'Mar  1 00:01:18.619' },
    ],
    [
      'Nov 23 2026 08:41:10: %ASA-5-713257: Phase 1 failure',
      '%ASA-5-713257: Phase 1 failure',
      { time: 'Nov 23 2026 08:41:10' },
    ],
    ['000311: *Nov 23 08:41:10.123 UTC: %CRYPTO-4-PKT_REPLAY_ERR: x', '%CRYPTO-4-PKT_REPLAY_ERR: x', {}],
    [
      '<166>Nov 23 08:41:10 asa-edge-1 : %ASA-3-713902: Group = a',
      '%ASA-3-713902: Group = a',
      { host: 'asa-edge-1' },
    ],
    [
      '<134>1 2026-11-23T08:41:10.123Z asa-edge-1 - - - - %ASA-5-713119: x',
      '%ASA-5-713119: x',
      { host: 'asa-edge-1' },
    ],
    [
      'Nov 23 08:41:10 hq-rtr 311: *Nov 23 08:41:10.123: %CRYPTO-6-IKMP_MODE_FAILURE: x',
      '%CRYPTO-6-IKMP_MODE_FAILURE: x',
      { host: 'hq-rtr' },
    ],
    ['Sep 22 11:02:39 131.203.252.166 2435: ', '', { host: '131.203.252.166' }],
    [
      'Nov 23 08:41:10 [IKEv1]Group = 203.0.113.45, IP = 203.0.113.45, PHASE 1 COMPLETED',
      '[IKEv1]Group = 203.0.113.45, IP = 203.0.113.45, PHASE 1 COMPLETED',
      {},
    ],
    ['   dest_proxy= 10.1.1.0/255.255.255.0/0/0,', '   dest_proxy= 10.1.1.0/255.255.255.0/0/0,', {}],
    ['10.1.1.2  10.1.1.1   MM_NO_STATE    1   0', '10.1.1.2  10.1.1.1   MM_NO_STATE    1   0', {}],
  ];
  for (const [line, body, extra] of cases) {
    it(line, () => {
      const p = stripPrefix(line);
      expect(p.body).toBe(body);
      if (extra.host) expect(p.host).toBe(extra.host);
      if (extra.time) expect(p.time).toBe(extra.time);
    });
  }
});

describe('reading', () => {
  it('drops CR, ANSI escapes and control characters, keeps tabs', () => {
    expect(sanitizeLine('\x1b[31mISAKMP\x1b[0m:\x07 ok\tx\r').text).toBe('ISAKMP: ok\tx');
  });
  it('caps gigabyte lines', () => {
    const r = sanitizeLine('x'.repeat(MAX_LINE_CHARS * 3));
    expect(r.text.length).toBe(MAX_LINE_CHARS);
    expect(r.truncated).toBe(true);
  });
  it("lends a lone syslog header host to the next line (the note's HMAC example)", () => {
    const reader = new LineReader('t');
    reader.read('Sep 22 11:02:39 131.203.252.166 2435: ');
    const l = reader.read('Sep 22 11:02:39: %MOTCR-1-ERROR:motcr_crypto_callback() motcr return failure');
    expect(l.device).toBe('131.203.252.166');
    expect(l.body.startsWith('%MOTCR-1-ERROR')).toBe(true);
  });
  it('splits CRLF text and keeps line numbers', () => {
    expect([...splitLines('a\r\nb\n\nc')]).toEqual(['a\r', 'b', '', 'c']);
  });
  it('never shows a pre-shared key', () => {
    expect(maskSecrets('crypto isakmp key S3cr3t! address 192.0.2.1')).toBe(
      'crypto isakmp key ***** address 192.0.2.1',
    );
    expect(maskSecrets(' ikev1 pre-shared-key 0 topsecret')).not.toContain('topsecret');
    expect(maskSecrets(' pre-shared-key address 192.0.2.1 key hunter2')).not.toContain('hunter2');
    expect(maskSecrets('ISAKMP: found peer pre-shared key matching 192.0.2.1')).toContain('192.0.2.1');
    expect(maskSecrets('  key-string 7 0023353555485A15240155')).toBe('  key-string 7 *****');
    expect(maskSecrets('username admin password 0 Cisco123 privilege 15')).not.toContain('Cisco123');
    expect(maskSecrets('enable secret 5 $1$abc$def')).not.toContain('$1$abc');
  });
});
