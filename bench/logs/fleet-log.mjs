/**
 * The cast of a generated fleet log: IOS-XE routers and ASAs, each talking to its own set of
 * peers, and a fixed fault per faulty (device, peer) pair. The number of pairs does not grow with
 * the file's size, so neither should the analyser's memory.
 */
import { seededRandom } from '../lib/random.mjs';

const PEER_BASE = (100 << 24) | (64 << 16);

export const FAULTS = ['policy', 'psk', 'transform', 'proxy', 'replay', 'invalid-spi', 'one-way'];

export function castFleet({ routers, asas, peersPerDevice, faultRate, seed }) {
  const rng = seededRandom(seed);
  const devices = [];
  let peerNo = 0;
  const add = (platform, name, local) => {
    const pairs = [];
    for (let k = 0; k < peersPerDevice; k++, peerNo++) {
      const host = PEER_BASE + peerNo + 1;
      const peer = `${host >>> 24}.${(host >>> 16) & 255}.${(host >>> 8) & 255}.${host & 255}`;
      const fault = rng.chance(faultRate) ? rng.pick(FAULTS) : undefined;
      pairs.push({ peer, fault, localNet: `10.${devices.length}.${k}.0`, remoteNet: `10.128.${k}.0` });
    }
    // `conn`: the last IKE connection id the device gave out (IOS counts them up from 1001).
    devices.push({ platform, name, local, pairs, seq: 1000, conn: 1000 });
  };
  for (let i = 1; i <= routers; i++) add('ios', `rtr-${String(i).padStart(2, '0')}`, `203.0.113.${i}`);
  for (let i = 1; i <= asas; i++) add('asa', `asa-${String(i).padStart(2, '0')}`, `192.0.2.${i}`);
  return devices;
}
