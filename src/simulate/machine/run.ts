import type { DeviceConfig } from '../../config/model.js';
import { ikeEndpoints } from '../../config/negotiate/endpoints.js';
import type { DirectionResult, Failure } from '../../config/negotiate/negotiate.js';
import type { Dialect, IkeMessage, IpsecSa, Payload, Side, SideState, Step, Trace } from '../trace.js';
import { promptName } from '../prompt.js';
import { Clock, seededRandom } from './clock.js';
import { type Decisions, anyProxies, decisionsOf, flip } from './decisions.js';
import { EXCHANGE_OF, type Negotiated, payloadsOf, refusalNotify } from './packets.js';
import { RETRANSMIT, family, initialState, stateAfter } from './states.js';

export interface Speaker {
  side: Side;
  device: DeviceConfig;
  dialect: Dialect;
}

/** One direction played out: the packets, what each side noticed, and what each holds at the end. */
export interface Run {
  initiator: Side;
  responder: Side;
  from: string;
  to: string;
  /** `map seq` of the initiator's crypto map entry (or its tunnel interface). */
  tunnel: string;
  messages: IkeMessage[];
  traces: Trace[];
  states: Record<Side, SideState>;
  established: boolean;
  failure?: Failure;
  /** The message at which the negotiation stopped, when it failed. */
  stoppedAt?: Step;
}

/** One-way delay and processing time on the virtual clock, in ms. */
const WIRE_MS = 3;
const WORK_MS = 2;

type Role = 'initiator' | 'responder';

/**
 * Plays one direction of the negotiation with a state machine per side on a virtual clock:
 * each side sends, receives, retransmits and gives up as its platform does, and decides
 * as `check` decided (`decisionsOf`), so a simulation never disagrees with a check.
 */
