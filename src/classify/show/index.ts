import type { ShowParser } from './block.js';
import { ipsecSaParser } from './ipsec-sa.js';
import { isakmpSaParser } from './isakmp-table.js';
import { aspVpnContextParser } from './asp-vpn-context.js';

export const showParsers: readonly ShowParser[] = [isakmpSaParser, ipsecSaParser, aspVpnContextParser];
