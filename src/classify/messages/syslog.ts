import { cleanAddress, type Draft } from '../draft.js';
import { classifyAsaText, invalidSpi } from './asa.js';

/**
 * Syslog-style messages `%FACILITY-SEVERITY-MNEMONIC: text` (IOS) and `%ASA-5-713257: text`,
 * `%PIX|ASA-4-402101`. The leading `%` is optional (the note prints `HW_VPN-1-HPRXERR:`), and the
 * facility is not trusted (the note misspells CRYPTO as CRPTO and CRPT0): the mnemonic decides.
 */
const HEADER = /^%?([A-Z][A-Z0-9_]*(?:\|[A-Z]+)?)-(\d)-([A-Z0-9_]+):?\s*(.*)$/;

export function looksLikeSyslog(text: string): boolean {
  const c = text.charCodeAt(0);
  return (
    c === 37 /* % */ || (c >= 65 && c <= 90 && /^[A-Z][A-Z0-9_]*(?:\|[A-Z]+)?-\d-[A-Z0-9_]+:/.test(text))
  );
}

export function classifySyslog(text: string): Draft | null {
  const m = HEADER.exec(text);
  if (!m) return null;
  const facility = m[1] ?? '';
  const mnemonic = m[3] ?? '';
  const rest = m[4] ?? '';
  if (
    /^\d+$/.test(mnemonic) &&
    (facility.endsWith('ASA') || facility.startsWith('PIX') || facility === 'FTD')
  ) {
    const id = mnemonic;
    const d = id === '402101' || id === '402102' ? invalidSpi(rest) : classifyAsaText(rest, id);
    if (d) d.msgId = id;
    return d;
  }
  const withId = (d: Draft): Draft => {
    d.msgId = mnemonic;
    return d;
  };
  switch (mnemonic) {
    case 'PKT_REPLAY_ERR': {
      const c = /connection id=\s*([^,\s]+)/.exec(rest);
      const peer = /(?:srcaddr|peer)=\s*(\d{1,3}(?:\.\d{1,3}){3})/.exec(rest)?.[1];
      return withId({
        kind: 'dp.replay',
        ...(c?.[1] && { connection: c[1].replace(/\.$/, '') }),
        ...(peer && { peer }),
      });
    }
    case 'RECVD_PKT_INV_SPI':
      return withId(invalidSpi(rest));
    case 'IKMP_BAD_MESSAGE': {
      const p = /IKE message from (\S+)/.exec(rest);
      return withId({ kind: 'ike.bad-message', ...(p?.[1] && { peer: cleanAddress(p[1]) }) });
    }
    case 'IKMP_MODE_FAILURE': {
      const mode = /Processing of (\w+) Mode/i.exec(rest)?.[1] ?? 'Main';
      const p = /peer at (\S+)/.exec(rest);
      return withId({ kind: 'ike.mode-failure', mode, ...(p?.[1] && { peer: cleanAddress(p[1]) }) });
    }
    case 'PKTENGRET_ERROR':
      return rest.includes('MACMiscompare')
        ? withId({ kind: 'dp.hmac-fail' })
        : withId({ kind: 'ike.info', text: rest });
    case 'HPRXERR': {
      const s = /status=\s*(\d+)/.exec(rest);
      const mod = /(Module\s*\S+|VPN\d+\/\d+)/.exec(rest)?.[1];
      return withId({
        kind: 'dp.hw-error',
        status: s?.[1] ? Number(s[1]) : 0,
        ...(mod && { module: mod.replace(/:$/, '') }),
      });
    }
    default:
      break;
  }
  if (/ESP sequence fail/i.test(rest)) return withId({ kind: 'dp.esp-seq-fail' });
  if (rest.includes('MACMiscompare')) return withId({ kind: 'dp.hmac-fail' });
  if (/replay check failed/i.test(rest)) return withId({ kind: 'dp.replay' });
  if (rest.includes("can't handle any more")) return withId({ kind: 'dp.engine-unavailable' });
  if (
    facility.includes('CRYPTO') ||
    facility.includes('CRPT') ||
    facility.includes('IKE') ||
    facility === 'MOTCR'
  ) {
    return withId({ kind: 'ike.info', text: rest });
  }
  return null;
}
