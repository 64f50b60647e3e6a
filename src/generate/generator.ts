/**
 * The synchronous core of `generate`: merges every tunnel's negotiation attempts and every
 * device's syslog chatter in time order and hands out the log in chunks. Memory holds the
 * catalogue and a few values per tunnel, never the log.
 */
import { slotValues } from './addressing.js';
import { CHATTER_STAMP, chatterFor, chatterParts } from './chatter.js';
import { Stamper } from '../simulate/stamp.js';
import { collectorStamper, styleKey } from './clock.js';
import { type Episode, type EpisodeCatalogue, type SideConnIds, buildCatalogue } from './episodes.js';
import { HEALTHY } from './faults.js';
import { type FaultMix, type ManifestTunnel, type Tunnel, castTunnels, manifestOf } from './fleet.js';
import { SourceHeap } from './heap.js';
import { type Random, seededRandom } from './random.js';
import {
  DRAWN_NUMBER,
  DRAWN_OCTET,
  DRAWN_SPI,
  DRAWN_SPI_PAIR,
  IKE_ID,
  type RecordTemplate,
  VALUE_COUNT,
  fill,
  ikeSlot,
  ipsecSlot,
} from './records.js';

export type GenerateLimit = { lines: number } | { bytes: number };

export interface GenerateOptions {
  tunnels: number;
  mix: FaultMix;
  limit: GenerateLimit;
  seed: number;
  start: Date;
}

/** Chunks of about this many characters (bytes: every generated character is ASCII). */
const CHUNK = 1 << 20;
/** Room past a chunk's size for the record that crosses it; a longer one grows the buffer. */
const RECORD_ROOM = 1 << 14;
/** Each tunnel's first attempt falls within this long after the start. */
const FIRST_ATTEMPT_SPREAD_MS = 60_000;
/** A failing tunnel tries again when traffic next wants it: every 30 to 90 s. */
const RETRY_MS = [30_000, 60_000] as const;
/** A healthy tunnel negotiates again before its hour of lifetime runs out. */
const REKEY_MS = [3_300_000, 300_000] as const;
/** Mean time between two syslog lines of one device besides negotiations. */
const CHATTER_MEAN_MS = 20_000;
/** Sources per tunnel: its negotiation attempts, side A's chatter, side B's chatter. */
const SOURCES = 3;
/**
 * Connection ids: each device numbers its SAs from its own counter, IKE SAs from 1001 (IOS 15)
 * or 1 (IOS 12), IPsec SAs from 2001, and starts the log somewhere in its first ID_START_SPREAD
 * ids (it has been up a while). A counter wraps back to its base after ID_SPAN ids.
 */
const IKE_BASE_IOS15 = 1001;
const IKE_BASE_IOS12 = 1;
const IPSEC_BASE = 2001;
const ID_START_SPREAD = 500;
const ID_SPAN = 1 << 15;

interface CompiledChatter {
  parts: (string | number)[][];
  /** Whether each line has numbers to draw. */
  draws: boolean[];
  cumulative: number[];
  total: number;
}

let shared: EpisodeCatalogue | undefined;
/** Built on first use and kept: every generator in a process shares the simulations. */
export function sharedCatalogue(): EpisodeCatalogue {
  return (shared ??= buildCatalogue());
}

/**
 * Gives `count` SAs the next ids of a counter that wraps back to `base` after ID_SPAN ids, in the
 * slots from `firstSlot` on; returns the counter's next id.
 */
function takeIds(next: number, base: number, count: number, firstSlot: number, values: string[]): number {
  for (let k = 0; k < count; k++) {
    if (next >= base + ID_SPAN) next = base;
    values[firstSlot + k] = String(next++);
  }
  return next;
}

export class FleetLogGenerator {
  readonly manifest: ManifestTunnel[];
  private readonly tunnels: Tunnel[];
  private readonly rng: Random;
  private readonly heap: SourceHeap;
  private readonly values: string[][];
  /** Per tunnel side: the collector's host field and, for IOS, the running sequence number. */
  private readonly hosts: string[];
  private readonly ios: boolean[];
  private readonly sequence: Int32Array;
  private readonly attemptStart: Float64Array;
  private readonly recordIndex: Int32Array;
  /** Per tunnel side: the next IKE and IPsec connection id, and where the IKE ids start. */
  private readonly nextIke: Int32Array;
  private readonly nextIpsec: Int32Array;
  private readonly ikeBase: Int32Array;
  private readonly chatter: CompiledChatter[];
  private readonly episodeStampers: Stamper[];
  private readonly chatterStampers: Stamper[];
  private readonly collector = collectorStamper();
  private readonly limitLines: number;
  private readonly limitBytes: number;
  private done = false;
  linesWritten = 0;
  bytesWritten = 0;

