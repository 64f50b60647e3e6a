/**
 * Large `show crypto …` inputs for the parser comparison, built from real outputs: the
 * ntc-templates IOS fixtures for `show crypto ipsec sa`, and the IOS 12 and IOS-XE layouts of
 * `show crypto isakmp sa` (the seed's table and the IOS-XE header) with generated rows. Each
 * copy is one device's answer, after its prompt, as a collection script would save them.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { URL } from 'node:url';
import { seededRandom } from '../lib/random.mjs';

export const NTC_TESTS = new URL('../../../shared/peers/ntc-templates/tests/', import.meta.url);
const IPSEC_FIXTURES = 'cisco_ios/show_crypto_ipsec_sa_detail';

function ipsecOutputs() {
  const dir = new URL(IPSEC_FIXTURES + '/', NTC_TESTS);
  return readdirSync(dir)
    .filter((f) => f.endsWith('.raw'))
    .sort()
    .map((f) => readFileSync(join(dir.pathname, f), 'utf8').replace(/\s+$/, ''));
}

const STATES = ['QM_IDLE', 'QM_IDLE', 'QM_IDLE', 'MM_NO_STATE', 'MM_KEY_EXCH', 'MM_SA_SETUP'];

function isakmpOutput(rng, device) {
  const rows = 1 + rng.int(40);
  const local = `203.0.${(device >>> 8) & 255}.${device & 255}`;
  const peer = () => `198.51.${rng.int(256)}.${1 + rng.int(254)}`;
  if (rng.chance(0.5)) {
    const lines = ['dst       src        state     conn-id     slot'];
    for (let i = 0; i < rows; i++)
      lines.push(`${peer()}  ${local}   ${rng.pick(STATES)}    ${1 + rng.int(5000)}           0`);
    return lines.join('\n');
  }
  const lines = ['IPv4 Crypto ISAKMP SA', 'dst             src             state          conn-id status'];
  for (let i = 0; i < rows; i++) {
    lines.push(
      `${local.padEnd(16)}${peer().padEnd(16)}${rng.pick(STATES).padEnd(15)}${String(1000 + rng.int(9000)).padStart(4)} ACTIVE`,
    );
  }
  return lines.join('\n');
}

const BUILDERS = {
  ipsec: () => {
    const outputs = ipsecOutputs();
    return (i) => `rtr-${i}#show crypto ipsec sa detail\n${outputs[i % outputs.length]}\n`;
  },
  isakmp: (seed) => {
    const rng = seededRandom(seed);
    return (i) => `rtr-${i}#show crypto isakmp sa\n${isakmpOutput(rng, i)}\n`;
  },
};

export const SHOW_COMMANDS = {
  ipsec: { template: 'cisco_ios_show_crypto_ipsec_sa.textfsm', command: 'show crypto ipsec sa' },
  isakmp: { template: 'cisco_ios_show_crypto_isakmp_sa.textfsm', command: 'show crypto isakmp sa' },
};

/** Writes about `bytes` of one command's outputs to `path`; returns the number of device outputs. */
export function writeShowInput(kind, path, bytes, seed = 1) {
  const next = BUILDERS[kind](seed);
  const parts = [];
  let size = 0;
  let i = 0;
  while (size < bytes) {
    const text = next(i++);
    parts.push(text);
    size += text.length;
  }
  writeFileSync(path, parts.join(''));
  return i;
}