export function playDirection(d: DirectionResult, initiator: Speaker, responder: Speaker): Run {
  const decisions = decisionsOf(d, initiator.device, responder.device);
  const clock = new Clock();
  const random = seededRandom(`${d.from}|${d.to}|${d.entry.map}|${d.entry.seq}`);
  const hex = () =>
    Math.floor(random() * 2 ** 32)
      .toString(16)
      .padStart(8, '0');
  const spi = () => (Math.floor(random() * 0x7fffffff) | 0x10000000) >>> 0;
  const cookies = { i: hex() + hex(), r: '0000000000000000' };
  const chosen = decisions.walk.at(-1);
  const negotiated: Negotiated = {
    offers: d.exchange.offers ?? initiator.device.ikePolicies,
    ...(chosen &&
      decisions.policyAccepted && {
        chosen: {
          policy: chosen.policy,
          transform: (d.exchange.offers ?? []).indexOf(chosen.offer) + 1 || 1,
        },
      }),
    initiatorAddress: d.from,
    responderAddress: d.to,
    decisions,
    initiatorSpi: spi(),
    responderSpi: spi(),
  };
  const messages: IkeMessage[] = [];
  const traces: Trace[] = [];
  const state: Record<Role, string> = {
    initiator: initialState(initiator.dialect, d.mode === 'aggressive'),
    responder: initialState(responder.dialect, d.mode === 'aggressive'),
  };
  const speaker = (r: Role) => (r === 'initiator' ? initiator : responder);
  const addressOf = (r: Role) => (r === 'initiator' ? d.from : d.to);
  const log = (r: Role, t: DistributiveOmit<Trace, 'at' | 'side'>) =>
    traces.push({ ...t, at: clock.now, side: speaker(r).side } as Trace);
  let stoppedAt: Step | undefined;
  let messageId = 0;

  const send = (from: Role, step: Step, payloads: Payload[], id = 0, delivered = true): IkeMessage => {
    const to: Role = from === 'initiator' ? 'responder' : 'initiator';
    if (step !== 'INFO') state[from] = stateAfter(speaker(from).dialect, from, step, state[from]);
    const message: IkeMessage = {
      seq: messages.length,
      at: clock.now,
      from: speaker(from).side,
      to: speaker(to).side,
      src: addressOf(from),
      dst: addressOf(to),
      step,
      exchange: EXCHANGE_OF[step],
      initiatorCookie: cookies.i,
      responderCookie: step === 'MM1' || step === 'AM1' ? '0000000000000000' : cookies.r,
      messageId: id,
      encrypted: ['MM5', 'MM6', 'QM1', 'QM2', 'QM3'].includes(step) || (step === 'INFO' && id !== 0),
      payloads,
      delivered,
    };
    messages.push(message);
    log(from, { kind: 'send', message, state: state[from] });
    if (delivered) clock.at(WIRE_MS, () => receive(to, message));
    return message;
  };

  /** A side that waits for an answer retransmits as its platform does, then gives up. */
  const pending: Partial<Record<Role, { cancel(): void }>> = {};
  const awaitAnswer = (from: Role, message: IkeMessage, phase: 1 | 2, count = 0) => {
    const to: Role = from === 'initiator' ? 'responder' : 'initiator';
    const policy = RETRANSMIT[family(speaker(from).dialect)];
    pending[from] = clock.at(policy.intervalMs, () => {
      if (count < policy.count) {
        const again: IkeMessage = {
          ...message,
          seq: messages.length,
          at: clock.now,
          retransmission: count + 1,
        };
        messages.push(again);
        log(from, { kind: 'retransmit', message: again, state: state[from], count: count + 1 });
        if (again.delivered) clock.at(WIRE_MS, () => receive(to, again));
        awaitAnswer(from, message, phase, count + 1);
      } else {
        stoppedAt ??= message.step;
        log(from, { kind: 'give-up', phase, peer: peerOf(from), state: state[from] });
        if (phase === 1 && message.step === 'MM5')
          log(to, { kind: 'give-up', phase, peer: peerOf(to), state: state[to] });
      }
    });
  };
  const answered = (r: Role) => pending[r]?.cancel();
  const peerOf = (r: Role) => (r === 'initiator' ? d.to : d.from);

  const refuse = (phase: 1 | 2, step: Step) => {
    stoppedAt = step;
    const id = phase === 1 ? 0 : Math.floor(random() * 2 ** 31);
    clock.at(WORK_MS, () => send('responder', 'INFO', refusalNotify(phase, negotiated), id));
  };

  const receive = (at: Role, m: IkeMessage) => {
    // Devices print the state a packet found them in, then move on.
    log(at, { kind: 'receive', message: m, state: state[at] });
    if (m.step !== 'INFO' && !m.retransmission)
      state[at] = stateAfter(speaker(at).dialect, at, m.step, state[at]);
    (at === 'initiator' ? initiatorGets : responderGets)(m);
  };

  const initiatorGets = (m: IkeMessage) => {
    answered('initiator');
    const next = (step: Step, phase: 1 | 2 = 1, id = 0) =>
      clock.at(WORK_MS, () =>
        awaitAnswer('initiator', send('initiator', step, payloadsOf(step, negotiated), id), phase),
      );
    const quickMode = () => {
      log('initiator', { kind: 'begin', mode: 'quick', peer: d.to, local: d.from });
      messageId = Math.floor(random() * 2 ** 31);
      next('QM1', 2, messageId);
    };
    switch (m.step) {
      case 'MM2':
        cookies.r = m.responderCookie;
        return next('MM3');
      case 'MM4':
        return next('MM5');
      case 'MM6':
        log('initiator', { kind: 'authenticated', peer: d.to, via: 'MM6' });
        log('initiator', phase1Complete('initiator', 'MM6'));
        return quickMode();
      case 'AM2':
        if (m.retransmission) return;
        cookies.r = m.responderCookie;
        // The responder's hash, made with its key, does not verify with the initiator's.
        if (!decisions.keysMatch) {
          stoppedAt = 'AM2';
          return log('initiator', { kind: 'bad-message', peer: d.to, step: 'AM2' });
        }
        log('initiator', { kind: 'authenticated', peer: d.to, via: 'AM2' });
        clock.at(WORK_MS, () => {
          send('initiator', 'AM3', payloadsOf('AM3', negotiated));
          log('initiator', phase1Complete('initiator', 'AM2'));
          quickMode();
        });
        return;
      case 'QM2': {
        log('initiator', {
          kind: 'spi-allocated',
          spi: negotiated.initiatorSpi,
          from: d.to,
          to: d.from,
          protocol: 50,
        });
        send('initiator', 'QM3', payloadsOf('QM3', negotiated), messageId);
        const sa = saOf('initiator');
        log('initiator', { kind: 'sa-created', sa });
        log('initiator', { kind: 'phase2-complete', peer: d.to, sa });
        return;
      }
      case 'INFO': {
        log('initiator', { kind: 'notify-received', peer: d.to, notify: 14 });
        if (m.messageId !== 0)
          log('initiator', { kind: 'give-up', phase: 2, peer: d.to, state: state.initiator });
        return;
      }
    }
  };

  const responderGets = (m: IkeMessage) => {
    const reply = (step: Step, id = 0) =>
      clock.at(WORK_MS, () => send('responder', step, payloadsOf(step, negotiated), id));
    switch (m.step) {
      case 'MM1':
      case 'AM1': {
        if (m.retransmission) return;
        cookies.r = hex() + hex();
        // Aggressive mode: the responder needs the key for the initiator's identity right away.
        if (m.step === 'AM1' && !decisions.responderHasKey) {
          log('responder', { kind: 'no-keys', peer: d.from });
          return refuse(1, 'AM1');
        }
        if (decisions.responderHasKey && usesPreShare(decisions))
          log('responder', { kind: 'psk-found', peer: d.from });
        for (const c of decisions.walk)
          log('responder', {
            kind: 'policy-check',
            transform: negotiated.offers.indexOf(c.offer) + 1,
            priority: c.policy.priority,
            offer: c.offer,
            local: c.policy,
            mismatched: c.mismatched.map((x) => x),
          });
        if (!decisions.policyAccepted) {
          log('responder', { kind: 'policy-refused', peer: d.from });
          return refuse(1, m.step);
        }
        log('responder', { kind: 'policy-accepted', priority: chosen!.policy.priority });
        if (m.step === 'MM1') return reply('MM2');
        clock.at(WORK_MS, () =>
          awaitAnswer('responder', send('responder', 'AM2', payloadsOf('AM2', negotiated)), 1),
        );
        return;
      }
      case 'AM3':
        answered('responder');
        log('responder', { kind: 'authenticated', peer: d.from, via: 'AM3' });
        return log('responder', phase1Complete('responder', 'AM3'));
      case 'MM3':
        if (!decisions.responderHasKey) {
          log('responder', { kind: 'no-keys', peer: d.from });
          return refuse(1, 'MM3');
        }
        return reply('MM4');
      case 'MM5':
        if (!decisions.keysMatch) {
          stoppedAt = 'MM5';
          return log('responder', { kind: 'bad-message', peer: d.from, step: 'MM5' });
        }
        log('responder', { kind: 'authenticated', peer: d.from, via: 'MM5' });
        reply('MM6');
        return clock.at(WORK_MS, () => log('responder', phase1Complete('responder', 'MM5')));
      case 'QM1': {
        if (m.retransmission) return;
        const proxies = flip(decisions.proposal ?? anyProxies());
        log('responder', {
          kind: 'qm-proposal',
          peer: d.from,
          local: d.to,
          proxies,
          transforms: decisions.offeredTransforms[0]?.transforms.join(' ') ?? '',
          ...(decisions.pfsGroup !== undefined && { pfsGroup: decisions.pfsGroup }),
          transformAccepted: decisions.qmRefusal?.reason !== 'transform',
        });
        if (decisions.qmRefusal) {
          log('responder', { kind: 'qm-refused', peer: d.from, refusal: decisions.qmRefusal });
          return refuse(2, 'QM1');
        }
        log('responder', {
          kind: 'spi-allocated',
          spi: negotiated.responderSpi,
          from: d.from,
          to: d.to,
          protocol: 50,
        });
        return reply('QM2', m.messageId);
      }
      case 'QM3': {
        const sa = saOf('responder');
        log('responder', { kind: 'sa-created', sa });
        log('responder', { kind: 'phase2-complete', peer: d.from, sa });
        return;
      }
    }
  };

  const phase1Complete = (r: Role, via: Step) => {
    const p = chosen!.policy;
    return {
      kind: 'phase1-complete' as const,
      via,
      peer: peerOf(r),
      policy: p,
      lifetime: Math.min(p.lifetime, chosen!.offer.lifetime),
    };
  };

  const saOf = (r: Role): IpsecSa => {
    const proposal = decisions.proposal ?? anyProxies();
    const mine = r === 'initiator';
    const entry = mine ? d.entry : (d.agreed.responderEntry ?? d.entry);
    return {
      localAddress: addressOf(r),
      remoteAddress: addressOf(mine ? 'responder' : 'initiator'),
      proxies: mine ? proposal : flip(proposal),
      inboundSpi: mine ? negotiated.initiatorSpi : negotiated.responderSpi,
      outboundSpi: mine ? negotiated.responderSpi : negotiated.initiatorSpi,
      transforms: decisions.chosenTransform?.transforms ?? [],
      mode: decisions.chosenTransform?.mode ?? 'tunnel',
      lifetimeSeconds: decisions.lifetimeSeconds,
      lifetimeKilobytes: decisions.lifetimeKilobytes,
      ...(decisions.pfsGroup !== undefined && { pfsGroup: decisions.pfsGroup }),
      map: entry.map,
      seq: entry.seq,
      interface: interfaceOf(r),
      connId: mine ? 2001 : 2003,
    };
  };

  /** The interface each side's crypto map (or tunnel) is on, as its show output names it. */
  const interfaceOf = (r: Role): string => {
    const itf =
      r === 'responder'
        ? d.exchange.responderInterface
        : ikeEndpoints(initiator.device).find((e) => e.address === d.from)?.interface;
    return itf?.nameif ?? itf?.name ?? 'outside';
  };

  // The initiator starts: traffic matched its crypto ACL (or the tunnel came up).
  const aggressive = d.mode === 'aggressive';
  clock.at(0, () => {
    log('initiator', { kind: 'begin', mode: aggressive ? 'aggressive' : 'main', peer: d.to, local: d.from });
    if (!decisions.initiatorHasKey) {
      stoppedAt = aggressive ? 'AM1' : 'MM1';
      return log('initiator', { kind: 'no-keys', peer: d.to });
    }
    if (usesPreShare(decisions)) log('initiator', { kind: 'psk-found', peer: d.to });
    const first: Step = aggressive ? 'AM1' : 'MM1';
    awaitAnswer(
      'initiator',
      send('initiator', first, payloadsOf(first, negotiated), 0, decisions.delivered),
      1,
    );
  });
  clock.run();

  traces.sort((x, y) => x.at - y.at);
  const established = d.failure === undefined;
  return {
    initiator: initiator.side,
    responder: responder.side,
    from: d.from,
    to: d.to,
    tunnel: `${d.entry.map} ${d.entry.seq}`,
    messages,
    traces,
    states: {
      [initiator.side]: sideState(
        initiator,
        d,
        'initiator',
        established ? saOf('initiator') : undefined,
        negotiated,
      ),
      [responder.side]: sideState(
        responder,
        d,
        'responder',
        established ? saOf('responder') : undefined,
        negotiated,
      ),
    } as Record<Side, SideState>,
    established,
    ...(d.failure && { failure: d.failure }),
    ...(stoppedAt && !established && { stoppedAt }),
  };
}

function usesPreShare(d: Decisions): boolean {
  const c = d.walk.at(-1);
  return c === undefined || c.offer.authentication === 'pre-share';
}

/** What `show crypto isakmp sa` and `show crypto ipsec sa` reflect: the state `check` predicted. */
function sideState(
  s: Speaker,
  d: DirectionResult,
  role: Role,
  ipsec: IpsecSa | undefined,
  n: Negotiated,
): SideState {
  const state = d.states[s.side];
  const address = role === 'initiator' ? d.from : d.to;
  return {
    side: s.side,
    dialect: s.dialect,
    hostname: promptName(s.device, s.side),
    address,
    ...(state !== 'none' && {
      isakmp: {
        dst: d.to,
        src: d.from,
        state,
        role,
        connId: role === 'initiator' ? 1001 : 1002,
        ...(n.chosen && { policy: n.chosen.policy, lifetime: n.chosen.policy.lifetime }),
      },
    }),
    ...(ipsec && { ipsec }),
  };
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
