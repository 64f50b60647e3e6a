/**
 * Workload 5: `watch` on loopback. TCP: a bounded burst of syslog messages over a few
 * connections, timed until every one is diagnosed and stored (messages/s end to end, loss must
 * be 0). UDP: the same mix paced at that TCP rate for a bounded time; the share that never
 * reached the store is the loss. Peak RSS of the monitor from /proc.
 */
import { spawn } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Buffer } from 'node:buffer';
import process from 'node:process';
import { setTimeout as sleep } from 'node:timers/promises';
import { URL, fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { seededRandom } from '../lib/random.mjs';
import { formatCount, formatMemory } from '../lib/stats.mjs';

const TCP_MESSAGES = 200_000;
const TCP_CONNECTIONS = 4;
const UDP_SECONDS = 10;
const UDP_MAX_MESSAGES = 500_000;
/** No run of the workload lasts longer than this, whatever the machine. */
const TIME_CAP_MS = 180_000;
const DEVICES = 200;
const PEERS_PER_DEVICE = 20;
const SEED = 5;

/** Realistic IOS and ASA messages, `{P}` the peer (shared with test/watch/shards.test.ts). */
const { templates: TEMPLATES } = JSON.parse(
  readFileSync(
    fileURLToPath(new URL('../../test/fixtures/watch/fleet-messages.json', import.meta.url)),
    'utf8',
  ),
);

function messages(count) {
  const pick = seededRandom(SEED).int;
  const out = new Array(count);
  for (let i = 0; i < count; i++) {
    const d = pick(DEVICES);
    const peer = `198.51.${100 + (d % 50)}.${10 + pick(PEERS_PER_DEVICE)}`;
    const body = TEMPLATES[pick(TEMPLATES.length)].replaceAll('{P}', peer);
    out[i] = `<165>1 2026-11-23T08:41:10Z edge-${d} ipsec - - - ${body}`;
  }
  return out;
}

const octet = (m) => {
  const body = Buffer.from(m);
  return Buffer.concat([Buffer.from(`${body.length} `), body]);
};

async function startWatch(ctx, dir) {
  const db = join(dir, 'fleet.sqlite');
  const proc = spawn(
    process.execPath,
    [
      join(ctx.dist, 'cli/main.js'),
      'watch',
      '--listen',
      'tcp://127.0.0.1:0',
      '--listen',
      'udp://127.0.0.1:0',
      '--db',
      db,
    ],
    { env: { ...ctx.distEnv, LANG: 'C' }, stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let err = '';
  proc.stderr.on('data', (d) => (err += d));
  await new Promise((resolve, reject) => {
    proc.stderr.on('data', () => /listening on udp:/.test(err) && resolve());
    proc.once('exit', (code) => reject(new Error(`watch exited with ${code}: ${err.trim()}`)));
  });
  const port = (re) => Number(re.exec(err)[1]);
  return {
    proc,
    db,
    tcp: port(/tcp:\/\/127\.0\.0\.1:(\d+)/),
    udp: port(/udp:\/\/127\.0\.0\.1:(\d+)/),
    peakRssKb() {
      try {
        return Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${proc.pid}/status`, 'utf8'))[1]);
      } catch {
        return undefined;
      }
    },
    async stop() {
      const exited = new Promise((r) => proc.once('exit', r));
      proc.kill('SIGTERM');
      await exited;
    },
  };
}

function storedCount(db) {
  try {
    const d = new Database(db, { readonly: true, fileMustExist: true });
    const n = d.prepare('SELECT COUNT(*) AS n FROM lines').get().n;
    d.close();
    return n;
  } catch {
    return 0; // not created yet, or busy: asked again
  }
}

/** Polls the store until it holds `target` lines, or its count stops moving for `stallMs`. */
async function waitStored(db, target, deadline, stallMs = 3_000) {
  let last = -1;
  let since = Date.now();
  for (;;) {
    const n = storedCount(db);
    if (n >= target || Date.now() > deadline) return { n, at: Date.now() };
    if (n !== last) {
      last = n;
      since = Date.now();
    } else if (Date.now() - since > stallMs) return { n, at: since };
    await sleep(50);
  }
}

function sendTcp(port, frames) {
  return new Promise((resolve, reject) => {
    const s = connect(port, '127.0.0.1');
    let i = 0;
    const pump = () => {
      while (i < frames.length) if (!s.write(frames[i++])) return void s.once('drain', pump);
      s.end();
    };
    s.once('connect', pump);
    s.once('error', reject);
    s.once('close', resolve);
  });
}

async function tcpRun(ctx, dir, msgs) {
  const w = await startWatch(ctx, dir);
  try {
    const per = Math.ceil(msgs.length / TCP_CONNECTIONS);
    const started = Date.now();
    await Promise.all(
      Array.from({ length: TCP_CONNECTIONS }, (_, c) =>
        sendTcp(w.tcp, msgs.slice(c * per, (c + 1) * per).map(octet)),
      ),
    );
    const sent = Date.now();
    const { n, at } = await waitStored(w.db, msgs.length, started + TIME_CAP_MS);
    return {
      stored: n,
      seconds: (at - started) / 1000,
      sendSeconds: (sent - started) / 1000,
      rss: w.peakRssKb(),
    };
  } finally {
    await w.stop();
  }
}

async function udpRun(ctx, dir, msgs, rate) {
  const w = await startWatch(ctx, dir);
  const socket = createSocket('udp4');
  try {
    const started = Date.now();
    let i = 0;
    while (i < msgs.length) {
      const due = Math.min(msgs.length, Math.floor(((Date.now() - started) / 1000) * rate) + 1);
      for (; i < due; i++) socket.send(msgs[i], w.udp, '127.0.0.1');
      await sleep(5);
    }
    const seconds = (Date.now() - started) / 1000;
    const { n } = await waitStored(w.db, msgs.length, started + TIME_CAP_MS);
    return { stored: n, seconds, rss: w.peakRssKb() };
  } finally {
    socket.close();
    await w.stop();
  }
}

export default {
  name: 'watch',
  title: '`watch`: syslog messages per second (TCP, UDP loss)',
  async run(ctx) {
    const section = {
      columns: ['transport', 'messages sent', 'stored', 'lost', 'seconds', 'messages/s', 'peak RSS'],
      rows: [],
      missing: [],
      notes: [
        `Loopback, one \`watch\` process (SQLite store in a temporary folder), RFC 5424 messages from ${DEVICES} devices × ${PEERS_PER_DEVICE} peers (ASA and IOS syslog and IOS debug, seed ${SEED}). TCP: ${formatCount(TCP_MESSAGES)} messages, octet counting, ${TCP_CONNECTIONS} connections sending as fast as the socket takes them; timed from the first byte until the store holds every line (received, classified, diagnosed, written). UDP: the same mix paced at the TCP rate for ${UDP_SECONDS} s; what never reached the store is lost. Peak RSS is the monitor's VmHWM.`,
      ],
      summary: [],
    };
    const dir = mkdtempSync(join(tmpdir(), 'ipsec-doctor-bench-watch-'));
    try {
      ctx.log(`watch: TCP ${formatCount(TCP_MESSAGES)} messages…`);
      const tcp = await tcpRun(ctx, join(dir, 'tcp'), messages(TCP_MESSAGES));
      const rate = tcp.stored / tcp.seconds;
      section.rows.push([
        'TCP',
        formatCount(TCP_MESSAGES),
        formatCount(tcp.stored),
        formatCount(TCP_MESSAGES - tcp.stored),
        tcp.seconds.toFixed(2),
        formatCount(rate),
        formatMemory(tcp.rss),
      ]);
      const udpCount = Math.min(UDP_MAX_MESSAGES, Math.round(rate * UDP_SECONDS));
      ctx.log(`watch: UDP ${formatCount(udpCount)} messages at ${formatCount(rate)}/s…`);
      const udp = await udpRun(ctx, join(dir, 'udp'), messages(udpCount), rate);
      const lost = udpCount - udp.stored;
      section.rows.push([
        'UDP',
        formatCount(udpCount),
        formatCount(udp.stored),
        `${formatCount(lost)} (${((lost / udpCount) * 100).toFixed(2)} %)`,
        udp.seconds.toFixed(2),
        formatCount(udp.stored / udp.seconds),
        formatMemory(udp.rss),
      ]);
      section.summary.push(
        `TCP: ${formatCount(rate)} messages/s end to end with ${TCP_MESSAGES - tcp.stored === 0 ? 'no loss' : `${formatCount(TCP_MESSAGES - tcp.stored)} lost`}; UDP at that rate: ${((lost / udpCount) * 100).toFixed(2)} % lost`,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    return section;
  },
};
