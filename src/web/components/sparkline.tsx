import { useLocale } from '../context.js';
import { sparklinePath } from '../sparkline.js';

const W = 120;
const H = 24;

/** Error messages per minute over the last hour, inline SVG (no image request, nothing to load). */
export function Sparkline({ values }: { values: readonly number[] }) {
  const { t } = useLocale();
  const total = values.reduce((a, b) => a + b, 0);
  const label = t('fleet.rateLabel', { total, max: Math.max(0, ...values) });
  return (
    <svg class="sparkline" viewBox={`0 0 ${W} ${H}`} width={W} height={H} role="img" aria-label={label}>
      <title>{label}</title>
      <path d={sparklinePath(values, W, H - 2)} transform="translate(0 1)" />
    </svg>
  );
}
