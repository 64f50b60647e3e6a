/**
 * Workload 2: parsing `show crypto ipsec sa` / `show crypto isakmp sa`: our show parsers (read +
 * classify stages) against TextFSM running the ntc-templates-style templates in bench/show/templates,
 * on the same files; and a check that both return the same fields.
 */
import { spawnSync } from 'node:child_process';
import process from 'node:process';
import { URL, fileURLToPath } from 'node:url';
import { cached, sourceHash } from '../lib/cache.mjs';
import { runMany, runOnce } from '../lib/measure.mjs';
import {
  formatCount,
  formatMemory,
  formatRate,
  formatRatio,
  formatSeconds,
  ratio,
  summarise,
} from '../lib/stats.mjs';
import { SHOW_COMMANDS, writeShowInput } from '../show/inputs.mjs';

const PYTHON = '/usr/bin/python3';
const here = (p) => fileURLToPath(new URL(`../show/${p}`, import.meta.url));
/** Inputs for the field comparison stay small: TextFSM's JSON of a big file is slow and says nothing more. */
const COMPARE_BYTES = 1e6;

function textfsmMissing() {
  const r = spawnSync(PYTHON, ['-c', 'import textfsm'], { stdio: 'ignore' });
  if (r.error) return `${PYTHON} not found`;
  return r.status === 0 ? undefined : `${PYTHON} cannot import textfsm (Debian package python3-textfsm)`;
}

const oursArgv = (kind, file, json) => [
  process.execPath,
  here('ours-parse.mjs'),
  kind,
  file,
  ...(json ? ['--json'] : []),
];
/** The reader and read stage without the parsers (bench/floor.mjs): the most any parser can reach. */
const floorArgv = (file) => [
  process.execPath,
  fileURLToPath(new URL('../floor.mjs', import.meta.url)),
  'read',
  file,
];
const textfsmArgv = (kind, file, json) => [
  PYTHON,
  here('textfsm_parse.py'),
  here(`templates/${SHOW_COMMANDS[kind].template}`),
  file,
  ...(json ? ['--json'] : []),
];

/** Compares both parsers' records on the fields ours produces; returns a sentence for the report. */
async function compareFields(ctx, kind, file) {
  const [ours, theirs] = await Promise.all([
    runOnce(oursArgv(kind, file, true), { capture: true, env: ctx.distEnv }),
    runOnce(textfsmArgv(kind, file, true), { capture: true }),
  ]);
  const a = JSON.parse(ours.stdout);
  const b = JSON.parse(theirs.stdout);
  if (a.length !== b.length) return `records differ: ours ${a.length}, TextFSM ${b.length}`;
  const fields = Object.keys(a[0] ?? {});
  let differing = 0;
  for (let i = 0; i < a.length; i++) for (const f of fields) if (a[i][f] !== b[i][f]) differing++;
  return differing === 0
    ? `same ${formatCount(a.length)} records, same values in ${fields.length} fields (${fields.join(', ')})`
    : `${differing} field values differ over ${a.length} records`;
}

export default {
  name: 'show',
  title: '`show crypto` parsing: ours vs TextFSM',
  async run(ctx) {
    const section = {
      columns: [
        'command',
        'input',
        'tool',
        'wall',
        'CPU',
        'MB/s (wall)',
        'MB/s (CPU)',
        'peak RSS',
        'vs TextFSM (CPU)',
      ],
      rows: [],
      missing: [],
      notes: [
        '`show crypto ipsec sa`: the ntc-templates fixtures `tests/cisco_ios/show_crypto_ipsec_sa_detail/*.raw`, one per device prompt, repeated to size. `show crypto isakmp sa`: ntc-templates has no fixture for it, so the IOS 12 layout of the seed (`dst src state conn-id slot`) and the IOS-XE layout (`IPv4 Crypto ISAKMP SA`, `conn-id status`) with generated rows.',
        `Ours: \`node bench/show/ours-parse.mjs\` (the file read as the CLI reads it, then the read and classify stages of the build, records counted); the floor row runs \`node bench/floor.mjs read FILE\`, the same without the classify stage. TextFSM: \`${PYTHON} bench/show/textfsm_parse.py TEMPLATE FILE\` with bench/show/templates/*.textfsm. Both times include interpreter start-up (ours about 80 ms, Node and loading the build: a quarter of our time at 8 MB; \`--show-mb 64\` measures the parsers rather than start-up).`,
      ],
      summary: [],
    };
    const missing = textfsmMissing();
    if (missing) section.missing.push({ what: 'TextFSM baseline', reason: missing });
    const inputsHash = sourceHash(['show/inputs.mjs', 'lib/random.mjs']);
    for (const kind of Object.keys(SHOW_COMMANDS)) {
      const build = (bytes) => (path) => ({ bytes, outputs: writeShowInput(kind, path, bytes) });
      const input = cached(
        ctx.cacheDir,
        `show-${kind}-${ctx.showMb}MB-${inputsHash}.txt`,
        build(ctx.showMb * 1e6),
      );
      const label = `${formatCount(input.bytes / 1e6)} MB, ${formatCount(input.outputs)} outputs`;
      const command = SHOW_COMMANDS[kind].command;
      ctx.log(`${command} × ${ctx.runs}…`);
      const measure = async (tool, argv) => {
        const runs = await runMany(argv, ctx.runs, { pin: ctx.pin, env: ctx.distEnv });
        const { seconds, cpuSeconds, rssKb } = summarise(runs);
        const mb = input.bytes / 1e6;
        return { tool, seconds, cpuSeconds, mbps: mb / seconds, cpuMbps: ratio(mb, cpuSeconds), rss: rssKb };
      };
      const ours = await measure('ipsec-doctor', oursArgv(kind, input.path, false));
      const floor = await measure('floor: reader + read stage, no parser', floorArgv(input.path));
      const textfsm = missing ? undefined : await measure('TextFSM', textfsmArgv(kind, input.path, false));
      for (const r of textfsm ? [ours, floor, textfsm] : [ours, floor]) {
        section.rows.push([
          `\`${command}\``,
          label,
          r.tool,
          formatSeconds(r.seconds),
          formatSeconds(r.cpuSeconds),
          formatRate(r.mbps, ''),
          formatRate(r.cpuMbps, ''),
          formatMemory(r.rss),
          formatRatio(ratio(r.cpuMbps, textfsm?.cpuMbps)),
        ]);
      }
      if (textfsm) {
        const small = cached(ctx.cacheDir, `show-${kind}-compare-${inputsHash}.txt`, build(COMPARE_BYTES));
        const verdict = await compareFields(ctx, kind, small.path);
        section.summary.push(
          `\`${command}\`: ${formatRatio(ratio(ours.cpuMbps, textfsm.cpuMbps))} TextFSM's throughput in CPU time, ${formatRatio(ratio(ours.mbps, textfsm.mbps))} in wall-clock (goal ≥ 20×; the reader and read stage alone reach ${formatRatio(ratio(floor.cpuMbps, textfsm.cpuMbps))}); on ${formatCount(small.bytes / 1e6)} MB: ${verdict}.`,
        );
      }
    }
    return section;
  },
};
