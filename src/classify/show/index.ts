import { aspVpnContextParser } from './asp-vpn-context.js';
import type { ShowParser } from './block.js';
import { cryptoSessionParser } from './crypto-session.js';
import { engineConnectionParser } from './engine-connection.js';
import { ipsecSaParser } from './ipsec-sa.js';
import { isakmpSaParser } from './isakmp-table.js';
import { vpnSessionL2LParser } from './vpn-sessiondb-l2l.js';

export const showParsers: readonly ShowParser[] = [
  isakmpSaParser,
  ipsecSaParser,
  cryptoSessionParser,
  engineConnectionParser,
  vpnSessionL2LParser,
  aspVpnContextParser,
];
