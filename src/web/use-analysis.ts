import { useEffect, useRef, useState } from 'preact/hooks';
import { useKept } from './kept.js';
import { type AnnotatedLine, type Input, type Report, api } from './api.js';
import { useLocale } from './context.js';
import type { Language } from './i18n.js';

export interface Analysed {
  inputs: Input[];
  lang: Language;
  report: Report;
  lines: AnnotatedLine[];
}

/**
 * Runs an analysis verb and annotates its inputs (the lines shown under the findings). A result
 * in another language than the page's is run again without adding to the history.
 */
export function useAnalysis(verb: 'diagnose' | 'check') {
  const { lang } = useLocale();
  const [result, setResult] = useKept<Analysed | undefined>(`${verb}.result`, undefined);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const latest = useRef(0);

  const run = async (inputs: Input[], save: boolean, language = lang) => {
    const ticket = ++latest.current;
    setBusy(true);
    setError(undefined);
    try {
      const [report, lines] = await Promise.all([
        api[verb]({ inputs, lang: language, save }),
        api.annotate({ inputs, lang: language }),
      ]);
      if (ticket === latest.current) setResult({ inputs, lang: language, report, lines });
    } catch (err) {
      if (ticket === latest.current) setError(err);
    } finally {
      if (ticket === latest.current) setBusy(false);
    }
  };

  /** A past analysis: its (masked) inputs, analysed again in the current language. */
  const open = async (id: number): Promise<Input[] | undefined> => {
    try {
      const entry = await api.entry(id);
      void run(entry.inputs, false);
      return entry.inputs;
    } catch (err) {
      setError(err);
      return undefined;
    }
  };

  useEffect(() => {
    if (result && result.lang !== lang) void run(result.inputs, false, lang);
  }, [lang]);

  return { result, busy, error, run, open };
}

/** Names that tell inputs apart (evidence cites inputs by name). */
export function uniqueNames(inputs: Input[]): Input[] {
  const seen = new Map<string, number>();
  return inputs.map((i) => {
    const n = (seen.get(i.name) ?? 0) + 1;
    seen.set(i.name, n);
    return n === 1 ? i : { ...i, name: `${i.name} (${n})` };
  });
}
