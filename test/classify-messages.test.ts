import { describe, expect, it } from 'vitest';
import { classifyMessage } from '../src/classify/messages/index.js';

describe('IPsec SA creation in both IOS spellings', () => {
  it('reads the protocol from IOS 12 `sa_prot=` and IOS 15 `sa_proto=`', () => {
    const ios12 =
      'IPSEC(create_sa): sa created, (sa) sa_dest= 12.1.1.2, sa_prot= 50, sa_spi= 0x19911A16(428939798), sa_trans= esp-3des esp-md5-hmac , sa_conn_id= 2000';
    const ios15 =
      'IPSEC(create_sa): sa created, (sa) sa_dest= 203.0.113.1, sa_proto= 50, sa_spi= 0x9C3F1A2B(2621381163), sa_trans= esp-aes 256 esp-sha256-hmac , sa_conn_id= 2001';
    expect(classifyMessage(ios12)).toMatchObject({
      kind: 'ipsec.sa-created',
      dest: '12.1.1.2',
      prot: '50',
      saConnId: '2000',
    });
    expect(classifyMessage(ios15)).toMatchObject({
      kind: 'ipsec.sa-created',
      dest: '203.0.113.1',
      prot: '50',
      transform: 'esp-aes 256 esp-sha256-hmac',
    });
  });
});
