/**
 * Our show records under the field names of the TextFSM templates in ./templates, so both
 * parsers' outputs can be compared record by record (strings, as TextFSM returns them). Only fields
 * both parsers produce are listed (our rows keep no IOS 12 `slot` column).
 */
const str = (v) => (v === undefined || v === null ? '' : String(v));

function ipsecRows(event) {
  if (event.kind !== 'show.ipsec-sa') return [];
  const e = event.entry;
  const entry = {
    interface: str(e.interface),
    crypto_map_tag: str(e.cryptoMapTag),
    local_addr: str(e.localAddr),
    local_ident_addr: str(e.localIdent?.addr),
    local_ident_mask: str(e.localIdent?.mask),
    local_ident_prot: str(e.localIdent?.prot),
    local_ident_port: str(e.localIdent?.port),
    remote_ident_addr: str(e.remoteIdent?.addr),
    remote_ident_mask: str(e.remoteIdent?.mask),
    remote_ident_prot: str(e.remoteIdent?.prot),
    remote_ident_port: str(e.remoteIdent?.port),
    current_peer: str(e.currentPeer),
    port: str(e.peerPort),
    pkts_encaps: str(e.counters.encaps),
    pkts_decaps: str(e.counters.decaps),
    local_crypto_endpt: str(e.localEndpoint),
    remote_crypto_endpt: str(e.remoteEndpoint),
    current_outbound_spi_hex: str(e.currentOutboundSpi).replace(/\(.*$/, ''),
  };
  return e.sas.map((sa) => ({
    ...entry,
    sa_orientation: sa.direction,
    sa_type: sa.protocol,
    sa_spi_hex: sa.spiHex,
    sa_spi_dec: str(sa.spiDec),
    sa_transform: str(sa.transform).replace(/\s*,\s*$/, ''),
    sa_conn_id: str(sa.connId),
    sa_status: str(sa.status),
  }));
}

function isakmpRows(event) {
  if (event.kind !== 'show.isakmp-sa') return [];
  const r = event.row;
  return [
    {
      dst: str(r.dst),
      src: str(r.src),
      state: r.state,
      conn_id: str(r.connId),
      status: str(r.status),
    },
  ];
}

/** Per command: the records of an event, and their number (counted without building them). */
export const AS_TEMPLATE_FIELDS = {
  ipsec: { rows: ipsecRows, count: (e) => (e.kind === 'show.ipsec-sa' ? e.entry.sas.length : 0) },
  isakmp: { rows: isakmpRows, count: (e) => (e.kind === 'show.isakmp-sa' ? 1 : 0) },
};
