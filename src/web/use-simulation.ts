import { useEffect, useRef, useState } from 'preact/hooks';
import { type SimulationReport, type SimulationRequest, api } from './api.js';
import { useLocale } from './context.js';
import { useKept } from './kept.js';

export interface Simulated {
  request: SimulationRequest;
  report: SimulationReport;
}

/**
 * Runs the simulator; a result in another language than the page's is run again (its findings
 * come localised from the server). Only the latest request's answer is shown.
 */
export function useSimulation() {
  const { lang } = useLocale();
  const [result, setResult] = useKept<Simulated | undefined>('simulate.result', undefined);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const latest = useRef(0);

  const run = async (request: SimulationRequest) => {
    const ticket = ++latest.current;
    setBusy(true);
    setError(undefined);
    try {
      const report = await api.simulate(request);
      if (ticket === latest.current) setResult({ request, report });
    } catch (err) {
      if (ticket === latest.current) setError(err);
    } finally {
      if (ticket === latest.current) setBusy(false);
    }
  };

  useEffect(() => {
    if (result && result.request.lang !== lang) void run({ ...result.request, lang });
  }, [lang]);

  return { result, busy, error, run };
}
