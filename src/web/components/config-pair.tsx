import type { Input } from '../api.js';
import { useLocale } from '../context.js';
import { FileDrop, readFiles } from './file-drop.js';

export const PAIR_SIDES = ['A', 'B'] as const;
export type PairSide = (typeof PAIR_SIDES)[number];
export type ConfigPairInputs = Record<PairSide, Input>;

const DEFAULT_NAMES: Record<PairSide, string> = { A: 'a.cfg', B: 'b.cfg' };

export const emptyPair = (): ConfigPairInputs => ({
  A: { name: DEFAULT_NAMES.A, text: '' },
  B: { name: DEFAULT_NAMES.B, text: '' },
});

/** A then B as the API takes them: a name for each, and two different names (evidence cites inputs by name). */
export function pairInputs(sides: ConfigPairInputs): [Input, Input] | undefined {
  const a = { ...sides.A, name: sides.A.name.trim() || DEFAULT_NAMES.A };
  const b = { ...sides.B, name: sides.B.name.trim() || DEFAULT_NAMES.B };
  if (a.name === b.name) b.name = `${b.name} (B)`;
  if (a.text.trim() === '' || b.text.trim() === '') return undefined;
  return [a, b];
}

interface Props {
  sides: ConfigPairInputs;
  onChange: (side: PairSide, patch: Partial<Input>) => void;
  /** Ctrl+Enter (or Cmd+Enter) in either text area. */
  onSubmit: () => void;
}

/** Two configurations, A and B: a name, the text (pasted, dropped or picked) for each. */
export function ConfigPair({ sides, onChange, onSubmit }: Props) {
  const { t } = useLocale();
  return (
    <>
      {PAIR_SIDES.map((side) => (
        <FileDrop key={side} onFiles={([f]) => f && onChange(side, f)}>
          <fieldset class="side">
            <legend>{t('check.side', { side })}</legend>
            <label>
              {t('check.name')}{' '}
              <input
                type="text"
                value={sides[side].name}
                maxLength={200}
                onInput={(e) => onChange(side, { name: e.currentTarget.value })}
              />
            </label>
            <textarea
              aria-label={t('check.side', { side })}
              rows={12}
              spellcheck={false}
              placeholder={t('check.placeholder', { side })}
              value={sides[side].text}
              onInput={(e) => onChange(side, { text: e.currentTarget.value })}
              onKeyDown={(e) => {
                if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
                  e.preventDefault();
                  onSubmit();
                }
              }}
            />
            <label class="file-button">
              {t('diagnose.addFiles')}
              <input
                type="file"
                onChange={(e) => {
                  const input = e.currentTarget;
                  void readFiles(input.files).then(([f]) => {
                    if (f) onChange(side, f);
                    input.value = '';
                  });
                }}
              />
            </label>
          </fieldset>
        </FileDrop>
      ))}
    </>
  );
}
