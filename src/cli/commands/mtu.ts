import { type Command, Option } from 'commander';
import { type MtuAdvice, MtuError, mtuAdvice, printable } from '../../config/mtu.js';
import { type Translator, pickLanguage, translator } from '../../i18n/index.js';
import { VERSION } from '../../version.js';
import { InputError } from '../inputs.js';
import { type CommonOptions, type SetExit, common } from '../options.js';

interface MtuOptions extends CommonOptions {
  transform: string;
  pathMtu?: string;
  natT?: boolean;
  transport?: boolean;
}

/** Rows of the breakdown: overhead field, its label, shown only when non-zero (except padding). */
const PARTS = [
  ['outerIp', 'mtu.part.outerIp'],
  ['udp', 'mtu.part.udp'],
  ['ah', 'mtu.part.ah'],
  ['espHeader', 'mtu.part.espHeader'],
  ['iv', 'mtu.part.iv'],
  ['padding', 'mtu.part.padding'],
  ['trailer', 'mtu.part.trailer'],
  ['icv', 'mtu.part.icv'],
] as const;

interface Row {
  label: string;
  worst: number;
  atLargest: number;
}

function rows(a: MtuAdvice, t: Translator): Row[] {
  const o = a.overhead;
  const out: Row[] = [];
  for (const [field, key] of PARTS) {
    if (field === 'padding') {
      if (o.trailer > 0)
        out.push({ label: t.text(key, { block: o.block }), worst: o.paddingMax, atLargest: a.padding });
    } else if (o[field] > 0) out.push({ label: t.text(key), worst: o[field], atLargest: o[field] });
  }
  out.push({ label: t.text('mtu.part.total'), worst: o.max, atLargest: o.fixed + a.padding });
  return out;
}

function heading(a: MtuAdvice, t: Translator): string {
  const mode = [t.text(`mtu.mode.${a.overhead.mode}`), ...(a.natT ? [t.text('mtu.natT')] : [])].join(', ');
  return t.text('mtu.heading', { transforms: a.overhead.transforms.join(' '), mode, pathMtu: a.pathMtu });
}

/** Facts after the table: what a full-size packet becomes, the largest that fits, caveats. */
function facts(a: MtuAdvice, t: Translator): string[] {
  return [
    t.text('mtu.fullSize', { pathMtu: a.pathMtu, size: a.fullSizeEncapsulated }),
    t.text('mtu.largest', { size: a.largestPacket, encapsulated: a.encapsulated, mss: a.tcpMss }),
    ...(a.overhead.mode === 'transport' ? [t.text('mtu.transportHeader')] : []),
    ...a.mss
      .filter((m) => m.mss === undefined)
      .map((m) =>
        t.text('mtu.mssTooSmall', { platform: m.platform.toUpperCase(), mss: a.tcpMss, min: m.min }),
      ),
  ];
}

function configBlocks(a: MtuAdvice, t: Translator): [string, string][] {
  return [
    [t.text('mtu.ios'), a.commands.ios],
    [t.text('mtu.asa'), a.commands.asa],
  ].filter((b): b is [string, string] => b[1] !== '');
}

function renderText(a: MtuAdvice, t: Translator): string {
  const table = rows(a, t);
  const width = Math.max(t.text('mtu.worst').length, ...table.map((r) => String(r.worst).length));
  const atHeader = t.text('mtu.atSize', { size: a.largestPacket });
  const atWidth = Math.max(atHeader.length, ...table.map((r) => String(r.atLargest).length));
  const line = (w: string, at: string, label: string) =>
    `  ${w.padStart(width)}  ${at.padStart(atWidth)}  ${label}`;
  const out = [heading(a, t), '', line(t.text('mtu.worst'), atHeader, '')];
  for (const r of table) out.push(line(String(r.worst), String(r.atLargest), r.label));
  out.push('', ...facts(a, t));
  for (const [title, commands] of configBlocks(a, t)) out.push('', title, commands);
  return out.join('\n').replace(/ +$/gm, '') + '\n';
}

function renderMarkdown(a: MtuAdvice, t: Translator): string {
  const out = [
    `# ${heading(a, t)}`,
    '',
    `| | ${t.text('mtu.worst')} | ${t.text('mtu.atSize', { size: a.largestPacket })} |`,
  ];
  out.push('|---|---:|---:|');
  for (const r of rows(a, t)) out.push(`| ${r.label} | ${r.worst} | ${r.atLargest} |`);
  out.push('', ...facts(a, t).flatMap((f) => [f, '']));
  for (const [title, commands] of configBlocks(a, t))
    out.push(`**${title}**`, '', '```', commands, '```', '');
  return out.join('\n');
}

function mtuCommand(o: MtuOptions): number {
  const lang = pickLanguage(o.lang);
  const t = translator(lang);
  try {
    const raw = o.pathMtu;
    if (raw !== undefined && !/^\d{1,5}$/.test(raw)) throw new MtuError('pathMtu', { value: printable(raw) });
    const advice = mtuAdvice(o.transform, {
      mode: o.transport ? 'transport' : 'tunnel',
      natT: o.natT ?? false,
      ...(raw === undefined ? {} : { pathMtu: Number(raw) }),
    });
    const body =
      o.format === 'json'
        ? JSON.stringify({ tool: 'ipsec-doctor', version: VERSION, findings: [], mtu: advice }, null, 2) +
          '\n'
        : o.format === 'markdown'
          ? renderMarkdown(advice, t)
          : renderText(advice, t);
    process.stdout.write(body);
    return 0;
  } catch (err) {
    if (err instanceof MtuError) throw new InputError(t.text(`mtu.error.${err.key}`, err.vars));
    throw err;
  }
}

export function register(program: Command, setExit: SetExit): void {
  common(
    program
      .command('mtu')
      .description('ESP overhead of a transform set, and the ip mtu / tcp adjust-mss values to configure')
      .requiredOption('-t, --transform <transforms>', 'transform set, in quotes: "esp-aes 256 esp-sha-hmac"')
      .option('--path-mtu <bytes>', 'MTU of the path between the peers (default 1500)')
      .option('--nat-t', 'NAT traversal: ESP inside UDP 4500')
      .addOption(new Option('--tunnel', 'tunnel mode (default)').conflicts('transport'))
      .addOption(new Option('--transport', 'transport mode: no outer IP header')),
  ).action((o: MtuOptions) => setExit(mtuCommand(o)));
}
