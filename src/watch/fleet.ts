import type { FleetFilter, FleetSource, FleetTunnel } from '../model/fleet.js';
import type { FleetStore } from './store/store.js';
import type { Tracker } from './track/tracker.js';
import { byAttention, tunnelKey } from './track/tunnel.js';

/**
 * The whole fleet as one process sees it: its own tunnels live from memory, every other row
 * (aged out, or written by another monitor sharing the store) from the store.
 */
export function liveFleet(tracker: Tracker, store: FleetStore): FleetSource {
  return {
    async tunnels(filter?: FleetFilter): Promise<FleetTunnel[]> {
      const live = tracker.snapshot(filter);
      const mine = tracker.liveKeys();
      const stored = (await store.tunnels(filter)).filter((t) => !mine.has(tunnelKey(t.device, t.peer)));
      return [...live, ...stored].sort(byAttention);
    },
  };
}
