import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { maskSecrets } from '../../src/read/secrets.js';
import { sanitizeLine } from '../../src/read/sanitize.js';
import { FIXTURES } from '../helpers.js';
import { eventually, skipWithout, startWatch } from './support.js';

const RSYSLOGD = '/usr/sbin/rsyslogd';
/** Copies of the fixture set in the generated log: a few thousand lines of every format. */
const COPIES = 8;

/** Every non-empty line of the IOS/ASA fixture inputs, as one log a relay would tail. */
function fixtureLog(): string[] {
  const out: string[] = [];
  for (const group of ['core', 'modern'])
    for (const c of readdirSync(join(FIXTURES, group)).sort())
      for (const f of readdirSync(join(FIXTURES, group, c)).sort())
        if (f.endsWith('.log'))
          out.push(
            ...readFileSync(join(FIXTURES, group, c, f), 'utf8')
              .split('\n')
              .filter((l) => l.trim() !== ''),
          );
  return Array.from({ length: COPIES }, () => out).flat();
}

function rsyslogConfig(dir: string, log: string, port: number, framing: string): string {
  return `
global(workDirectory="${dir}/work" maxMessageSize="64k")
module(load="imfile" mode="polling" PollingInterval="1")
input(type="imfile" File="${log}" Tag="ipsec" Facility="local4" Severity="info" freshStartTail="off")
action(type="omfwd" target="127.0.0.1" port="${port}" protocol="tcp" TCP_Framing="${framing}"
       template="RSYSLOG_SyslogProtocol23Format" action.resumeRetryCount="-1"
       queue.type="LinkedList" queue.size="100000")
`;
}

describe.skipIf(skipWithout(existsSync(RSYSLOGD), RSYSLOGD))(
  'a real syslog relay: rsyslog forwards to watch',
  () => {
    it.each(['octet-counted', 'traditional'])(
      'imfile → omfwd TCP (%s framing): every line accounted for',
      async (framing) => {
        if (!existsSync(RSYSLOGD)) throw new Error(`${RSYSLOGD} is required on CI (Debian package rsyslog)`);
        const dir = mkdtempSync(join(tmpdir(), 'watch-rsyslog-'));
        mkdirSync(join(dir, 'work'));
        const lines = fixtureLog();
        const log = join(dir, 'fleet.log');
        writeFileSync(log, lines.join('\n') + '\n');
        const db = join(dir, 'fleet.sqlite');
        const w = await startWatch(['--db', db]);
        writeFileSync(join(dir, 'rsyslog.conf'), rsyslogConfig(dir, log, w.tcp, framing));
        let relay: ChildProcess | undefined;
        let relayErr = '';
        try {
          relay = spawn(RSYSLOGD, ['-n', '-f', join(dir, 'rsyslog.conf'), '-i', join(dir, 'rsyslogd.pid')], {
            stdio: ['ignore', 'ignore', 'pipe'],
          });
          relay.stderr!.on('data', (d: Buffer) => (relayErr += d.toString()));
          const count = () => {
            const d = new Database(db, { readonly: true, fileMustExist: true });
            const n = (d.prepare('SELECT COUNT(*) AS n FROM lines').get() as { n: number }).n;
            d.close();
            return n;
          };
          await eventually(() => expect(count(), relayErr).toBe(lines.length), 300);
        } finally {
          relay?.kill('SIGTERM');
          await new Promise((r) => (relay?.exitCode !== null ? r(null) : relay.once('exit', r)));
          await w.stop();
        }
        const d = new Database(db, { readonly: true });
        const stored = d.prepare('SELECT text FROM lines ORDER BY input, line').all() as Array<{
          text: string;
        }>;
        const tunnels = d.prepare('SELECT findings FROM tunnels').all() as Array<{ findings: string }>;
        d.close();
        // Line for line what the file held (made printable, keys masked), in order.
        expect(stored.map((r) => r.text)).toEqual(lines.map((l) => maskSecrets(sanitizeLine(l).text)));
        const codes = new Set(
          tunnels.flatMap((t) => (JSON.parse(t.findings) as Array<{ code: string }>).map((f) => f.code)),
        );
        for (const code of [
          'IKE_POLICY_MISMATCH',
          'PSK_MISMATCH',
          'REPLAY_CHECK_FAILED',
          'PROXY_ID_MISMATCH',
        ])
          expect(codes).toContain(code);
      },
    );
  },
);
