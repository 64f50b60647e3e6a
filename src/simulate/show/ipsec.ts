import { type MtuAdvice, MtuError, mtuAdvice } from '../../config/mtu.js';
import { protocolName } from '../../config/parse/protocols.js';
import type { IdPayload, IpsecSa, SideState } from '../trace.js';
import { IPSEC_LAYOUTS, type IpsecLayout } from './ipsec-layouts.js';
import { fill } from './template.js';

const HOST_MASK = '255.255.255.255';
const ANY = '0.0.0.0';

/** The mask a proxy identity prints: a host is /32; a range (type 7) prints its end there. */
function maskOf(id: IdPayload): string {
  return id.idType === 1 ? HOST_MASK : (id.second ?? HOST_MASK);
}

/** `(addr/mask/prot/port)` without the parentheses. */
function ident(id: IdPayload): string {
  return `${id.address}/${maskOf(id)}/${id.protocol}/${id.port}`;
}

/** One side of an ASA access-list line: `host a`, `any` or `a mask`, then `eq port`. */
function aclTerm(id: IdPayload): string {
  const mask = maskOf(id);
  const address =
    mask === HOST_MASK
      ? `host ${id.address}`
      : id.address === ANY && mask === ANY
        ? 'any'
        : `${id.address} ${mask}`;
  return id.port > 0 ? `${address} eq ${id.port}` : address;
}

/** The access list ASDM's wizard names for a crypto-map entry (`outside_1_cryptomap`). */
const aclName = (sa: IpsecSa) => `${sa.interface}_${sa.seq}_cryptomap`;

/** A VTI's SAs hang off a crypto map IOS names after the tunnel (`Tunnel1-head-0`). */
const mapTag = (sa: IpsecSa) => (sa.map === sa.interface ? `${sa.map}-head-0` : sa.map);

/** Overhead and plaintext MTU of the transform set; a word the MTU table does not know leaves them unknown. */
function adviceOf(sa: IpsecSa): MtuAdvice | undefined {
  try {
    // IPComp (`comp-lzs`) is an SA of its own beside ESP: it adds no ESP bytes.
    return mtuAdvice(
      sa.transforms.filter((t) => !t.startsWith('comp-')),
      { mode: sa.mode },
    );
  } catch (e) {
    if (e instanceof MtuError) return undefined;
    throw e;
  }
}

/** The protocol the SA pair is listed under: ESP when the set has an ESP transform, else AH. */
const protocolOf = (sa: IpsecSa) => (sa.transforms.some((t) => t.startsWith('esp-')) ? 'esp' : 'ah');

function entryValues(sa: IpsecSa, layout: IpsecLayout): Record<string, string> {
  const advice = adviceOf(sa);
  const overhead = advice?.overhead;
  const protocol = sa.proxies.local.protocol;
  return {
    iface: sa.interface,
    map: sa.map,
    tag: mapTag(sa),
    seq: String(sa.seq),
    local: sa.localAddress,
    peer: sa.remoteAddress,
    localIdent: ident(sa.proxies.local),
    remoteIdent: ident(sa.proxies.remote),
    acl: aclName(sa),
    aclTerms: `${protocol === 0 ? 'ip' : protocolName(protocol)} ${aclTerm(sa.proxies.local)} ${aclTerm(sa.proxies.remote)}`,
    currentOutboundSpi: layout.currentSpi(sa.outboundSpi),
    currentInboundSpi: layout.currentSpi(sa.inboundSpi),
    // An overhead the MTU table cannot count is printed as none.
    plaintextMtu: String(advice?.largestPacket ?? 1500),
    overhead: overhead && layout.overhead ? layout.overhead(overhead) : '0',
    pfs: sa.pfsGroup === undefined ? 'N' : 'Y',
    dhGroup: sa.pfsGroup === undefined ? 'none' : `group${sa.pfsGroup}`,
    // Each SA lists its own protocol's transforms (IPComp's `comp-lzs` would be a pcp SA's).
    transform: layout.transform(sa.transforms.filter((t) => t.startsWith(`${protocolOf(sa)}-`))),
    settings: layout.settings(sa.mode),
    kilobytes: String(sa.lifetimeKilobytes),
    // Shown a second after quick mode ended.
    seconds: String(Math.max(sa.lifetimeSeconds - 1, 0)),
    ivSize: String(overhead?.iv ?? 0),
    replay: !overhead || overhead.icv > 0 || overhead.ah > 0 ? 'Y' : 'N',
  };
}

/** The body of `show crypto ipsec sa` on this side. */
export function ipsecDetail(state: SideState): string[] {
  const layout = IPSEC_LAYOUTS[state.dialect];
  const sa = state.ipsec;
  if (!sa) return [...layout.empty];
  const values = entryValues(sa, layout);
  const protocol = protocolOf(sa);
  const [inboundConn, outboundConn] = layout.connIds(sa.connId);
  const block = (spi: number, connId: number, flowId: number) =>
    fill(layout.sa, { ...values, spi: layout.spi(spi), connId: String(connId), flowId: String(flowId) });
  const lists: Record<string, string[]> = {
    inbound_esp: [],
    inbound_ah: [],
    outbound_esp: [],
    outbound_ah: [],
  };
  lists[`inbound_${protocol}`] = block(sa.inboundSpi, inboundConn, 1);
  lists[`outbound_${protocol}`] = block(sa.outboundSpi, outboundConn, 2);
  return fill(layout.entry, { ...values, ...lists });
}