  constructor(options: GenerateOptions, catalogue: EpisodeCatalogue = sharedCatalogue()) {
    const castRng = seededRandom(options.seed);
    this.rng = seededRandom(options.seed ^ 0x5bd1e995);
    this.tunnels = castTunnels(options.tunnels, options.mix, catalogue, castRng);
    this.manifest = manifestOf(this.tunnels);
    this.limitLines = 'lines' in options.limit ? options.limit.lines : Infinity;
    this.limitBytes = 'bytes' in options.limit ? options.limit.bytes : Infinity;
    const n = this.tunnels.length;
    this.heap = new SourceHeap(n * SOURCES);
    this.sequence = new Int32Array(n * 2);
    this.attemptStart = new Float64Array(n);
    this.recordIndex = new Int32Array(n);
    this.nextIke = new Int32Array(n * 2);
    this.nextIpsec = new Int32Array(n * 2);
    this.ikeBase = new Int32Array(n * 2);
    // Its own stream, so the ids leave every other draw (and so the times) as they were.
    const idRng = seededRandom(options.seed ^ 0x27d4eb2f);
    this.episodeStampers = catalogue.styles.styles.map((s) => new Stamper(s));
    const chatterStyles = new Map<string, Stamper>();
    this.values = [];
    this.hosts = [];
    this.ios = [];
    this.chatter = [];
    this.chatterStampers = [];
    const compiled = new Map<string, CompiledChatter>();
    const start = options.start.getTime();
    for (const t of this.tunnels) {
      const values = slotValues(t.values);
      values.length = VALUE_COUNT;
      this.values.push(values);
      for (const [k, side] of [t.a, t.b].entries()) {
        const s = k as 0 | 1;
        this.hosts.push(`${side.device} `);
        this.ios.push(side.platform === 'ios');
        this.sequence[t.index * 2 + s] = 1000 + this.rng.int(90_000);
        const sideIndex = t.index * 2 + s;
        const base = t.episode.connIds[s].ios12 ? IKE_BASE_IOS12 : IKE_BASE_IOS15;
        this.ikeBase[sideIndex] = base;
        this.nextIke[sideIndex] = base + idRng.int(ID_START_SPREAD);
        // The IPsec SA up before the log starts: what data-plane warnings name until an attempt.
        const ipsec = IPSEC_BASE + 2 * idRng.int(ID_START_SPREAD);
        values[ipsecSlot(s, 0)] = String(ipsec);
        this.nextIpsec[sideIndex] = ipsec + 2;
        const key = `${side.platform}|${t.code === HEALTHY}|${t.noise ?? ''}|${s}`;
        let c = compiled.get(key);
        if (!c) {
          const lines = chatterFor(side.platform, t.code === HEALTHY, t.noise);
          let total = 0;
          const cumulative = lines.map((l) => (total += l.weight));
          const parts = lines.map((l) => chatterParts(l.text, s));
          c = {
            parts,
            draws: parts.map((p) => p.some((x) => typeof x === 'number' && x >= DRAWN_NUMBER && x < IKE_ID)),
            cumulative,
            total,
          };
          compiled.set(key, c);
        }
        this.chatter.push(c);
        const style = CHATTER_STAMP[side.platform];
        const sk = styleKey(style);
        let stamper = chatterStyles.get(sk);
        if (!stamper) chatterStyles.set(sk, (stamper = new Stamper(style)));
        this.chatterStampers.push(stamper);
      }
      const first = start + Math.floor(this.rng.next() * FIRST_ATTEMPT_SPREAD_MS);
      this.attemptStart[t.index] = first;
      this.heap.push(first + (t.episode.records[0]?.at ?? 0), t.index * SOURCES);
      this.heap.push(start + this.chatterGap(), t.index * SOURCES + 1);
      this.heap.push(start + this.chatterGap(), t.index * SOURCES + 2);
    }
    if (this.heap.size === 0) this.done = true;
  }

  /** The next chunk of the log (about a megabyte), or undefined once the limit is reached. */
  nextChunk(): Buffer | undefined {
    if (this.done) return undefined;
    let buffer = Buffer.allocUnsafe(CHUNK + RECORD_ROOM);
    let size = 0;
    while (size < CHUNK && !this.done) {
      const piece = this.nextRecord();
      if (size + piece.length > buffer.length) {
        const larger = Buffer.allocUnsafe(size + piece.length + RECORD_ROOM);
        buffer.copy(larger, 0, 0, size);
        buffer = larger;
      }
      // Every generated character is ASCII: latin1 writes it as one byte, without UTF-8 checks.
      size += buffer.write(piece, size, 'latin1');
    }
    return buffer.subarray(0, size);
  }

