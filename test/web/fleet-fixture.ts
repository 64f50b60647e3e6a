import type { FleetFilter, FleetSource, FleetTunnel } from '../../src/model/fleet.js';

const minutes = (pattern: number[]) => Array.from({ length: 60 }, (_, i) => pattern[i % pattern.length]!);

/** Three tunnels as the live monitor would report them: one healthy, one down on a PSK mismatch, one negotiating. */
export const TUNNELS: FleetTunnel[] = [
  {
    device: 'hq-rtr',
    peer: '192.0.2.10',
    phase1: 'QM_IDLE',
    phase2: 'up',
    lastChange: '2026-03-01T08:00:00Z',
    lastSeen: '2026-03-01T09:59:00Z',
    findings: [],
    errorRate: minutes([0]),
  },
  {
    device: 'hq-rtr',
    peer: '198.51.100.7',
    phase1: 'MM_KEY_EXCH',
    phase2: 'down',
    lastChange: '2026-03-01T09:12:00Z',
    lastSeen: '2026-03-01T09:59:30Z',
    findings: [
      {
        code: 'PSK_MISMATCH',
        severity: 'error',
        summary: 'Phase 1 fails with 198.51.100.7: the pre-shared keys differ.',
        count: 42,
        firstSeen: '2026-03-01T09:12:00Z',
        lastSeen: '2026-03-01T09:59:30Z',
        open: true,
        evidence: [],
      },
    ],
    errorRate: minutes([0, 0, 1, 3, 5, 2, 4, 6, 3, 1]),
  },
  {
    device: 'branch-asa',
    peer: '203.0.113.5',
    phase1: 'MM_WAIT_MSG2',
    phase2: 'negotiating',
    lastChange: '2026-03-01T09:58:00Z',
    lastSeen: '2026-03-01T09:59:50Z',
    findings: [
      {
        code: 'IKE_PEER_NOT_RESPONDING',
        severity: 'error',
        summary: 'Phase 1 with 203.0.113.5 gets no answer.',
        count: 5,
        firstSeen: '2026-03-01T09:58:00Z',
        lastSeen: '2026-03-01T09:59:50Z',
        open: true,
        evidence: [],
      },
    ],
    errorRate: minutes([0, 0, 0, 0, 0, 0, 0, 0, 0, 1]),
  },
];

/** A FleetSource over fixed tunnels; it records the filters it was asked for. */
export function fixedFleet(tunnels = TUNNELS): FleetSource & { asked: FleetFilter[] } {
  const asked: FleetFilter[] = [];
  return {
    asked,
    async tunnels(filter = {}) {
      asked.push(filter);
      return tunnels.filter(
        (t) =>
          (!filter.state || t.phase2 === filter.state) &&
          (!filter.device || t.device.includes(filter.device)) &&
          (!filter.code || t.findings.some((f) => f.code.startsWith(filter.code!.toUpperCase()))),
      );
    },
  };
}