  private chatterGap(): number {
    return 1 + Math.floor(-Math.log(1 - this.rng.next()) * CHATTER_MEAN_MS);
  }

  /** Writes the earliest source's next record and moves that source on. */
  private nextRecord(): string {
    const heap = this.heap;
    const time = heap.topTime;
    const id = heap.topId;
    const tunnel = (id / SOURCES) | 0;
    const kind = id - tunnel * SOURCES;
    const values = this.values[tunnel]!;
    let text: string;
    let lines: number;
    if (kind === 0) {
      const t = this.tunnels[tunnel]!;
      const records = t.episode.records;
      const i = this.recordIndex[tunnel]!;
      if (i === 0) this.allocateIds(tunnel, t.episode.connIds, values);
      const record: RecordTemplate = records[i]!;
      const sideIndex = tunnel * 2 + record.side;
      const stamp = record.style < 0 ? '' : this.episodeStampers[record.style]!.format(time);
      text = this.frame(sideIndex, time) + stamp + fill(record.parts, values) + '\n';
      lines = record.lines;
      if (i + 1 < records.length) {
        this.recordIndex[tunnel] = i + 1;
        heap.replaceTop(this.attemptStart[tunnel]! + records[i + 1]!.at);
      } else {
        const [base, spread] = t.episode.established ? REKEY_MS : RETRY_MS;
        const next = time + base + Math.floor(this.rng.next() * spread);
        this.attemptStart[tunnel] = next;
        this.recordIndex[tunnel] = 0;
        heap.replaceTop(next + records[0]!.at);
      }
    } else {
      const sideIndex = tunnel * 2 + kind - 1;
      const c = this.chatter[sideIndex]!;
      const x = this.rng.next() * c.total;
      let pick = 0;
      while (c.cumulative[pick]! <= x) pick++;
      if (c.draws[pick]) this.draw(values);
      text =
        this.frame(sideIndex, time) +
        this.chatterStampers[sideIndex]!.format(time) +
        fill(c.parts[pick]!, values) +
        '\n';
      lines = 1;
      heap.replaceTop(time + this.chatterGap());
    }
    return this.account(text, lines);
  }

  /** The collector's timestamp and the device's address; IOS numbers its messages. */
  private frame(sideIndex: number, time: number): string {
    const head = this.collector.format(time) + this.hosts[sideIndex]!;
    return this.ios[sideIndex] ? `${head}${++this.sequence[sideIndex]!}: ` : head;
  }

  /** A new attempt: each side's SAs take the next ids of that side's counters. */
  private allocateIds(tunnel: number, counts: Episode['connIds'], values: string[]): void {
    this.allocateSide(tunnel * 2, 0, counts[0], values);
    this.allocateSide(tunnel * 2 + 1, 1, counts[1], values);
  }

  private allocateSide(sideIndex: number, s: 0 | 1, counts: SideConnIds, values: string[]): void {
    const ike = this.nextIke[sideIndex]!;
    this.nextIke[sideIndex] = takeIds(ike, this.ikeBase[sideIndex]!, counts.ike, ikeSlot(s, 0), values);
    const ipsec = this.nextIpsec[sideIndex]!;
    this.nextIpsec[sideIndex] = takeIds(ipsec, IPSEC_BASE, counts.ipsec, ipsecSlot(s, 0), values);
  }

  private draw(values: string[]): void {
    const spi = (this.rng.next() * 0x1_0000_0000) >>> 0;
    const hex = `0x${spi.toString(16).toUpperCase().padStart(8, '0')}`;
    values[DRAWN_NUMBER] = String(1024 + this.rng.int(64_512));
    values[DRAWN_OCTET] = String(1 + this.rng.int(254));
    values[DRAWN_SPI] = hex;
    values[DRAWN_SPI_PAIR] = `${hex}(${spi})`;
  }

  /** Counts the record, cutting it at the limit: whole lines only, never past `--lines`/`--size`. */
  private account(text: string, lines: number): string {
    if (this.linesWritten + lines <= this.limitLines && this.bytesWritten + text.length <= this.limitBytes) {
      this.linesWritten += lines;
      this.bytesWritten += text.length;
      if (this.linesWritten === this.limitLines || this.bytesWritten === this.limitBytes) this.done = true;
      return text;
    }
    this.done = true;
    let end = 0;
    for (;;) {
      const nl = text.indexOf('\n', end);
      if (nl === -1 || this.linesWritten >= this.limitLines || this.bytesWritten + nl + 1 > this.limitBytes)
        break;
      this.linesWritten++;
      end = nl + 1;
    }
    this.bytesWritten += end;
    return text.slice(0, end);
  }
}
